// `max_consecutive_changes`: the PreToolUse hook asks after that many auto-approved changes in one session.
// One small JSON file per agent session under sessions/trust-changes/; Claude Code runs one session's
// hooks one at a time, so the file has one writer (see docs/decisions.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { atomicWriteSync } from "../util/atomic-write.ts";
import { assessPath } from "./evaluate.ts";
import type { TrustModel } from "./model.ts";
import { nodeCrypto } from "../util/hash.ts";

/** The per-session counter as stored. */
export interface ChangeCount {
  session_id: string;
  /** Auto-approved changes since the last time a human was asked. */
  count: number;
  updated: string;
}

/** The counter file of a session: its id when it is a safe file name, else a hash of it. */
export function changeCountFile(model: TrustModel, sessionId: string): string | undefined {
  if (!model.changesDir) return undefined;
  const name = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/.test(sessionId)
    ? sessionId
    : nodeCrypto().createHash("sha256").update(sessionId).digest("hex").slice(0, 32);
  return join(model.changesDir, `${name}.json`);
}

/** The current count of a session (0 when none or unreadable). */
export function readChangeCount(file: string): number {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as Partial<ChangeCount>;
    return typeof data.count === "number" && data.count >= 0 ? data.count : 0;
  } catch {
    return 0;
  }
}

/**
 * Counts one hook decision. An `allow` adds one change; when that passes the smallest
 * `max_consecutive_changes` of the levels involved, it returns the reason to ask instead and
 * the count starts again (a human has looked). Any other decision resets the count.
 * Returns undefined when the decision stands (no session id, no limit, under the limit).
 */
export function countChange(
  model: TrustModel,
  input: unknown,
  decision: "allow" | "ask" | "deny",
  paths: string[],
): string | undefined {
  const sessionId = input && typeof input === "object" ? (input as Record<string, unknown>).session_id : undefined;
  if (typeof sessionId !== "string" || !sessionId) return undefined;
  const limits = paths
    .map((p) => model.levels[assessPath(model, p).level].max_consecutive_changes)
    .filter((n): n is number => typeof n === "number");
  const file = changeCountFile(model, sessionId);
  if (!file || (!limits.length && decision === "allow")) return undefined;
  const save = (count: number) =>
    atomicWriteSync(
      file,
      `${JSON.stringify({ session_id: sessionId, count, updated: new Date().toISOString() } satisfies ChangeCount)}\n`,
    );
  if (decision !== "allow") {
    if (readChangeCount(file) > 0) save(0);
    return undefined;
  }
  const limit = Math.min(...limits);
  const count = readChangeCount(file) + 1;
  if (count > limit) {
    save(0);
    return `${limit} auto-approved change${limit === 1 ? "" : "s"} in a row this session (max_consecutive_changes: ${limit}); asking before the next one`;
  }
  save(count);
  return undefined;
}
