import { existsSync } from "node:fs";
import { delimiter, isAbsolute, join, relative } from "node:path";
import type { LoadedConfig } from "../../config/types.ts";
import { isWfError } from "../../runner/errors.ts";
import { findCommand } from "../../runner/registry.ts";
import { listClaudeHooks, readSettings } from "../claude-settings.ts";
import type { Finding } from "./finding.ts";

/** The config loads and validates. */
export async function checkConfig(cwd: string, env: Record<string, string | undefined>): Promise<{ finding: Finding; loaded?: LoadedConfig }> {
  const { loadConfig } = await import("../../config/load.ts");
  try {
    const loaded = await loadConfig({ cwd, env });
    const where = loaded.sources.map((s) => s.path.replace(`${loaded.root}/`, "")).join(", ") || "defaults";
    return { loaded, finding: { id: "config", title: "config", status: loaded.warnings.length ? "warn" : "ok", message: loaded.warnings.length ? `${where}: ${loaded.warnings[0]}` : `valid (${where})`, fix: loaded.warnings.length ? "wf-task config validate" : undefined } };
  } catch (error) {
    const message = isWfError(error) ? `${error.where ? `${error.where}: ` : ""}${error.message}` : (error as Error).message;
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
  if (!check.installed) return { id: "scripts", title, status: "ok", message: "none installed in .ai/workflow/ (the CLI is used directly)" };
  if (check.missing.length) return { id: "scripts", title, status: "fail", message: `missing: ${check.missing.join(", ")}`, fix: "wf-task scripts install" };
  if (check.stale) return { id: "scripts", title, status: "fail", message: `installed by wf-task ${check.version}, this is a different version`, fix: "wf-task scripts install" };
  if (check.edited.length) return { id: "scripts", title, status: "warn", message: `edited by hand since install: ${check.edited.join(", ")}`, fix: "wf-task scripts install --force (overwrites the edits)" };
  return { id: "scripts", title, status: "ok", message: `up to date (wf-task ${check.version})` };
}

/** The git/husky pre-commit hook in every worktree, as `wf-task hooks status` sees it. */
export async function checkGitHooks(root: string, env?: Record<string, string | undefined>): Promise<Finding[]> {
  const { gitHooksStatus } = await import("../../enforcement/hooks.ts");
  let status: Awaited<ReturnType<typeof gitHooksStatus>>;
  try {
    status = await gitHooksStatus(root, env);
  } catch {
    return [{ id: "git-hooks", title: "git hooks", status: "skip", message: "not a git repository" }];
  }
  if (!status.worktrees.some((w) => w.installed)) {
    return [{ id: "git-hooks", title: "git hooks", status: "warn", message: "no pre-commit hook calls wf-task (TDD is not enforced at commit time)", fix: "wf-task hooks install" }];
  }
  return status.worktrees.map((w) => {
    const title = `pre-commit hook (${w.path === root ? "." : w.path})`;
    const file = relative(w.path, w.hook) || w.hook;
    return w.runs
      ? { id: "git-hooks", title, status: "ok" as const, message: `${file} (${status.manager})` }
      : { id: "git-hooks", title, status: "fail" as const, message: w.problem ?? `${file} would not run`, fix: w.path === root ? "wf-task hooks install" : `cd ${w.path} && wf-task hooks install` };
  });
}

function onPath(name: string, env: Record<string, string | undefined>): boolean {
  return (env.PATH ?? "").split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
}

/** Whether a hook command can run: its program exists and its wf-task subcommand is known. */
export function hookCommandProblem(command: string, root: string, env: Record<string, string | undefined>): string | undefined {
  const words = command.replace(/"\$CLAUDE_PROJECT_DIR"|\$CLAUDE_PROJECT_DIR|\$\{CLAUDE_PROJECT_DIR\}/g, root).split(/\s+/).filter(Boolean);
  const at = words.findIndex((w) => /(^|\/)wf-task(\.m?js)?$/.test(w));
  const program = words[0]!;
  if (program === "npx") {
    if (!existsSync(join(root, "node_modules/.bin/wf-task")) && !onPath("wf-task", env)) return "wf-task is not installed in the project (npx --no-install cannot find it)";
  } else if (program === "node" || program === "deno") {
    const script = words.find((w, i) => i > 0 && !w.startsWith("-"));
    if (script && !existsSync(isAbsolute(script) ? script : join(root, script))) return `${script} does not exist`;
  } else if (isAbsolute(program) || program.includes("/")) {
    if (!existsSync(isAbsolute(program) ? program : join(root, program))) return `${program} does not exist`;
  } else if (!onPath(program, env)) return `${program} is not on PATH`;
  const sub = at >= 0 ? words[at + 1] : undefined;
  if (sub && !findCommand(sub)) return `wf-task has no command \`${sub}\``;
  return undefined;
}

/** wf-task's hooks in .claude/settings.json: present, and pointing at commands that exist. */
export function checkClaudeSettings(root: string, env: Record<string, string | undefined>): Finding[] {
  const title = "Claude Code hooks";
  let hooks: ReturnType<typeof listClaudeHooks>;
  try {
    readSettings(join(root, ".claude/settings.json"), root);
    hooks = listClaudeHooks(root);
  } catch (error) {
    return [{ id: "claude-hooks", title, status: "fail", message: (error as Error).message, fix: "fix .claude/settings.json by hand (it is not valid JSON)" }];
  }
  if (!hooks.length) return [{ id: "claude-hooks", title, status: "warn", message: "no wf-task hooks in .claude/settings.json", fix: "wf-task hooks install --claude" }];
  const findings: Finding[] = [];
  for (const event of ["SessionStart", "PreToolUse"]) {
    if (!hooks.some((h) => h.event === event)) findings.push({ id: "claude-hooks", title: `${title}: ${event}`, status: "fail", message: `the ${event} hook was removed from .claude/settings.json`, fix: "wf-task hooks install --claude" });
  }
  for (const hook of hooks) {
    const problem = hookCommandProblem(hook.command, root, env);
    findings.push(problem
      ? { id: "claude-hooks", title: `${title}: ${hook.event}`, status: "fail", message: `\`${hook.command}\`: ${problem}`, fix: /not installed|node_modules\/\.bin\/wf-task/.test(problem) ? "npm i -D wf-task" : "wf-task hooks install --claude" }
      : { id: "claude-hooks", title: `${title}: ${hook.event}`, status: "ok", message: hook.command });
  }
  return findings;
}
