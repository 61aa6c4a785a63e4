import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config/types.ts";

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
    hash.update(rel).update("\0").update(existsSync(file) ? readFileSync(file) : "").update("\0");
  }
  return hash.digest("hex");
}
