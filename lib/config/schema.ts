import * as v from "valibot";
import { CompoundSchema } from "./sections/compound.ts";
import { EnforcementSchema } from "./sections/enforcement.ts";
import { HarnessSchema } from "./sections/harness.ts";
import { IntegrationsSchema } from "./sections/integrations.ts";
import { ParallelSchema } from "./sections/parallel.ts";
import { SpecsSchema } from "./sections/specs.ts";
import { TrustSchema } from "./sections/trust.ts";

/** The whole config. Every field has a default, so `{}` is a valid config. */
export const ConfigSchema = v.pipe(
  v.strictObject({
    $schema: v.optional(v.string()),
    version: v.optional(v.string()),
    harness: HarnessSchema,
    trust: TrustSchema,
    parallel: ParallelSchema,
    specs: SpecsSchema,
    enforcement: EnforcementSchema,
    compound: CompoundSchema,
    integrations: IntegrationsSchema,
  }),
  v.description("wf-task configuration (workflow.config.ts)"),
);
