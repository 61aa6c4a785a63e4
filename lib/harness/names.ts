import { WfError } from "../core/errors.ts";

/** Feature ids and roles, by the rules of `util/names.ts` (shared with `parallel` and the specs). */
import { FEATURE_ID as NAME_PATTERN, ROLE_NAME as ROLE_PATTERN } from "../util/names.ts";

export { NAME_PATTERN, ROLE_PATTERN };
/** Task ids: `BE-003`, `FR-1.2`, `auth/login` — no spaces, no colon. */
export const TASK_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
/** Every status a task can have. */
export const STATUSES = ["pending", "in_progress", "completed", "blocked", "skipped", "failed"] as const;
export type TaskStatus = (typeof STATUSES)[number];

/** Checks a feature id or a role; throws E_USAGE_NAME (exit 2) with a hint when it is not safe. */
export function checkName(kind: "feature" | "role", value: string | undefined): string {
  const pattern = kind === "feature" ? NAME_PATTERN : ROLE_PATTERN;
  if (!value || !pattern.test(value) || value.length > 64 || value.includes("..") || value.endsWith(".")) {
    throw new WfError("E_USAGE_NAME", `expected the ${kind} to match ${pattern.source}, got ${JSON.stringify(value ?? "")}`, {
      hint: kind === "feature" ? "use lower-case letters, digits and dashes, e.g. auth-system" : "use letters, digits and . _ -, e.g. backend",
    });
  }
  return value;
}

/** Checks a task id; throws E_USAGE_TASK (exit 2) when it is empty or has spaces or a colon. */
export function checkTaskId(value: string | undefined): string {
  if (!value || !TASK_PATTERN.test(value) || value.length > 80) {
    throw new WfError("E_USAGE_TASK", value ? `expected a task id like BE-003, got ${JSON.stringify(value)}` : "expected a task id, got an empty one", {
      hint: "task ids are letters, digits and . _ / - (no spaces or colons), e.g. BE-003",
    });
  }
  return value;
}

/**
 * A status as wf-task spells it: any case (the bash workflow writes `IN_PROGRESS`, `BLOCKED`),
 * `ACTIVE` meaning in_progress; undefined when it is not a status.
 */
export function normalizeStatus(value: string | undefined): TaskStatus | undefined {
  if (!value) return undefined;
  const v = value.trim().toLowerCase().replace(/[\s-]+/g, "_");
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
