import * as v from "valibot";

/** A documented field: `field(schema, default, "what it does")`. */
export function field<const S extends v.GenericSchema, const D extends v.Default<S, undefined>>(
  schema: S,
  fallback: D,
  description: string,
) {
  return v.optional(v.pipe(schema, v.description(description)), fallback);
}

/** A section object: strict keys, every key optional with a default. */
export function section<const E extends v.ObjectEntries>(entries: E, description: string) {
  const schema = v.pipe(v.strictObject(entries), v.description(description));
  return v.optional(schema, {} as v.InferInput<typeof schema>);
}

export const Level = v.picklist(["high", "medium", "low"]);
export const Strictness = v.picklist(["strict", "warn", "off"]);
export const StringList = v.array(v.string());
export const Port = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535));
