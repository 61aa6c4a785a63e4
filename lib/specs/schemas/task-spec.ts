import * as v from "valibot";
import { ROLE_NAME } from "../../core/names.ts";
import { FEATURE_ID, Methodology, Priority, Text, TextList, Version, doc } from "./common.ts";

/** One task of a role's breakdown, as the bash workflow's task files write them (BE-001 …). */
export const TaskSchema = v.strictObject({
  id: doc(v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9]*-\d+$/)), "Task id, e.g. BE-001"),
  title: doc(Text, "What the task does, in a line"),
  reference: v.optional(doc(Text, "Where the details are: a requirement id (FR-101), a document, a section")),
  priority: v.optional(Priority),
  methodology: v.optional(doc(Methodology, "TDD, BDD or standard (default TDD)")),
  max_iterations: v.optional(
    doc(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)), "Iterations before the escape hatch, 1–20"),
  ),
  requirements: v.optional(
    doc(v.array(v.pipe(v.string(), v.regex(/^N?FR-\d+$/))), "Requirement ids this task implements"),
  ),
  acceptance_criteria: v.optional(doc(TextList, "Checks that say the task is done")),
  done_when: v.optional(doc(Text, "One sentence: when the task is done")),
});

/** Tasks grouped by role: `{ backend: [...], frontend: [...] }`. */
export const TasksByRole = doc(
  v.record(
    v.pipe(
      v.string(),
      v.regex(ROLE_NAME),
      v.check((r) => !r.includes(".."), "a role never contains `..`"),
    ),
    v.array(TaskSchema),
  ),
  "Tasks grouped by role (backend, frontend, qa, …)",
);

/** The plan's single-task file (`{version, task}`): one task with its role, feature and status. */
export const SingleTaskSchema = v.strictObject({
  ...TaskSchema.entries,
  description: v.optional(v.string()),
  role: v.optional(doc(v.pipe(v.string(), v.regex(ROLE_NAME)), "The role that does the task")),
  feature: v.optional(doc(v.pipe(v.string(), v.regex(FEATURE_ID)), "The feature the task belongs to")),
  status: v.optional(v.picklist(["pending", "in_progress", "completed", "blocked", "skipped", "failed"])),
  dependencies: v.optional(doc(TextList, "Task ids that come first")),
  files: v.optional(doc(TextList, "Files the task creates or changes")),
  tests: v.optional(doc(TextList, "Tests to write first")),
  estimate: v.optional(v.string()),
  escape_hatch: v.optional(v.string()),
});

/** A task file: tasks by role (optionally for one feature), or the bash workflow's `{version, task}`. */
export const TaskSpecSchema = v.union([
  v.strictObject({
    version: v.optional(Version),
    feature: v.optional(doc(v.pipe(v.string(), v.regex(FEATURE_ID)), "The feature these tasks belong to")),
    tasks: TasksByRole,
  }),
  v.strictObject({ version: v.optional(Version), task: SingleTaskSchema }),
]);

export type Task = v.InferOutput<typeof TaskSchema>;
export type TaskSpec = v.InferOutput<typeof TaskSpecSchema>;
