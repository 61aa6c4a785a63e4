import type { AssetProvider } from "../runner/registry.ts";

/** Files this layer installs under .ai/workflow/ (none yet). */
const assets: AssetProvider = () => [];
export default assets;
