import type { GenericSchema } from "valibot";
import { ApiContractSchema } from "./api-contract.ts";
import { FeatureSpecSchema } from "./feature-spec.ts";
import { TaskSpecSchema } from "./task-spec.ts";

/** The kinds of spec wf-task knows, by the name of their schema file. */
export const SPEC_KINDS = ["feature_spec", "api_contract", "task_spec"] as const;
export type SpecKind = (typeof SPEC_KINDS)[number];

/** The valibot schema of each kind: the one source of truth. */
export const specSchemas: Record<SpecKind, GenericSchema> = {
  feature_spec: FeatureSpecSchema,
  api_contract: ApiContractSchema,
  task_spec: TaskSpecSchema,
};

/** Guesses a spec's kind from its top-level keys (`api` → contract, only `tasks` → task spec). */
export function detectKind(value: unknown): SpecKind {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.includes("api") || keys.includes("endpoints") || keys.includes("functions")) return "api_contract";
    if (keys.includes("tasks") && !keys.includes("requirements") && !keys.includes("objective")) return "task_spec";
    if (keys.includes("task") && !keys.includes("requirements") && !keys.includes("feature")) return "task_spec";
  }
  return "feature_spec";
}

export { FeatureSpecSchema, ApiContractSchema, TaskSpecSchema };
export type { FeatureSpec } from "./feature-spec.ts";
export type { ApiContract } from "./api-contract.ts";
export type { TaskSpec, Task } from "./task-spec.ts";
