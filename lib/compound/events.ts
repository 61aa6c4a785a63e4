import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { WfError } from "../core/errors.ts";
import { withLock } from "../util/lock.ts";

/** Events the metrics read; others are recorded too. */
export const KNOWN_EVENTS = [
  "session_started",
  "session_ended",
  "task_started",
  "task_completed",
  "task_reopened",
  "test_failed",
  "test_passed",
  "regression",
  "context_loaded",
  "learning_applied",
] as const;

/** One line of `events.jsonl`. */
export interface CompoundEvent {
  event: string;
  /** ISO time. */
  ts: string;
  [key: string]: unknown;
}

/**
 * Appends an event to events.jsonl under a lock, as one write of one
 * line with O_APPEND, then fsync: a reader never sees half a line from a finished write.
 */
export async function trackEvent(
  file: string,
  event: string,
  metadata: Record<string, unknown> = {},
  now: Date = new Date(),
): Promise<CompoundEvent> {
  if (!/^[a-z][a-z0-9_]*$/.test(event)) {
    throw new WfError("E_USAGE_EVENT", `expected an event name in snake_case, got \`${event}\``, {
      hint: `e.g. ${KNOWN_EVENTS.slice(0, 4).join(", ")}`,
    });
  }
  const entry: CompoundEvent = { ...metadata, event, ts: (metadata.ts as string | undefined) ?? now.toISOString() };
  await withLock(file, () => {
    mkdirSync(dirname(file), { recursive: true });
    const fd = openSync(file, "a");
    try {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  });
  return entry;
}

/** Every event of events.jsonl ([] when missing); a bad line other than a torn last one is an error. */
export async function readEvents(file: string): Promise<CompoundEvent[]> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  const lines = text.split("\n");
  const out: CompoundEvent[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(JSON.parse(line) as CompoundEvent);
    } catch {
      if (i === lines.length - 1) return; // a line cut short by a crash
      throw new WfError("E_COMPOUND_CORRUPT", `line ${i + 1} of the events file is not JSON`, {
        where: `${file}:${i + 1}`,
        hint: "fix or remove that line by hand",
      });
    }
  });
  return out;
}
