import type * as v from "valibot";
import type { ConfigSchema } from "./schema.ts";

/** What a user writes: every key optional. */
export type UserConfig = v.InferInput<typeof ConfigSchema>;
/** The resolved config: every default filled in. */
export type Config = v.InferOutput<typeof ConfigSchema>;

/** Where a part of the config came from. */
export interface ConfigSource {
  kind: "file" | "package.json" | "legacy" | "env";
  /** Absolute path, or the env var names. */
  path: string;
}

/** The result of `loadConfig`. */
export interface LoadedConfig {
  config: Config;
  /** The project root: every relative path in the config is relative to it. */
  root: string;
  /** Sources in the order they were applied (lowest first). */
  sources: ConfigSource[];
  /** Top-level keys of a legacy config.yaml that wf-task does not use, kept as they are. */
  legacyExtra: Record<string, unknown>;
  /** Soft problems (unused legacy keys, …), for `config validate` and --debug. */
  warnings: string[];
}

/** The environment `defineConfig`'s function form receives. */
export interface ConfigEnv {
  root: string;
  env: Record<string, string | undefined>;
}
