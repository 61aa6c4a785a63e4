import * as v from "valibot";
import { FEATURE_ID, FeatureStatus, IsoDate, Priority, Text, TextList, Version, doc } from "./common.ts";
import { TasksByRole } from "./task-spec.ts";

/** The plan's test coverage block: which kinds of test are required and recommended, and a minimum. */
export const TestCoverage = v.strictObject({
  required: v.optional(
    doc(v.union([v.boolean(), TextList]), "Test kinds that must exist (unit, integration, e2e), or true"),
  ),
  recommended: v.optional(doc(TextList, "Test kinds that should exist")),
  minimum: v.optional(doc(v.union([v.number(), v.string()]), 'Minimum coverage, e.g. 80 or "80%"')),
});

/** A success metric: a text, or the bash workflow's {metric, target}. */
const SuccessMetric = v.union([
  Text,
  v.strictObject({
    metric: Text,
    target: v.optional(v.union([v.string(), v.number()])),
    measurement: v.optional(v.string()),
  }),
]);

/** One field of a data model. */
const ModelField = v.strictObject({
  name: Text,
  type: Text,
  required: v.optional(v.boolean()),
  description: v.optional(v.string()),
  constraints: v.optional(v.union([v.string(), TextList])),
});

/** A data model of the bash workflow's specs: a name and its fields (or a JSON-Schema-like map). */
export const DataModel = v.strictObject({
  name: Text,
  description: v.optional(v.string()),
  fields: v.optional(v.union([v.array(ModelField), v.record(v.string(), v.unknown())])),
  relations: v.optional(TextList),
});

/** A functional requirement: FR-101 … */
export const FunctionalRequirement = v.strictObject({
  id: doc(v.pipe(v.string(), v.regex(/^FR-\d+$/)), "Requirement id, FR-<number>"),
  title: doc(Text, "The requirement in a line"),
  description: v.optional(doc(v.string(), "Details")),
  priority: v.optional(Priority),
  acceptance_criteria: v.optional(doc(TextList, "Checks that say the requirement is met")),
  test_coverage: v.optional(
    doc(
      v.union([v.picklist(["required", "optional", "none"]), TestCoverage]),
      "Whether tests must cover it (default required), or the bash workflow's {required, recommended} test kinds",
    ),
  ),
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

/** A feature spec (`.ai/project/features/<id>/spec.yaml`), the bash workflow's data model. */
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
      estimated_effort: v.optional(doc(v.string(), 'e.g. "2 weeks"')),
      updated: v.optional(IsoDate),
      tags: v.optional(doc(TextList, "Free labels (the bash workflow's metadata.tags)")),
    }),
  ),
  objective: v.strictObject({
    summary: doc(Text, "The primary goal, in a sentence or two"),
    business_value: v.optional(v.string()),
    acceptance_criteria: v.optional(doc(TextList, "Feature-level acceptance criteria")),
    success_metrics: v.optional(doc(v.array(SuccessMetric), "How success is measured: texts or {metric, target}")),
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
      api: v.optional(
        doc(
          v.union([Text, v.array(v.union([Text, v.record(v.string(), v.unknown())]))]),
          "The plan's contracts.api: an api_contract file, or endpoints (`POST /auth/login` or {method, path, …})",
        ),
      ),
    }),
  ),
  models: v.optional(doc(v.array(DataModel), "The feature's data models")),
  test_coverage: v.optional(doc(TestCoverage, "Feature-level test coverage: required and recommended kinds, minimum")),
  tasks: v.optional(TasksByRole),
  dependencies: v.optional(
    doc(
      v.union([TextList, v.record(v.string(), v.union([TextList, v.string()]))]),
      "Features, services or packages this feature needs: a list, or the bash workflow's map {features, services, packages}",
    ),
  ),
  risks: v.optional(v.array(Risk)),
  timeline: v.optional(
    v.strictObject({
      start: v.optional(IsoDate),
      end: v.optional(IsoDate),
      milestones: v.optional(v.array(v.strictObject({ name: Text, date: IsoDate }))),
      phases: v.optional(
        doc(
          v.array(
            v.strictObject({
              name: Text,
              duration: v.optional(v.string()),
              start: v.optional(IsoDate),
              end: v.optional(IsoDate),
              tasks: v.optional(TextList),
              description: v.optional(v.string()),
            }),
          ),
          "The plan's phases: name, duration or dates, task ids",
        ),
      ),
    }),
  ),
});

export type FeatureSpec = v.InferOutput<typeof FeatureSpecSchema>;
export type FunctionalRequirement = v.InferOutput<typeof FunctionalRequirement>;
