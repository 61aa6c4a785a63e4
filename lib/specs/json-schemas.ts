import { emitJsonSchema } from "../util/json-schema.ts";
import { SPEC_KINDS, specSchemas, type SpecKind } from "./schemas/index.ts";

const TITLES: Record<SpecKind, string> = {
  feature_spec: "wf-task feature spec",
  api_contract: "wf-task API contract",
  task_spec: "wf-task task definitions",
};

/** The JSON Schema (draft 2020-12) of one spec kind, generated from its valibot schema. */
export function specJsonSchema(kind: SpecKind): Promise<Record<string, unknown>> {
  return emitJsonSchema(specSchemas[kind], { id: `urn:wf-task:specs:${kind}`, title: TITLES[kind] });
}

/** Every spec JSON Schema by file name: `{ "feature_spec.json": "…" }`. */
export async function specSchemaFiles(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const kind of SPEC_KINDS) out[`${kind}.json`] = `${JSON.stringify(await specJsonSchema(kind), null, 2)}\n`;
  return out;
}
