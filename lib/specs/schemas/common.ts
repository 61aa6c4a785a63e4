import * as v from "valibot";

/** Feature and spec ids: lowercase letters, digits and `-`, not starting with `-`. */
export { FEATURE_ID } from "../../core/names.ts";

/** A documented schema: `doc(schema, "what it is")`. */
export function doc<const S extends v.GenericSchema>(schema: S, description: string) {
  return v.pipe(schema, v.description(description));
}

/** A non-empty, single-purpose text. */
export const Text = v.pipe(v.string(), v.minLength(1));

/** A list of non-empty texts. */
export const TextList = v.array(Text);

/** `"1.0"` or `1.0`: YAML reads an unquoted version as a number. */
export const Version = doc(
  v.union([v.pipe(v.string(), v.regex(/^\d+(\.\d+){0,2}$/)), v.number()]),
  'Format version of the spec, e.g. "1.0"',
);

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = doc(
  v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)),
  "A date, YYYY-MM-DD",
);

export const Priority = v.picklist(["critical", "high", "medium", "low"]);
export const FeatureStatus = v.picklist(["planning", "in_progress", "review", "completed", "blocked"]);
export const Methodology = v.picklist(["TDD", "BDD", "standard"]);
