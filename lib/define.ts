// The part of wf-task a config file needs at run time: `defineConfig` (an identity function) and the
// config's types. Config loading maps `import { defineConfig } from "wf-task"` here, so loading a
// `workflow.config.ts` does not load the whole library.
export { defineConfig, type ConfigExport } from "./config/define.ts";
export type { ConfigEnv, UserConfig } from "./config/types.ts";
