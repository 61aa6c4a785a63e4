// Automatic compound events: progress changes append to events.jsonl, so the metrics fill themselves.
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { ProgressJson } from "./progress.ts";
import type { TaskStatus } from "./names.ts";

/** Where events go and what to say when one cannot be written. */
export interface AutoEvents {
  /** `<metricsDir>/events.jsonl`. */
  file: string;
  /** Called with a one-line message when appending fails (the progress change stands). */
  warn?: (message: string) => void;
  /** `compound.triggers`: which events to record; empty or missing: all. */
  triggers?: string[];
}

/**
 * The events file for a project root: `<metricsDir>/events.jsonl`, except in a linked git
 * worktree (a parallel agent's), where it is the main checkout's — so every agent's events add up
 * in one file and no agent branch carries (and conflicts on) its own copy.
 */
export function eventsFileFor(root: string, metricsDir: string): string {
  const own = join(metricsDir, "events.jsonl");
  try {
    const dotGit = join(root, ".git");
    if (!existsSync(dotGit) || !statSync(dotGit).isFile()) return own;
    const gitdir = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, "utf8"))?.[1]?.trim();
    if (!gitdir) return own;
    const dir = resolve(root, gitdir);
    const common = resolve(dir, readFileSync(join(dir, "commondir"), "utf8").trim());
    if (basename(common) !== ".git") return own;
    const rel = relative(root, metricsDir);
    if (rel.startsWith("..") || isAbsolute(rel)) return own;
    return join(dirname(common), rel, "events.jsonl");
  } catch {
    return own;
  }
}

/** The plan's trigger names for the events that have another name. */
const TRIGGER_ALIASES: Record<string, string[]> = {
  test_failure: ["test_failed"],
  resume: ["session_started"],
  blocker: ["blocker_added", "blocker_resolved", "task_blocked"],
};

/** True when `compound.triggers` lets this event through: its name, its group (`task`, `session`), or an alias. */
export function triggerAllows(triggers: string[] | undefined, event: string): boolean {
  if (!triggers?.length) return true;
  return triggers.some((t) => t === event || event.startsWith(`${t}_`) || (TRIGGER_ALIASES[t] ?? []).includes(event));
}

/** The events of one task status change (the event names of docs/compound.md; `source: "progress"`). */
export function statusEvents(
  task: string,
  before: TaskStatus | undefined,
  after: TaskStatus,
  progress: ProgressJson,
  note?: string,
): Record<string, unknown>[] {
  if (before === after) return [];
  const base = {
    task,
    feature: progress.feature,
    role: progress.role,
    session: progress.session_id,
    source: "progress",
  };
  const out: Record<string, unknown>[] = [];
  if (before === "completed") out.push({ event: "task_reopened", ...base, status: after });
  if (after === "completed") out.push({ event: "task_completed", ...base, files: progress.files });
  else if (after === "in_progress" && before !== "completed") out.push({ event: "task_started", ...base });
  else if (after === "blocked") out.push({ event: "task_blocked", ...base, blocker: note ?? "blocked" });
  else if (after === "failed") out.push({ event: "test_failed", ...base });
  return out;
}

/** Appends events; a failure is a warning, never a failed progress update. */
export async function appendEvents(auto: AutoEvents | undefined, events: Record<string, unknown>[]): Promise<void> {
  if (!auto || !events.length) return;
  const { trackEvent } = await import("../compound/events.ts");
  for (const { event, ...meta } of events.filter((e) => triggerAllows(auto.triggers, String(e.event)))) {
    try {
      await trackEvent(auto.file, String(event), meta);
    } catch (error) {
      auto.warn?.(`warning: could not record the ${String(event)} event in ${auto.file}: ${(error as Error).message}`);
    }
  }
}

/** The pre-commit gate's answer as events: `gate_violation` (blocked or warned) and `tdd_bypass` (compound.autoCapture). */
export async function gateEvents(
  loaded: import("../config/types.ts").LoadedConfig,
  result: {
    allowed: boolean;
    stage: string;
    bypassed: boolean;
    bypass_reason: string | null;
    violations: { kind: string; file: string | null; message: string }[];
  },
  warn?: (m: string) => void,
): Promise<void> {
  if (!loaded.config.compound.autoCapture || !result.violations.length) return;
  const { projectPaths } = await import("../config/paths.ts");
  const auto: AutoEvents = {
    file: eventsFileFor(loaded.root, projectPaths(loaded).metricsDir),
    warn,
    triggers: loaded.config.compound.triggers,
  };
  const files = [...new Set(result.violations.map((v) => v.file).filter(Boolean))];
  const events: Record<string, unknown>[] = [
    {
      event: "gate_violation",
      stage: result.stage,
      allowed: result.allowed,
      kinds: [...new Set(result.violations.map((v) => v.kind))],
      files,
      source: "precommit",
    },
  ];
  if (result.bypassed) events.push({ event: "tdd_bypass", reason: result.bypass_reason, files, source: "precommit" });
  await appendEvents(auto, events);
}
