// The plan's trust_model.yaml, as a valibot schema (also emitted as JSON Schema by `spec schema`).
// It accepts the original bash workflow's keys too: default_level, exclude, require_human_review,
// max_consecutive_changes and an escalation that names whom to escalate to.
import * as v from "valibot";

export { safeParse } from "valibot";

const Level = v.picklist(["high", "medium", "low"]);
const Globs = v.union([v.string(), v.array(v.string())]);

/** One entry of a level: a path pattern or a task type (exactly one), with an optional reason. */
export const TrustModelContextSchema = v.pipe(
  v.strictObject({
    pattern: v.optional(v.pipe(v.string(), v.description("Gitignore-like path glob"))),
    task_type: v.optional(v.pipe(v.string(), v.description("Task type, e.g. unit_tests"))),
    reason: v.optional(v.pipe(v.string(), v.description("Why this entry has this level"))),
    exclude: v.optional(
      v.pipe(Globs, v.description("Globs that take a path back out of `pattern`, e.g. src/**/security/**")),
    ),
  }),
  v.description("A path pattern or a task type"),
);

/** `escalation`: true/false, or whom to escalate to (a name, or a map such as {to, channel}). */
export const TrustEscalationSchema = v.union([
  v.boolean(),
  v.string(),
  v.record(v.string(), v.union([v.string(), v.number(), v.boolean(), v.array(v.string())])),
]);

/** One trust level of the file. */
export const TrustModelLevelSchema = v.strictObject({
  description: v.optional(v.string()),
  auto_approve: v.optional(v.boolean()),
  supervision: v.optional(v.picklist(["minimal", "code_review_required", "pair_programming"])),
  escalation: v.optional(TrustEscalationSchema),
  require_human_review: v.optional(
    v.pipe(v.boolean(), v.description("A human reviews every change: no auto-approval, at least code review")),
  ),
  max_consecutive_changes: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.minValue(0),
      v.description("The PreToolUse hook asks after this many auto-approved changes in one session"),
    ),
  ),
  contexts: v.optional(v.nullable(v.array(TrustModelContextSchema))),
});

/** `.ai/workflow/trust_model.yaml`: the base trust model when present. */
export const TrustModelFileSchema = v.pipe(
  v.strictObject({
    $schema: v.optional(v.string()),
    version: v.optional(v.union([v.string(), v.number()])),
    default_level: v.optional(
      v.pipe(Level, v.description("Level of a path or task type no rule matches (trust.defaultLevel overrides it)")),
    ),
    trust_levels: v.strictObject({
      high: v.optional(v.nullable(TrustModelLevelSchema)),
      medium: v.optional(v.nullable(TrustModelLevelSchema)),
      low: v.optional(v.nullable(TrustModelLevelSchema)),
    }),
  }),
  v.description(
    "Trust model: which paths and task types an AI agent may handle alone (high), with review (medium) or with a human (low)",
  ),
);

export type TrustModelFile = v.InferOutput<typeof TrustModelFileSchema>;
