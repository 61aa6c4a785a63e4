import * as v from "valibot";
import { Strictness, field, section } from "./common.ts";

/** Spec-driven development. */
export const SpecsSchema = section(
  {
    schemaPath: field(v.string(), ".ai/workflow/specs/schema", "Where the JSON Schemas are written"),
    templatesPath: field(v.string(), ".ai/workflow/specs/templates", "Where the spec templates are written"),
    featuresDir: field(v.string(), ".ai/project/features", "Feature workspaces (<id>/spec.yaml)"),
    validation: field(Strictness, "strict", "strict: errors fail; warn: report and exit 0; off: skip"),
  },
  "Spec-driven development",
);
