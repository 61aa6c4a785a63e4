import { defineCommand } from "../../core/command.ts";
import { findRoot } from "../../config/root.ts";
import type { Finding } from "../doctor/finding.ts";
import { findCommand } from "../../cli/registry.ts";

const MARK: Record<Finding["status"], string> = { ok: "ok  ", warn: "warn", fail: "FAIL", skip: "skip" };

export default defineCommand({
  meta: {
    name: "doctor",
    description: "Check tools, config, installed scripts, git and Claude Code hooks, MCP servers",
    details: [
      "Each finding says what to run to fix it. Exit 1 when something is broken (a `fail`), 0 otherwise.",
      "Guards are proven, in the main checkout and every worktree: git's pre-commit hook runs on a probe index with an",
      "untested file staged (the gate must refuse it; the work tree and index are untouched), and each Claude Code hook",
      "command runs as Claude Code runs it (a low-trust write must get ask or deny; SessionStart must return context).",
      "Example MCP servers wf-task wrote, unedited, whose program is missing are information (skip), not failures.",
      "JSON: {ok, root, checks:[{id: node|git|tmux|deno|config|scripts|git-hooks|claude-hooks|mcp, title, status: ok|warn|fail|skip, message, fix?}]}",
    ].join("\n"),
    examples: ["wf-task doctor", "wf-task doctor --json --skip-mcp"],
  },
  args: {
    skipMcp: { type: "boolean", description: "Do not connect to the MCP servers" },
    timeout: {
      type: "number",
      description: "MCP handshake timeout in ms (default min(5000, integrations.mcp.timeoutMs))",
      valueHint: "ms",
    },
  },
  async run(ctx) {
    const { checkTools } = await import("../doctor/tools.ts");
    const project = await import("../doctor/project.ts");
    const checks: Finding[] = [...checkTools(ctx.env)];
    const config = await project.checkConfig(() => ctx.project());
    checks.push(config.finding);
    const root = config.loaded?.root ?? findRoot(ctx.cwd);
    checks.push(await project.checkScripts(root));
    checks.push(...(await project.checkGitHooks(root, ctx.env, config.loaded)));
    checks.push(
      ...(await project.checkClaudeSettings(root, ctx.env, config.loaded, (name) => findCommand(name) !== undefined)),
    );
    if (ctx.args.skipMcp) checks.push({ id: "mcp", title: "MCP servers", status: "skip", message: "--skip-mcp" });
    else if (!config.loaded)
      checks.push({ id: "mcp", title: "MCP servers", status: "skip", message: "the config does not load" });
    else {
      const { checkMcp } = await import("../doctor/mcp.ts");
      checks.push(...(await checkMcp(ctx, ctx.args.timeout)));
    }
    const ok = !checks.some((c) => c.status === "fail");
    ctx.emit({ ok, root, checks }, () => {
      const lines = checks.map(
        (c) =>
          `${MARK[c.status]}  ${c.title}: ${c.message}${c.fix && c.status !== "ok" ? `\n      fix: ${c.fix}` : ""}`,
      );
      const counts = (["fail", "warn"] as const).map(
        (s) => `${checks.filter((c) => c.status === s).length} ${s === "fail" ? "broken" : "warnings"}`,
      );
      lines.push("", ok ? `All good (${counts[1]}).` : `${counts.join(", ")}.`);
      return lines.join("\n");
    });
    return ok ? 0 : 1;
  },
});
