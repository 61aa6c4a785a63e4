import * as v from "valibot";
import { FEATURE_ID, Text, TextList, Version, doc } from "./common.ts";

/** A free-form JSON-Schema-like description of a payload. */
const Payload = doc(v.record(v.string(), v.unknown()), "A payload: a JSON Schema fragment or an example object");

const Field = v.strictObject({
  name: Text,
  type: doc(Text, "string, number, boolean, object, array, or a type name"),
  required: v.optional(v.boolean()),
  description: v.optional(v.string()),
});

/** One HTTP endpoint. */
export const Endpoint = v.strictObject({
  method: v.picklist(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]),
  path: doc(v.pipe(v.string(), v.regex(/^\//)), "URL path starting with /, e.g. /users/{id}"),
  summary: v.optional(v.string()),
  requirements: v.optional(
    doc(v.array(v.pipe(v.string(), v.regex(/^N?FR-\d+$/))), "Requirement ids served by this endpoint"),
  ),
  request: v.optional(
    v.strictObject({
      params: v.optional(v.array(Field)),
      query: v.optional(v.array(Field)),
      headers: v.optional(v.array(Field)),
      body: v.optional(Payload),
    }),
  ),
  responses: doc(
    v.record(
      v.pipe(v.string(), v.regex(/^([1-5]\d\d|default)$/)),
      v.strictObject({ description: Text, body: v.optional(Payload) }),
    ),
    'Responses by status code: { "200": { description, body } }',
  ),
});

/** One function or command of a non-HTTP API. */
export const FunctionContract = v.strictObject({
  name: Text,
  description: v.optional(v.string()),
  params: v.optional(v.array(Field)),
  returns: v.optional(v.strictObject({ type: Text, description: v.optional(v.string()) })),
  errors: v.optional(TextList),
});

/** An API contract: HTTP endpoints and/or functions. */
export const ApiContractSchema = v.strictObject({
  version: Version,
  api: v.strictObject({
    name: Text,
    version: v.optional(v.string()),
    base_url: v.optional(v.string()),
    feature: v.optional(doc(v.pipe(v.string(), v.regex(FEATURE_ID)), "The feature this contract belongs to")),
  }),
  endpoints: v.optional(v.array(Endpoint)),
  functions: v.optional(v.array(FunctionContract)),
});

export type ApiContract = v.InferOutput<typeof ApiContractSchema>;
