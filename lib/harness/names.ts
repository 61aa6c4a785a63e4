import { WfError } from "../core/errors.ts";

/** Task statuses and one-line text; names (features, roles, task ids) are checked by `core/names.ts`. */
/** Every status a task can have. */
export const STATUSES = ["pending", "in_progress", "completed", "blocked", "skipped", "failed"] as const;
export type TaskStatus = (typeof STATUSES)[number];

/**
 * A status as wf-task spells it: any case (the bash workflow writes `IN_PROGRESS`, `BLOCKED`),
 * `ACTIVE` meaning in_progress; undefined when it is not a status.
 */
export function normalizeStatus(value: string | undefined): TaskStatus | undefined {
  if (!value) return undefined;
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  const s = v === "active" ? "in_progress" : v;
  return (STATUSES as readonly string[]).includes(s) ? (s as TaskStatus) : undefined;
}

/** A status in the bash workflow's spelling: `IN_PROGRESS`, `COMPLETED`. */
export function legacyStatus(status: TaskStatus): string {
  return status.toUpperCase();
}

/** Checks a status (any case); throws E_USAGE_STATUS (exit 2) listing the allowed ones. */
export function checkStatus(value: string | undefined): TaskStatus {
  const status = normalizeStatus(value);
  if (!status) {
    throw new WfError("E_USAGE_STATUS", `expected a status, got ${JSON.stringify(value ?? "")}`, {
      hint: `one of: ${STATUSES.join(", ")}`,
    });
  }
  return status;
}

/** One line of user text: newlines and runs of spaces become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
