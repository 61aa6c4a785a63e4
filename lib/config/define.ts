import type { ConfigEnv, UserConfig } from "./types.ts";

export type ConfigExport = UserConfig | Promise<UserConfig> | ((env: ConfigEnv) => UserConfig | Promise<UserConfig>);

/**
 * Declares the config of `workflow.config.ts`. Returns what it is given; its types do the work:
 * an object, a promise of one, or a function of `{ root, env }`.
 */
export function defineConfig<const C extends ConfigExport>(config: C): C;
export function defineConfig(config: ConfigExport): ConfigExport {
  return config;
}
