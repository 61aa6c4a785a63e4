import { WfError } from "../core/errors.ts";
import { FEATURE_ID as FEATURE, ROLE_NAME as SIMPLE } from "../util/names.ts";

/** What a user-given name stands for, as shown in messages. */
export type NameKind = "role" | "feature" | "branch" | "session";

const BRANCH = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const SESSION = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Why `value` is not a valid name of `kind`, or undefined when it is. */
export function nameProblem(kind: NameKind, value: string): string | undefined {
  if (value.length === 0) return "it is empty";
  if (value.length > 100) return "it is longer than 100 characters";
  const pattern = kind === "branch" ? BRANCH : kind === "session" ? SESSION : kind === "feature" ? FEATURE : SIMPLE;
  if (!pattern.test(value)) {
    return kind === "feature"
      ? "a feature id uses lower-case letters, digits and -, and starts with a letter or digit (it names the feature's spec folder)"
      : kind === "branch"
      ? "a branch name uses letters, digits and . _ - /, and starts with a letter or digit"
      : kind === "session"
        ? "a session name uses letters, digits, _ and -, and starts with a letter or digit"
        : `a ${kind} uses letters, digits and . _ -, and starts with a letter or digit`;
  }
  if (value.includes("..")) return "it contains `..`";
  if (kind === "branch" && (/\/\/|\/$|\.$|\.lock$|\/\.|@\{/.test(value))) return "it is not a valid git branch name";
  if (value.endsWith(".lock") || value.endsWith(".")) return "it ends with `.lock` or `.`";
  return undefined;
}

/** Checks a name from a user before it reaches a path or a process; throws E_USAGE_NAME (exit 2). */
export function checkName(kind: NameKind, value: string): string {
  const problem = nameProblem(kind, value);
  if (problem) {
    throw new WfError("E_USAGE_NAME", `invalid ${kind} name ${JSON.stringify(value)}: ${problem}`, {
      hint: kind === "branch" ? "e.g. feature/auth-backend" : `e.g. ${kind === "feature" ? "auth-system" : "backend"}`,
    });
  }
  return value;
}

/** Splits and checks a comma list of roles (`backend,frontend`), without duplicates. */
export function parseRoles(value: string | readonly string[]): string[] {
  const words = (typeof value === "string" ? value.split(",") : value.flatMap((v) => v.split(","))).map((w) => w.trim());
  const roles: string[] = [];
  for (const word of words) {
    checkName("role", word);
    if (!roles.includes(word)) roles.push(word);
  }
  if (roles.length === 0) throw new WfError("E_USAGE_NAME", "expected at least one role", { hint: "e.g. --roles backend,frontend" });
  return roles;
}

/** The tmux session of a feature's parallel run: `workflow-<feature>` (dots become `_`, as tmux would). */
export function sessionName(feature: string): string {
  return `workflow-${checkName("feature", feature).replace(/\./g, "_")}`;
}
