import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { LAUNCHER_BIN, LAUNCHER_FILE, launcherScript } from "../core/launcher.ts";
import { WfError } from "../core/errors.ts";
import { atomicWrite } from "../util/atomic-write.ts";
import { withLock } from "../util/lock.ts";
import { preCompactHookEntry } from "../harness/handoff.ts";
import { runsMigratedScript } from "../migrate/shim.ts";

/** The tools whose writes the PreToolUse trust hook judges (Bash: every file its command writes, and bypasses of the git hooks). */
export const EDIT_TOOLS_MATCHER = "Write|Edit|MultiEdit|NotebookEdit|Bash";

/** One hook wf-task owns in .claude/settings.json. */
export interface WfHook {
  event: "SessionStart" | "PreToolUse" | "PreCompact" | "Stop";
  matcher?: string;
  command: string;
  /** Seconds Claude Code waits for the hook. */
  timeout: number;
}

export interface ClaudeHooksOptions {
  root: string;
  uninstall?: boolean;
  /** Also add the Stop hook that records a compound event (default false). */
  stop?: boolean;
  /** How hooks call wf-task (default: the launcher `.claude/hooks/wf-task`, which finds it from any worktree). */
  bin?: string;
  /** Settings file relative to root (default `.claude/settings.json`). */
  file?: string;
}

export interface ClaudeHooksResult {
  changed: boolean;
  /** Absolute path of the settings file. */
  file: string;
  /** `Event: command` of each hook added. */
  added: string[];
  /** `Event: command` of each hook removed. */
  removed: string[];
}

/**
 * How a hook calls wf-task: through the launcher `.claude/hooks/wf-task`, which runs the wf-task of the
 * worktree Claude Code works in (`$CLAUDE_PROJECT_DIR`), else of the main checkout, else on PATH.
 */
export function defaultHookBin(): string {
  return LAUNCHER_BIN;
}

/** Writes (or, with `remove`, deletes when unedited) the launcher; returns what changed. */
export async function writeLauncher(
  root: string,
  remove = false,
): Promise<"created" | "updated" | "unchanged" | "removed" | "absent"> {
  const file = join(root, LAUNCHER_FILE);
  const want = launcherScript();
  const have = existsSync(file) ? readFileSync(file, "utf8") : null;
  if (remove) {
    if (have !== want) return "absent";
    rmSync(file);
    return "removed";
  }
  if (have === want) return "unchanged";
  await atomicWrite(file, want, { mode: 0o755 });
  return have === null ? "created" : "updated";
}

/** The hooks wf-task installs, calling wf-task through `bin`. */
export function wfHooks(bin = "npx --no-install wf-task", stop = false): WfHook[] {
  const hooks: WfHook[] = [
    { event: "SessionStart", command: `${bin} resume --hook claude`, timeout: 30 },
    { event: "PreToolUse", matcher: EDIT_TOOLS_MATCHER, command: `${bin} trust hook claude`, timeout: 10 },
    preCompactHookEntry(bin),
  ];
  if (stop) hooks.push({ event: "Stop", command: `${bin} compound track session_stopped`, timeout: 10 });
  return hooks;
}

/** True for a hook command wf-task wrote (any way of calling it). */
export function isWfCommand(command: unknown, sub?: string): boolean {
  if (typeof command !== "string" || !/(^|[\s/])wf-task(\.mjs|\.js)?\s/.test(`${command} `)) return false;
  return sub === undefined || command.includes(` ${sub}`);
}

const SUBCOMMAND: Record<WfHook["event"], string> = {
  SessionStart: "resume --hook",
  PreToolUse: "trust hook",
  PreCompact: "resume --hook claude-precompact",
  Stop: "compound track",
};

/** The events whose hook `wf-task migrate`'s scripts also give (the bash workflow's `hooks/session_start.sh`). */
const MIGRATED: Partial<Record<string, string>> = {
  SessionStart: "hooks/session_start",
  PreCompact: "hooks/pre_compact",
};

/** A team's own entry that runs the migrated script of `event`: wf-task's hook under the team's command. */
const runsMigrated = (event: string, command: unknown, root: string) =>
  typeof command === "string" && !!MIGRATED[event] && runsMigratedScript(command, root, MIGRATED[event]!);

type Group = { matcher?: string; hooks?: { type?: string; command?: string; timeout?: number }[] } & Record<
  string,
  unknown
>;

/** Reads a settings file; a file that does not parse is an error, never overwritten. */
export function readSettings(file: string, root: string): Record<string, any> {
  if (!existsSync(file)) return {};
  const text = readFileSync(file, "utf8");
  if (!text.trim()) return {};
  try {
    const data = JSON.parse(text);
    if (data === null || typeof data !== "object" || Array.isArray(data)) throw new Error("expected a JSON object");
    return data;
  } catch (cause) {
    throw new WfError("E_CLAUDE_SETTINGS", `cannot parse: ${(cause as Error).message}`, {
      where: relative(root, file),
      hint: "fix the JSON by hand; wf-task does not overwrite a file it cannot read",
      cause,
    });
  }
}

/** Removes wf-task's hook of `event` from every group; drops groups left empty. */
function strip(groups: Group[], event: WfHook["event"], removed: string[]): Group[] {
  const out: Group[] = [];
  for (const group of groups) {
    const hooks = (group.hooks ?? []).filter((h) => {
      const mine = isWfCommand(h.command, SUBCOMMAND[event]);
      if (mine) removed.push(`${event}: ${h.command}`);
      return !mine;
    });
    if (hooks.length || !Array.isArray(group.hooks)) out.push({ ...group, hooks });
    else if (hooks.length === 0 && group.hooks.length === 0) out.push(group);
  }
  return out;
}

/**
 * Merges wf-task's hooks into `.claude/settings.json`, keeping everything else there. Running it
 * twice leaves one entry per hook; `uninstall` removes only wf-task's entries.
 */
export async function installClaudeHooks(options: ClaudeHooksOptions): Promise<ClaudeHooksResult> {
  const file = join(options.root, options.file ?? ".claude/settings.json");
  return withLock(file, async () => {
    const before = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    const settings = readSettings(file, options.root);
    if (settings.hooks !== undefined && (typeof settings.hooks !== "object" || Array.isArray(settings.hooks))) {
      throw new WfError("E_CLAUDE_SETTINGS", "expected `hooks` to be an object of events", {
        where: `${relative(options.root, file)}: hooks`,
        hint: "fix the settings file by hand",
      });
    }
    const hooks: Record<string, Group[]> = { ...(settings.hooks ?? {}) };
    const bin = options.bin ?? defaultHookBin();
    const wanted = options.uninstall ? [] : wfHooks(bin, options.stop);
    if (bin === LAUNCHER_BIN) await writeLauncher(options.root, options.uninstall);
    const added: string[] = [];
    const removedAll: string[] = [];
    for (const event of ["SessionStart", "PreToolUse", "PreCompact", "Stop"] as const) {
      const current = Array.isArray(hooks[event]) ? hooks[event]! : [];
      const removed: string[] = [];
      let groups = strip(current, event, removed);
      // the team's entry already runs wf-task's hook (through its migrated script): not added twice
      const team = groups.some((g) => (g.hooks ?? []).some((h) => runsMigrated(event, h.command, options.root)));
      const want = team ? undefined : wanted.find((h) => h.event === event);
      if (want) {
        const entry = { type: "command", command: want.command, timeout: want.timeout };
        const group: Group =
          want.matcher === undefined ? { hooks: [entry] } : { matcher: want.matcher, hooks: [entry] };
        groups = [...groups, group];
        const label = `${event}: ${want.command}`;
        const idx = removed.indexOf(label);
        if (idx >= 0) removed.splice(idx, 1);
        else added.push(label);
      }
      removedAll.push(...removed);
      if (groups.length) hooks[event] = groups;
      else delete hooks[event];
    }
    const next = { ...settings } as Record<string, unknown>;
    if (Object.keys(hooks).length) next.hooks = hooks;
    else delete next.hooks;
    const text = `${JSON.stringify(next, null, 2)}\n`;
    const changed = text !== before && !(before === undefined && options.uninstall);
    if (changed) await atomicWrite(file, text);
    return { changed, file, added, removed: removedAll };
  });
}

/** wf-task's hooks found in a settings file: `{event, matcher, command}` each. */
export function listClaudeHooks(
  root: string,
  file = ".claude/settings.json",
): { event: string; matcher?: string; command: string }[] {
  const settings = readSettings(join(root, file), root);
  const found: { event: string; matcher?: string; command: string }[] = [];
  for (const [event, groups] of Object.entries(settings.hooks ?? {})) {
    if (!Array.isArray(groups)) continue;
    for (const group of groups as Group[]) {
      for (const hook of group.hooks ?? []) {
        if (isWfCommand(hook.command) || runsMigrated(event, hook.command, root))
          found.push({ event, matcher: group.matcher, command: hook.command! });
      }
    }
  }
  return found;
}
