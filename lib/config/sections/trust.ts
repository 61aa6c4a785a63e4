import * as v from "valibot";
import { Level, StringList, field, section } from "./common.ts";

/** One entry of a level's `contexts`: a path pattern or a task type, with an optional reason. */
export const TrustContextSchema = v.strictObject({
  pattern: v.optional(v.string()),
  task_type: v.optional(v.string()),
  taskType: v.optional(v.string()),
  reason: v.optional(v.string()),
});

/** Additions to (or a whole definition of) one trust level. */
export const TrustLevelSchema = v.strictObject({
  description: v.optional(v.string()),
  autoApprove: v.optional(v.boolean()),
  auto_approve: v.optional(v.boolean()),
  supervision: v.optional(v.picklist(["minimal", "code_review_required", "pair_programming"])),
  escalation: v.optional(v.boolean()),
  /** Path globs classified at this level. */
  patterns: v.optional(StringList),
  /** Task types classified at this level. */
  taskTypes: v.optional(StringList),
  contexts: v.optional(v.array(TrustContextSchema)),
});

/** Trust model: the config adds to the base model (built-in default or trust_model.yaml). */
export const TrustSchema = section(
  {
    modelFile: field(
      v.string(),
      ".ai/workflow/trust_model.yaml",
      "The plan's trust_model.yaml; when present it is the base model",
    ),
    defaultLevel: field(Level, "medium", "Level of a path or task type no rule matches"),
    autoApprove: field(
      v.boolean(),
      true,
      "Allow auto-approval for levels that have it (false turns it off everywhere)",
    ),
    caseSensitive: field(v.boolean(), false, "Match path patterns case-sensitively"),
    replaceDefaults: field(v.boolean(), false, "Drop the base model and use only the levels given here"),
    levels: field(
      v.strictObject({
        high: v.optional(TrustLevelSchema),
        medium: v.optional(TrustLevelSchema),
        low: v.optional(TrustLevelSchema),
      }),
      {},
      "Per-level additions: patterns, task types, contexts, and settings",
    ),
    /** Patterns removed from the base model (e.g. "*.md"). */
    remove: field(StringList, [], "Patterns to remove from the base model"),
    /** Paths agents may never write (PreToolUse answers deny). */
    forbidden: field(StringList, [], "Paths agents may never write (the Claude Code hook denies them)"),
    priorities: field(
      v.optional(
        v.strictObject({ high: v.optional(v.number()), medium: v.optional(v.number()), low: v.optional(v.number()) }),
      ),
      undefined,
      "Which level wins when several match (higher wins); default low > medium > high",
    ),
  },
  "Trust model: how much an agent may do alone",
);
