// Models for the trust tests: the built-in default and the seed's trust_model.yaml, loaded as a project would.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultConfig } from "../../lib/config/defaults.ts";
import type { Config } from "../../lib/config/types.ts";
import { loadTrustModel } from "../../lib/trust/load.ts";
import type { TrustModel } from "../../lib/trust/model.ts";
import { ROOT, tempDir, writeFiles } from "../_support/index.ts";

/** The seed's trust_model.yaml (BE-006), as written in the plan. */
export const SEED_YAML = readFileSync(join(ROOT, "test/trust/fixtures/seed_trust_model.yaml"), "utf8");

/** A config with the given `trust` section over the defaults. */
export function configWith(trust: Partial<Config["trust"]> = {}): Config {
  const config = defaultConfig();
  return { ...config, trust: { ...config.trust, ...trust } };
}

/** A project folder with these files and the model loaded from it. */
export async function modelIn(
  files: Record<string, string>,
  trust: Partial<Config["trust"]> = {},
): Promise<{ root: string; model: TrustModel }> {
  const root = tempDir("wf-trust-");
  writeFiles(root, files);
  return { root, model: await loadTrustModel({ root, config: configWith(trust) }) };
}

/** The built-in default model (no trust_model.yaml). */
export const defaultModel = (trust: Partial<Config["trust"]> = {}) => modelIn({}, trust).then((r) => r.model);
/** The seed's model, from `.ai/workflow/trust_model.yaml`. */
export const seedModel = (trust: Partial<Config["trust"]> = {}) =>
  modelIn({ ".ai/workflow/trust_model.yaml": SEED_YAML }, trust).then((r) => r.model);
