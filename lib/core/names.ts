import { WfError } from "./errors.ts";

/**
 * The rules for names users give wf-task, one place for every layer. A feature is a spec id: it
 * names the spec folder, the tmux session and the agents' branches. A role names a worktree, a
 * pane, a port allocation and an `.af` file. Every name is checked here before it reaches a path,
 * a git ref or a process.
 */

/** Feature ids: lower-case letters, digits and `-`, not starting with `-` (a spec's `feature.id`). */
export const FEATURE_ID = /^[a-z0-9][a-z0-9-]*$/;
/** Roles: letters, digits and `. _ -`, starting with a letter or digit (`backend`, `BE_007`, `v1.2`). */
export const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Task ids: `BE-003`, `FR-1.2`, `auth/login` — no spaces, no colon. */
export const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const BRANCH = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const SESSION = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** What a user-given name stands for, as shown in messages. */
export type NameKind = "feature" | "role" | "branch" | "session" | "task";

const RULES: Record<NameKind, { pattern: RegExp; max: number; rule: string; example: string; hint: string }> = {
  feature: {
    pattern: FEATURE_ID,
    max: 64,
    rule: "a feature id uses lower-case letters, digits and -, and starts with a letter or digit (it names the feature's spec folder)",
    example: "auth-system",
    hint: "use lower-case letters, digits and dashes, e.g. auth-system",
  },
  role: {
    pattern: ROLE_NAME,
    max: 64,
    rule: "a role uses letters, digits and . _ -, and starts with a letter or digit",
    example: "backend",
    hint: "use letters, digits and . _ -, e.g. backend",
  },
  branch: {
    pattern: BRANCH,
    max: 200,
    rule: "a branch name uses letters, digits and . _ - /, and starts with a letter or digit",
    example: "feature/auth-backend",
    hint: "use letters, digits and . _ - /, e.g. feature/auth-backend",
  },
  session: {
    pattern: SESSION,
    max: 64,
    rule: "a session name uses letters, digits, _ and -, and starts with a letter or digit",
    example: "workflow-auth",
    hint: "use letters, digits, _ and -, e.g. workflow-auth",
  },
  task: {
    pattern: TASK_ID,
    max: 80,
    rule: "a task id uses letters, digits and . _ / - (no spaces or colons)",
    example: "BE-003",
    hint: "task ids are letters, digits and . _ / - (no spaces or colons), e.g. BE-003",
  },
};

/** Why `value` is not a valid name of `kind`, or undefined when it is. */
export function nameProblem(kind: NameKind, value: string): string | undefined {
  const { pattern, max, rule } = RULES[kind];
  if (value.length === 0) return "it is empty";
  if (value.length > max) return `it is longer than ${max} characters`;
  if (!pattern.test(value)) return rule;
  if (value.includes("..")) return "it contains `..`";
  if (kind === "branch" && /\/\/|\/$|\.$|\.lock$|\/\.|@\{/.test(value)) return "it is not a valid git branch name";
  if (kind !== "task" && (value.endsWith(".lock") || value.endsWith("."))) return "it ends with `.lock` or `.`";
  return undefined;
}

/**
 * Checks a name from a user before it reaches a path or a process; throws E_USAGE_NAME (E_USAGE_TASK
 * for task ids), exit 2, with the rule and an example in the hint.
 */
export function checkName(kind: NameKind, value: string | undefined): string {
  const problem = nameProblem(kind, value ?? "");
  if (problem) {
    const shown = kind === "task" ? "task id" : `${kind} name`;
    throw new WfError(
      kind === "task" ? "E_USAGE_TASK" : "E_USAGE_NAME",
      `invalid ${shown} ${JSON.stringify(value ?? "")}: ${problem}`,
      {
        hint: RULES[kind].hint,
      },
    );
  }
  return value as string;
}
