import * as v from "valibot";
import { ConfigSchema } from "./schema.ts";
import type { Config } from "./types.ts";
import { didYouMean } from "../util/suggest.ts";

/** One problem found in a config source. */
export interface ConfigProblem {
  /** Key path as the user wrote it: `parallel.portRange.end`. */
  path: (string | number)[];
  message: string;
  /** The key is unknown (not a wrong value). */
  unknownKey: boolean;
}

/** The keys a schema object accepts at `path` (for "did you mean"). */
export function keysAt(path: readonly (string | number)[]): string[] {
  let schema: unknown = ConfigSchema;
  const unwrap = (s: any): any => {
    for (;;) {
      if (s?.type === "optional" || s?.type === "nullable") s = s.wrapped;
      else if (s?.pipe && s.type !== "object" && s.type !== "strict_object" && s.type !== "loose_object") s = s.pipe[0];
      else if (s?.pipe && s.entries) return s;
      else return s;
    }
  };
  for (const key of path) {
    const s = unwrap(schema);
    if (s?.entries && typeof key === "string") schema = s.entries[key];
    else if (s?.item) schema = s.item;
    else return [];
  }
  const s = unwrap(schema);
  return s?.entries ? Object.keys(s.entries) : [];
}

const show = (value: unknown) =>
  typeof value === "string"
    ? JSON.stringify(value)
    : value === undefined
      ? "nothing"
      : (JSON.stringify(value) ?? String(value));

/** Validates a (partial) config object; returns the resolved config or the problems. */
export function validateConfig(
  input: unknown,
): { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] } {
  let result = v.safeParse(ConfigSchema, input, { abortEarly: false });
  if (result.success) return { ok: true, config: result.output };
  // valibot names one unknown key per object at a time: take them out of a copy and look again,
  // so every unknown key is reported in one pass.
  const unknown: v.BaseIssue<unknown>[] = [];
  let copy: unknown = undefined;
  for (let pass = 0; !result.success && pass < 100; pass++) {
    const found = result.issues.filter((i) => i.type === "strict_object" && i.expected === "never");
    if (!found.length) break;
    copy ??= structuredClone(input);
    for (const issue of found) {
      unknown.push(issue);
      const path = (issue.path ?? []).map((p) => p.key as string | number);
      const parent = path.slice(0, -1).reduce<any>((o, k) => o?.[k], copy);
      if (parent && typeof parent === "object") delete parent[path.at(-1)!];
    }
    result = v.safeParse(ConfigSchema, copy, { abortEarly: false });
  }
  const issues = [...unknown, ...(result.success ? [] : result.issues)];
  const problems: ConfigProblem[] = [];
  for (const issue of issues as any[]) {
    const path = (issue.path ?? []).map((p: any) => p.key as string | number);
    if (issue.type === "strict_object" && issue.expected === "never") {
      const key = String(path.at(-1));
      const best = didYouMean(key, keysAt(path.slice(0, -1)));
      problems.push({
        path,
        unknownKey: true,
        message: `unknown key \`${key}\`${best ? ` (did you mean \`${best}\`?)` : ""}`,
      });
      continue;
    }
    if (issue.type === "check" || issue.type === "regex" || issue.kind === "validation") {
      const detail =
        issue.type === "check"
          ? issue.message
          : `expected ${issue.expected ?? issue.message}, got ${show(issue.input)}`;
      problems.push({ path, unknownKey: false, message: detail });
      continue;
    }
    const expected =
      issue.type === "picklist"
        ? `one of ${(issue.expected ?? "").replace(/[()]/g, "").replace(/ \| /g, "|").replace(/"/g, "")}`
        : issue.expected;
    problems.push({ path, unknownKey: false, message: `expected ${expected}, got ${show(issue.input)}` });
  }
  return { ok: false, problems };
}
