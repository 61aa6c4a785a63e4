import { existsSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import type { LoadedConfig } from "../../config/types.ts";
import { isWfError } from "../../core/errors.ts";
import { listClaudeHooks, readSettings } from "../claude-settings.ts";
import type { Finding } from "./finding.ts";
import { onPath } from "../../core/run.ts";

/** The config loads and validates (`open` is the command's `ctx.project`). */
export async function checkConfig(
  open: () => Promise<LoadedConfig>,
): Promise<{ finding: Finding; loaded?: LoadedConfig }> {
  try {
    const loaded = await open();
    const where = loaded.sources.map((s) => s.path.replace(`${loaded.root}/`, "")).join(", ") || "defaults";
    return {
      loaded,
      finding: {
        id: "config",
        title: "config",
        status: loaded.warnings.length ? "warn" : "ok",
        message: loaded.warnings.length ? `${where}: ${loaded.warnings[0]}` : `valid (${where})`,
        fix: loaded.warnings.length ? "wf-task config validate" : undefined,
      },
    };
  } catch (error) {
    const message = isWfError(error)
      ? `${error.where ? `${error.where}: ` : ""}${error.message}`
      : (error as Error).message;
    return { finding: { id: "config", title: "config", status: "fail", message, fix: "wf-task config validate" } };
  }
}

/** Installed scripts against this wf-task version (manifest checksums). */
export async function checkScripts(root: string): Promise<Finding> {
  const title = "installed scripts";
  let check: { installed: boolean; version?: string; stale: boolean; edited: string[]; missing: string[] };
  try {
    const { checkInstalledScripts } = await import("../../scripts/manifest.ts");
    check = await checkInstalledScripts(root);
  } catch (error) {
    return { id: "scripts", title, status: "skip", message: `cannot check: ${(error as Error).message}` };
  }
  if (!check.installed)
    return {
      id: "scripts",
      title,
      status: "ok",
      message: "none installed in .ai/workflow/ (the CLI is used directly)",
    };
  if (check.missing.length)
    return {
      id: "scripts",
      title,
      status: "fail",
      message: `missing: ${check.missing.join(", ")}`,
      fix: "wf-task scripts install",
    };
  if (check.stale)
    return {
      id: "scripts",
      title,
      status: "fail",
      message: `installed by wf-task ${check.version}, this is a different version`,
      fix: "wf-task scripts install",
    };
  if (check.edited.length)
    return {
      id: "scripts",
      title,
      status: "warn",
      message: `edited by hand since install: ${check.edited.join(", ")}`,
      fix: "wf-task scripts install --force (overwrites the edits)",
    };
  return { id: "scripts", title, status: "ok", message: `up to date (wf-task ${check.version})` };
}

/** The git/husky pre-commit hook in every worktree, as `wf-task hooks status` sees it, then proven on a probe when the config loads. */
export async function checkGitHooks(
  root: string,
  env?: Record<string, string | undefined>,
  loaded?: LoadedConfig,
): Promise<Finding[]> {
  const { gitHooksStatus } = await import("../../enforcement/hooks.ts");
  let status: Awaited<ReturnType<typeof gitHooksStatus>>;
  try {
    status = await gitHooksStatus(root, env);
  } catch {
    return [{ id: "git-hooks", title: "git hooks", status: "skip", message: "not a git repository" }];
  }
  if (!status.worktrees.some((w) => w.installed)) {
    return [
      {
        id: "git-hooks",
        title: "git hooks",
        status: "warn",
        message: "no pre-commit hook calls wf-task (TDD is not enforced at commit time)",
        fix: "wf-task hooks install",
      },
    ];
  }
  const { probeGate } = await import("./guards.ts");
  return Promise.all(
    status.worktrees.map(async (w): Promise<Finding> => {
      const title = `pre-commit hook (${w.path === root ? "." : w.path})`;
      const file = relative(w.path, w.hook) || w.hook;
      const fix = w.path === root ? "wf-task hooks install" : `cd ${w.path} && wf-task hooks install`;
      if (!w.runs)
        return { id: "git-hooks", title, status: "fail", message: w.problem ?? `${file} would not run`, fix };
      if (!loaded) return { id: "git-hooks", title, status: "ok", message: `${file} (${status.manager})` };
      const proof = await probeGate(w.path, loaded, env ?? process.env);
      return {
        id: "git-hooks",
        title,
        ...proof,
        message: `${file} (${status.manager}): ${proof.message}`,
        ...(proof.fix ? { fix: proof.fix === "wf-task hooks install" ? fix : proof.fix } : {}),
      };
    }),
  );
}

/** Whether a hook command can run: its program exists and its wf-task subcommand is known. */
export function hookCommandProblem(
  command: string,
  root: string,
  env: Record<string, string | undefined>,
  isCommand: (name: string) => boolean,
): string | undefined {
  const words = command
    .replace(/"\$CLAUDE_PROJECT_DIR"|\$CLAUDE_PROJECT_DIR|\$\{CLAUDE_PROJECT_DIR\}/g, root)
    .split(/\s+/)
    .filter(Boolean);
  const at = words.findIndex((w) => /(^|\/)wf-task(\.m?js)?$/.test(w));
  const program = words[0]!;
  if (program === "npx") {
    if (!existsSync(join(root, "node_modules/.bin/wf-task")) && !onPath("wf-task", env))
      return "wf-task is not installed in the project (npx --no-install cannot find it)";
  } else if (program === "node" || program === "deno") {
    const script = words.find((w, i) => i > 0 && !w.startsWith("-"));
    if (script && !existsSync(isAbsolute(script) ? script : join(root, script))) return `${script} does not exist`;
  } else if (isAbsolute(program) || program.includes("/")) {
    if (!existsSync(isAbsolute(program) ? program : join(root, program))) return `${program} does not exist`;
  } else if (!onPath(program, env)) return `${program} is not on PATH`;
  const sub = at >= 0 ? words[at + 1] : undefined;
  if (sub && !isCommand(sub)) return `wf-task has no command \`${sub}\``;
  return undefined;
}

/**
 * wf-task's hooks in each worktree's .claude/settings.json: present, pointing at commands that exist,
 * and — when the config loads — answering when run from that worktree as Claude Code runs them.
 */
export async function checkClaudeSettings(
  root: string,
  env: Record<string, string | undefined>,
  loaded: LoadedConfig | undefined,
  isCommand: (name: string) => boolean,
): Promise<Finding[]> {
  const { listWorktrees } = await import("../../enforcement/hooks.ts");
  let trees: { path: string; main: boolean }[];
  try {
    trees = listWorktrees({ cwd: root, env });
  } catch {
    trees = [];
  }
  if (!trees.some((t) => t.path === root))
    trees = [{ path: root, main: true }, ...trees.filter((t) => t.path !== root)];
  const findings: Finding[] = [];
  let mainHooks = 0;
  for (const tree of trees) {
    const here = tree.path === root;
    const title = here ? "Claude Code hooks" : `Claude Code hooks (${tree.path})`;
    let hooks: ReturnType<typeof listClaudeHooks>;
    try {
      readSettings(join(tree.path, ".claude/settings.json"), tree.path);
      hooks = listClaudeHooks(tree.path);
    } catch (error) {
      findings.push({
        id: "claude-hooks",
        title,
        status: "fail",
        message: (error as Error).message,
        fix: "fix .claude/settings.json by hand (it is not valid JSON)",
      });
      continue;
    }
    if (here) mainHooks = hooks.length;
    if (!hooks.length) {
      if (here)
        findings.push({
          id: "claude-hooks",
          title,
          status: "warn",
          message: "no wf-task hooks in .claude/settings.json",
          fix: "wf-task hooks install --claude",
        });
      else if (mainHooks)
        findings.push({
          id: "claude-hooks",
          title,
          status: "fail",
          message: "no wf-task hooks in this worktree's .claude/settings.json: trust and session restore are off here",
          fix: `copy .claude/settings.json and ${".claude/hooks/wf-task"} from the main checkout, or commit them`,
        });
      continue;
    }
    for (const event of ["SessionStart", "PreToolUse", "PreCompact"]) {
      const lost = event === "PreCompact" ? ": no handoff is written before Claude Code compacts a session" : "";
      if (!hooks.some((h) => h.event === event))
        findings.push({
          id: "claude-hooks",
          title: `${title}: ${event}`,
          status: "fail",
          message: `the ${event} hook was removed from .claude/settings.json${lost}`,
          fix: "wf-task hooks install --claude",
        });
    }
    const { probeClaudeHook } = await import("./guards.ts");
    for (const hook of hooks) {
      const problem = hookCommandProblem(hook.command, tree.path, env, isCommand);
      if (problem) {
        findings.push({
          id: "claude-hooks",
          title: `${title}: ${hook.event}`,
          status: "fail",
          message: `\`${hook.command}\`: ${problem}`,
          fix: /not installed|node_modules\/\.bin\/wf-task|\.claude\/hooks\/wf-task/.test(problem)
            ? "wf-task hooks install --claude (in the main checkout; worktrees get the launcher from wf-task parallel start)"
            : "wf-task hooks install --claude",
        });
        continue;
      }
      if (!loaded || (hook.event !== "SessionStart" && hook.event !== "PreToolUse")) {
        findings.push({ id: "claude-hooks", title: `${title}: ${hook.event}`, status: "ok", message: hook.command });
        continue;
      }
      const proof = await probeClaudeHook(tree.path, hook, loaded, env);
      findings.push({
        id: "claude-hooks",
        title: `${title}: ${hook.event}`,
        ...proof,
        message: `${hook.command}: ${proof.message}`,
      });
    }
  }
  return findings;
}
