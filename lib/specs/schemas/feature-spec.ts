import * as v from "valibot";
import { FEATURE_ID, FeatureStatus, IsoDate, Priority, Text, TextList, Version, doc } from "./common.ts";
import { TasksByRole } from "./task-spec.ts";

/** A functional requirement: FR-101 … */
export const FunctionalRequirement = v.strictObject({
  id: doc(v.pipe(v.string(), v.regex(/^FR-\d+$/)), "Requirement id, FR-<number>"),
  title: doc(Text, "The requirement in a line"),
  description: v.optional(doc(v.string(), "Details")),
  priority: v.optional(Priority),
  acceptance_criteria: v.optional(doc(TextList, "Checks that say the requirement is met")),
  test_coverage: v.optional(doc(v.picklist(["required", "optional", "none"]), "Whether tests must cover it (default required)")),
});

/** A non-functional requirement: NFR-101 … */
export const NonFunctionalRequirement = v.strictObject({
  id: doc(v.pipe(v.string(), v.regex(/^NFR-\d+$/)), "Requirement id, NFR-<number>"),
  type: doc(Text, "performance, security, constraint, accessibility, …"),
  requirement: doc(Text, "The requirement, measurable where possible"),
});

/** An internal contract: a function or module interface the feature exposes. */
export const InternalContract = v.strictObject({
  name: Text,
  type: v.picklist(["bash", "python", "node", "typescript"]),
  interface: doc(Text, "The signature, e.g. `login(email: string, password: string): Promise<Session>`"),
});

export const Risk = v.strictObject({
  description: Text,
  likelihood: v.optional(v.picklist(["low", "medium", "high"])),
  impact: v.optional(v.picklist(["low", "medium", "high"])),
  mitigation: v.optional(v.string()),
});

/** A feature spec (`.ai/project/features/<id>/spec.yaml`), the plan's data model. */
export const FeatureSpecSchema = v.strictObject({
  version: Version,
  feature: v.strictObject({
    id: doc(v.pipe(v.string(), v.regex(FEATURE_ID)), "Feature id: lowercase letters, digits and -"),
    name: doc(Text, "Human name of the feature"),
    priority: Priority,
    status: FeatureStatus,
  }),
  metadata: v.optional(
    v.strictObject({
      created: v.optional(IsoDate),
      author: v.optional(v.string()),
      estimated_effort: v.optional(doc(v.string(), "e.g. \"2 weeks\"")),
    }),
  ),
  objective: v.strictObject({
    summary: doc(Text, "The primary goal, in a sentence or two"),
    business_value: v.optional(v.string()),
    acceptance_criteria: v.optional(doc(TextList, "Feature-level acceptance criteria")),
  }),
  context: v.optional(
    v.strictObject({
      users: v.optional(doc(v.string(), "Who uses the feature")),
      similar_features: v.optional(doc(TextList, "Existing features to learn from")),
    }),
  ),
  requirements: v.strictObject({
    functional: v.pipe(v.array(FunctionalRequirement), v.minLength(1)),
    non_functional: v.optional(v.array(NonFunctionalRequirement)),
  }),
  contracts: v.optional(
    v.strictObject({
      internal: v.optional(v.array(InternalContract)),
      apis: v.optional(doc(TextList, "APIs needed or exposed: `POST /auth/login`, or a path to an api_contract file")),
    }),
  ),
  tasks: v.optional(TasksByRole),
  dependencies: v.optional(doc(TextList, "Features, services or packages this feature needs")),
  risks: v.optional(v.array(Risk)),
  timeline: v.optional(
    v.strictObject({
      start: v.optional(IsoDate),
      end: v.optional(IsoDate),
      milestones: v.optional(v.array(v.strictObject({ name: Text, date: IsoDate }))),
    }),
  ),
});

export type FeatureSpec = v.InferOutput<typeof FeatureSpecSchema>;
export type FunctionalRequirement = v.InferOutput<typeof FunctionalRequirement>;
