import { validateConfig } from "./validate.ts";
import type { Config } from "./types.ts";

/** The config with every default, as used when no config file exists. */
export function defaultConfig(): Config {
  const result = validateConfig({});
  if (!result.ok) throw new Error("the default config does not validate");
  return result.config;
}
