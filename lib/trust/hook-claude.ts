// Claude Code PreToolUse adapter: a tool call that writes files → allow / ask / deny by trust.
import { isAbsolute, relative, resolve } from "node:path";
import { countChange } from "./change-limit.ts";
import { assessPath } from "./evaluate.ts";
import type { TrustModel } from "./model.ts";

export type PermissionDecision = "allow" | "ask" | "deny";

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
  return { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: decision, permissionDecisionReason: reason } };
}

/** What a hook input asks about: the paths a tool call writes, nothing (no opinion), or a problem. */
export type HookSubject = { paths: string[]; cwd?: string } | { skip: string } | { problem: string };

/** Reads the paths a PreToolUse input would write (file_path, notebook_path, edits[].file_path). */
export function hookSubject(input: unknown): HookSubject {
  if (!input || typeof input !== "object" || Array.isArray(input)) return { problem: "the hook input is not a JSON object" };
  const data = input as Record<string, unknown>;
  if (data.hook_event_name !== undefined && data.hook_event_name !== "PreToolUse") return { skip: `not a PreToolUse event (${String(data.hook_event_name)})` };
  const tool = data.tool_name;
  if (typeof tool !== "string" || !tool) return { problem: "the hook input has no tool_name" };
  if (READ_ONLY.has(tool)) return { skip: `${tool} only reads` };
  const toolInput = data.tool_input;
  if (toolInput !== undefined && (typeof toolInput !== "object" || toolInput === null || Array.isArray(toolInput))) return { problem: "tool_input is not an object" };
  const ti = (toolInput ?? {}) as Record<string, unknown>;
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
  const cwd = typeof data.cwd === "string" && isAbsolute(data.cwd) ? data.cwd : undefined;
  return { paths: [...new Set(paths)], cwd };
}

/**
 * The decision for a PreToolUse input: deny for forbidden paths, allow when every path's level
 * auto-approves, ask otherwise (with the reason); undefined when the hook has no opinion.
 */
export function claudeHookDecision(model: TrustModel, input: unknown): ClaudeHookOutput | undefined {
  const subject = hookSubject(input);
  if ("skip" in subject) return undefined;
  if ("problem" in subject) return hookOutput("ask", `wf-task trust: could not read the hook input (${subject.problem}); asking instead`);
  const verdicts = subject.paths.map((path) => {
    const absolute = resolve(subject.cwd ?? model.root, path);
    const rel = relative(model.root, absolute);
    if (rel.startsWith("..") || isAbsolute(rel)) {
      return { decision: "ask" as const, reason: `${path} is outside the project (${model.root})` };
    }
    const a = assessPath(model, rel || ".");
    if (a.forbidden) return { decision: "deny" as const, reason: `${a.path} is forbidden for agents: ${a.reason}` };
    if (a.auto_approve) return { decision: "allow" as const, reason: `${a.path} is ${a.level} trust (${a.reason}); auto-approved` };
    const off = model.levels[a.level].auto_approve && !model.autoApprove ? "; auto-approval is off (trust.autoApprove: false)" : "";
    return { decision: "ask" as const, reason: `${a.path} is ${a.level} trust (${a.reason}); supervision: ${a.supervision}${off}` };
  });
  const rank = { allow: 0, ask: 1, deny: 2 };
  const worst = verdicts.reduce((w, v) => (rank[v.decision] > rank[w.decision] ? v : w));
  const reasons = verdicts.filter((v) => v.decision === worst.decision).map((v) => v.reason);
  const limited = countChange(model, input, worst.decision, subject.paths.map((p) => relative(model.root, resolve(subject.cwd ?? model.root, p))));
  if (limited) return hookOutput("ask", `wf-task trust: ${limited}`);
  return hookOutput(worst.decision, `wf-task trust: ${reasons.join("; ")}`);
}
