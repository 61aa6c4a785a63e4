import type * as v from "valibot";
import { didYouMean } from "../util/suggest.ts";
import { formatPath, type SpecProblem } from "./problem.ts";
import { descriptionAt, keysAt } from "./schema-walk.ts";

const shown = (value: unknown): string => {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  strict_object: "a mapping",
  record: "a mapping",
};

/** The allowed values of a picklist issue (`("a" | "b")` → [a, b]). */
function picklistValues(expected: string | null): string[] {
  return [...(expected ?? "").matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
}

/**
 * Turns valibot issues into problems an agent can act on: what was expected, what was got,
 * the allowed values of a list, a "did you mean" for an unknown key, and where.
 */
export function issuesToProblems(
  issues: readonly v.BaseIssue<unknown>[],
  schema: unknown,
  position: (path: readonly (string | number)[], atKey?: boolean) => { line: number; col: number },
): SpecProblem[] {
  const problems: (SpecProblem & { suggests?: string })[] = [];
  for (const issue of issues) {
    const keys = (issue.path ?? []).map((p) => p.key as string | number);
    const where = formatPath(keys);
    const parent = keys.slice(0, -1);
    const last = keys.at(-1);
    const described = descriptionAt(schema, keys);
    const about = described ? ` (${described})` : "";
    let message: string;
    let allowed: string[] | undefined;
    let atKey = false;
    let suggests: string | undefined;
    if (issue.type === "strict_object" && issue.expected === "never") {
      const best = didYouMean(String(last), keysAt(schema, parent));
      suggests = best && formatPath([...parent, best]);
      const known = keysAt(schema, parent);
      message = `unknown key \`${String(last)}\`${best ? `: did you mean \`${best}\`?` : known.length ? `; expected one of ${known.join(", ")}` : ""}`;
      atKey = true;
    } else if (issue.input === undefined && issue.kind === "schema") {
      message = `missing required key \`${String(last)}\`${about}`;
    } else if (issue.type === "picklist") {
      allowed = picklistValues(issue.expected);
      message = `expected one of ${allowed.join("|")}, got ${shown(issue.input)}`;
    } else if (issue.type === "regex") {
      const re = (issue as unknown as { requirement: RegExp }).requirement;
      message = `expected ${described ?? "a value"} matching ${re.source}, got ${shown(issue.input)}`;
    } else if (issue.type === "min_length" && Array.isArray(issue.input)) {
      message = `expected at least ${issue.expected?.replace(">=", "")} item(s), got an empty list`;
    } else if (issue.type === "min_length") {
      message = `must not be empty${about}`;
    } else if (issue.type === "union") {
      message = `expected ${described ?? "another value"}, got ${shown(issue.input)}`;
    } else if (issue.kind === "validation") {
      message = `expected ${issue.expected ?? issue.type}${about}, got ${shown(issue.input)}`;
    } else {
      message = `expected ${TYPE_WORDS[issue.type] ?? issue.expected ?? issue.type}${about}, got ${shown(issue.input)}`;
    }
    problems.push({
      code: "E_SPEC_SCHEMA",
      path: where,
      ...position(keys, atKey),
      message,
      ...(allowed ? { allowed } : {}),
      suggests,
    });
  }
  // A misspelt key shows up twice (unknown `objectve`, missing `objective`): keep the did-you-mean.
  const suggested = new Set(problems.map((p) => p.suggests).filter(Boolean));
  return problems
    .filter((p) => !(p.message.startsWith("missing required key") && suggested.has(p.path)))
    .map(({ suggests: _s, ...p }) => p)
    .sort((a, b) => a.line - b.line || a.col - b.col);
}
