// The plan's trust_model.yaml, as a valibot schema (also emitted as JSON Schema by `spec schema`).
import * as v from "valibot";

/** One entry of a level: a path pattern or a task type (exactly one), with an optional reason. */
export const TrustModelContextSchema = v.pipe(
  v.strictObject({
    pattern: v.optional(v.pipe(v.string(), v.description("Gitignore-like path glob"))),
    task_type: v.optional(v.pipe(v.string(), v.description("Task type, e.g. unit_tests"))),
    reason: v.optional(v.pipe(v.string(), v.description("Why this entry has this level"))),
  }),
  v.description("A path pattern or a task type"),
);

/** One trust level of the file. */
export const TrustModelLevelSchema = v.strictObject({
  description: v.optional(v.string()),
  auto_approve: v.optional(v.boolean()),
  supervision: v.optional(v.picklist(["minimal", "code_review_required", "pair_programming"])),
  escalation: v.optional(v.boolean()),
  contexts: v.optional(v.nullable(v.array(TrustModelContextSchema))),
});

/** `.ai/workflow/trust_model.yaml`: the base trust model when present. */
export const TrustModelFileSchema = v.pipe(
  v.strictObject({
    $schema: v.optional(v.string()),
    version: v.optional(v.union([v.string(), v.number()])),
    trust_levels: v.strictObject({
      high: v.optional(v.nullable(TrustModelLevelSchema)),
      medium: v.optional(v.nullable(TrustModelLevelSchema)),
      low: v.optional(v.nullable(TrustModelLevelSchema)),
    }),
  }),
  v.description("Trust model: which paths and task types an AI agent may handle alone (high), with review (medium) or with a human (low)"),
);

export type TrustModelFile = v.InferOutput<typeof TrustModelFileSchema>;
