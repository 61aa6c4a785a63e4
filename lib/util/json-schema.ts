import type { GenericSchema } from "valibot";

/** JSON Schema (draft 2020-12) of a valibot schema; the one way wf-task emits schemas. */
export async function emitJsonSchema(
  schema: GenericSchema,
  meta: { id?: string; title?: string } = {},
): Promise<Record<string, unknown>> {
  const { toJsonSchema } = await import("@valibot/to-json-schema");
  const json = toJsonSchema(schema, { target: "draft-2020-12", errorMode: "ignore" }) as Record<string, unknown>;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    ...(meta.id ? { $id: meta.id } : {}),
    ...(meta.title ? { title: meta.title } : {}),
    ...Object.fromEntries(Object.entries(json).filter(([k]) => k !== "$schema")),
  };
}
