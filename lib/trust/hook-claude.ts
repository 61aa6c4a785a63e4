// Claude Code PreToolUse adapter: a tool call that writes files → allow / ask / deny by trust.
// Edit-like tools are judged by their file paths; Bash by every file its command writes
// (lib/trust/shell), and by the ways around the git hooks it takes.
import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { countChange } from "./change-limit.ts";
import { judgeTarget, judgeTree, otherCheckout, strictest, HONEST_WAY, type PermissionDecision } from "./judge.ts";
import type { TrustModel } from "./model.ts";

export type { PermissionDecision } from "./judge.ts";

/** What the hook prints (Claude Code's PreToolUse hook output). */
export interface ClaudeHookOutput {
  hookSpecificOutput: {
    hookEventName: "PreToolUse";
    permissionDecision: PermissionDecision;
    permissionDecisionReason: string;
  };
}

/** Tools that only read: the hook leaves them to Claude Code's own permissions. */
const READ_ONLY = new Set(["Read", "Glob", "Grep", "LS", "NotebookRead", "WebFetch", "WebSearch", "TodoWrite", "Task"]);

/** The hook's answer. */
export function hookOutput(decision: PermissionDecision, reason: string): ClaudeHookOutput {
  return {
    hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: decision, permissionDecisionReason: reason },
  };
}

/**
 * What a hook input asks about: the paths a tool call writes, a Bash command, nothing (no
 * opinion), or a problem.
 */
export type HookSubject =
  | { paths: string[]; cwd?: string; tool: string; toolInput: Record<string, unknown> }
  | { command: string; cwd?: string }
  | { skip: string }
  | { problem: string };

/** Reads the paths a PreToolUse input would write (file_path, notebook_path, edits[].file_path), or its Bash command. */
export function hookSubject(input: unknown): HookSubject {
  if (!input || typeof input !== "object" || Array.isArray(input))
    return { problem: "the hook input is not a JSON object" };
  const data = input as Record<string, unknown>;
  if (data.hook_event_name !== undefined && data.hook_event_name !== "PreToolUse")
    return { skip: `not a PreToolUse event (${String(data.hook_event_name)})` };
  const tool = data.tool_name;
  if (typeof tool !== "string" || !tool) return { problem: "the hook input has no tool_name" };
  if (READ_ONLY.has(tool)) return { skip: `${tool} only reads` };
  const toolInput = data.tool_input;
  if (toolInput !== undefined && (typeof toolInput !== "object" || toolInput === null || Array.isArray(toolInput)))
    return { problem: "tool_input is not an object" };
  const ti = (toolInput ?? {}) as Record<string, unknown>;
  const cwd = typeof data.cwd === "string" && isAbsolute(data.cwd) ? data.cwd : undefined;
  if (tool === "Bash") {
    if (typeof ti.command !== "string") return { problem: "tool_input.command is not a string" };
    return { command: ti.command, cwd };
  }
  const paths: string[] = [];
  for (const key of ["file_path", "notebook_path"] as const) {
    const value = ti[key];
    if (value === undefined) continue;
    if (typeof value !== "string" || !value) return { problem: `tool_input.${key} is not a path` };
    paths.push(value);
  }
  if (Array.isArray(ti.edits)) {
    for (const edit of ti.edits) {
      const p = edit && typeof edit === "object" ? (edit as Record<string, unknown>).file_path : undefined;
      if (typeof p === "string" && p) paths.push(p);
    }
  }
  if (!paths.length) return { skip: `${tool} writes no file path` };
  return { paths: [...new Set(paths)], cwd, tool, toolInput: ti };
}

/** One reason for a decision. */
export interface Verdict {
  decision: PermissionDecision;
  reason: string;
}

export interface HookOptions {
  /** `~` and `$HOME` in commands (default: process.env.HOME). */
  home?: string;
}

/**
 * The decision for a PreToolUse input: deny for forbidden paths and bypasses, allow when every
 * path's level auto-approves, ask otherwise (with the reason); undefined when the hook has no
 * opinion. A Bash command is never allowed by the hook (the rest of the command may do what no
 * trust level covers): its writes are denied, asked about, or left to Claude Code.
 */
export async function claudeHookDecision(
  model: TrustModel,
  input: unknown,
  options: HookOptions = {},
): Promise<ClaudeHookOutput | undefined> {
  const subject = hookSubject(input);
  if ("skip" in subject) return undefined;
  if ("problem" in subject)
    return hookOutput("ask", `wf-task trust: could not read the hook input (${subject.problem}); asking instead`);
  const verdicts =
    "command" in subject
      ? await commandVerdicts(
          model,
          subject.command,
          subject.cwd ?? model.root,
          options.home ?? process.env.HOME ?? "/",
        )
      : pathVerdicts(model, subject);
  // Per-session checks add their verdicts here, before deciding: the trust model's max_consecutive_changes.
  if (!("command" in subject) && verdicts.length) {
    const limited = countChange(
      model,
      input,
      strictest(verdicts).decision,
      subject.paths.map((p) => relative(model.root, resolve(subject.cwd ?? model.root, p))),
    );
    if (limited) return hookOutput("ask", `wf-task trust: ${limited}`);
  }
  return decide(verdicts, "command" in subject);
}

function decide(verdicts: Verdict[], command: boolean): ClaudeHookOutput | undefined {
  if (!verdicts.length) return undefined;
  const worst = strictest(verdicts);
  if (command && worst.decision === "allow") return undefined;
  const reasons = [...new Set(verdicts.filter((v) => v.decision === worst.decision).map((v) => v.reason))];
  return hookOutput(worst.decision, `wf-task trust: ${reasons.join("; ")}`);
}

function pathVerdicts(
  model: TrustModel,
  subject: { paths: string[]; cwd?: string; tool: string; toolInput: Record<string, unknown> },
): Verdict[] {
  return subject.paths.map((path) => {
    const absolute = resolve(subject.cwd ?? model.root, path);
    const v = judgeTarget(model, absolute, { guardSettings: false });
    if (/(^|[\\/])\.claude[\\/]settings[^\\/]*\.json$/.test(absolute)) {
      const change = settingsHooksChange(absolute, subject.tool, subject.toolInput);
      if (change) return { decision: "deny" as const, reason: `${v.path}: ${change}; ${HONEST_WAY}` };
    }
    return { decision: v.decision, reason: v.reason };
  });
}

/** Why an edit of .claude/settings*.json changes its `hooks` (the agent's own guards), or null. */
export function settingsHooksChange(file: string, tool: string, ti: Record<string, unknown>): string | null {
  let before = "";
  try {
    before = readFileSync(file, "utf8");
  } catch {
    before = "";
  }
  let after: string | undefined;
  if (tool === "Write" && typeof ti.content === "string") after = ti.content;
  else if (tool === "Edit") after = applyEdits(before, [ti]);
  else if (tool === "MultiEdit" && Array.isArray(ti.edits))
    after = applyEdits(
      before,
      (ti.edits as Record<string, unknown>[]).filter((e) => !e.file_path || resolve(String(e.file_path)) === file),
    );
  if (after === undefined) return "the edit of the agent's hook settings cannot be read";
  const hooks = (text: string): string | undefined => {
    if (!text.trim()) return "null";
    try {
      return JSON.stringify((JSON.parse(text) as Record<string, unknown>)?.hooks ?? null);
    } catch {
      return undefined;
    }
  };
  const a = hooks(before);
  const b = hooks(after);
  if (b === undefined) return "the edit leaves the agent's hook settings unreadable (not JSON)";
  if (a === undefined) return "the agent's hook settings are not JSON, so a change of their hooks cannot be ruled out";
  return a === b ? null : "the edit changes the hooks that check the agent's work";
}

function applyEdits(text: string, edits: Record<string, unknown>[]): string | undefined {
  let out = text;
  for (const e of edits) {
    if (typeof e.old_string !== "string" || typeof e.new_string !== "string") return undefined;
    out =
      e.replace_all === true
        ? out.split(e.old_string).join(e.new_string)
        : out.replace(e.old_string, () => e.new_string as string);
  }
  return out;
}

/** The verdicts on a Bash command: each bypass, each write target, each write only known at run time. */
export async function commandVerdicts(
  model: TrustModel,
  command: string,
  cwd: string,
  home: string,
): Promise<Verdict[]> {
  const report = await explainCommand(model, command, cwd, home);
  return report.verdicts;
}

/** One target in `trust explain --command`. */
export interface CommandTargetReport {
  path: string;
  written: string;
  via: string;
  command: string;
  real_path: string | null;
  level: string | null;
  matched: string | null;
  forbidden: boolean;
  guard: string | null;
  decision: PermissionDecision;
  reason: string;
}

/** What a Bash command writes and how the hook decides on it (`trust explain --command --json`). */
export interface CommandReport {
  command: string;
  cwd: string;
  /** null: the hook leaves the command to Claude Code (read-only, or every write auto-approves). */
  decision: PermissionDecision | null;
  reason: string | null;
  parsed: boolean;
  unreadable: string | null;
  targets: CommandTargetReport[];
  unknown: { command: string; why: string }[];
  bypasses: { kind: string; command: string; message: string }[];
  verdicts: Verdict[];
}

/** Analyzes a command: its targets judged, its bypasses, and the hook's decision. */
export async function explainCommand(
  model: TrustModel,
  command: string,
  cwd: string,
  home: string,
): Promise<CommandReport> {
  const { analyzeCommand } = await import("./shell/targets.ts");
  const a = await analyzeCommand(command, cwd, home);
  const verdicts: Verdict[] = [];
  for (const b of a.bypasses) verdicts.push({ decision: "deny", reason: `${b.message}; ${HONEST_WAY}` });
  if (a.unreadable)
    verdicts.push({ decision: "ask", reason: `could not read the command (${a.unreadable}); asking instead` });
  for (const u of a.unknown) verdicts.push({ decision: "ask", reason: `\`${u.command}\`: ${u.why}` });
  for (const c of a.checkouts) {
    const other = otherCheckout(model, c.dir);
    if (other)
      verdicts.push({
        decision: "ask",
        reason: `\`git ${c.sub}\` runs in ${other}, another checkout than the project's (another agent's worktree?)`,
      });
  }
  const targets: CommandTargetReport[] = a.targets.map((t) => {
    const v = t.tree ? judgeTree(model, t.path) : judgeTarget(model, t.path);
    return {
      path: v.path,
      written: t.written,
      via: t.via,
      command: t.command,
      real_path: v.real_path,
      level: v.assessment?.level ?? null,
      matched: v.assessment?.matched ?? null,
      forbidden: v.assessment?.forbidden ?? false,
      guard: v.guard,
      decision: v.decision,
      reason: `${v.reason} (${t.via})`,
    };
  });
  for (const t of targets) verdicts.push({ decision: t.decision, reason: t.reason });
  const out = decide(verdicts, true);
  return {
    command,
    cwd,
    decision: out?.hookSpecificOutput.permissionDecision ?? null,
    reason: out?.hookSpecificOutput.permissionDecisionReason ?? null,
    parsed: !a.unreadable,
    unreadable: a.unreadable,
    targets,
    unknown: a.unknown,
    bypasses: a.bypasses,
    verdicts,
  };
}
