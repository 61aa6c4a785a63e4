import type { AssetProvider } from "../scripts/assets.ts";
import { loadTrustModel } from "./load.ts";
import { modelToYaml } from "./serialize.ts";

/** `.ai/workflow/trust_model.yaml`, written from the resolved trust model. */
const assets: AssetProvider = async ({ root, config }) => {
  const model = await loadTrustModel({ root, config });
  return [{ path: "trust_model.yaml", content: await modelToYaml(model) }];
};
export default assets;
