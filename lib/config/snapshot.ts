import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isWfError } from "../core/errors.ts";
import { loadConfig } from "./load.ts";
import type { Config, LoadedConfig } from "./types.ts";

/** Written by `scripts install` beside the scripts: the resolved config, for runtimes without a TS loader. */
export const SNAPSHOT_FILE = "config.snapshot.json";

export interface ConfigSnapshot {
  /** wf-task version that wrote it. */
  version: string;
  /** Config sources, relative to the project root. */
  sources: string[];
  /** sha256 over the sources' contents: a mismatch means the config changed since install. */
  hash: string;
  config: Config;
}

/** Hash of the given files' contents (a missing file hashes as empty). */
export function hashSources(root: string, sources: string[]): string {
  const hash = createHash("sha256");
  for (const rel of sources) {
    const file = join(root, rel);
    hash
      .update(rel)
      .update("\0")
      .update(existsSync(file) ? readFileSync(file) : "")
      .update("\0");
  }
  return hash.digest("hex");
}

/**
 * Loads the config the way the CLI does; when a TypeScript config cannot be loaded here (no
 * jiti next to the standalone scripts in `workflowDir`), falls back to the snapshot `scripts
 * install` wrote, warning when the config changed since.
 */
export async function loadConfigOrSnapshot(
  workflowDir: string,
  cwd: string,
  env: Record<string, string | undefined>,
  warn: (text: string) => void,
): Promise<LoadedConfig> {
  try {
    return await loadConfig({ cwd, env });
  } catch (error) {
    if (!isWfError(error) || error.code !== "E_PREREQ_TS_LOADER") throw error;
    const file = join(workflowDir, SNAPSHOT_FILE);
    if (!existsSync(file)) throw error;
    const snapshot = JSON.parse(readFileSync(file, "utf8")) as ConfigSnapshot;
    const root = join(workflowDir, "..", "..");
    if (hashSources(root, snapshot.sources) !== snapshot.hash) {
      warn(
        `warning: ${snapshot.sources.join(", ")} changed since the scripts were installed; using the installed snapshot — ` +
          "run `npx wf-task scripts install` to refresh it",
      );
    }
    const sources = snapshot.sources.map((p) => ({ kind: "file" as const, path: join(root, p) }));
    return { config: snapshot.config, root, sources, legacyExtra: {}, warnings: [] };
  }
}
