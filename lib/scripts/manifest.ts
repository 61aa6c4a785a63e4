import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { VERSION } from "../version.ts";

/** `.ai/workflow/.wf-manifest.json`: what `scripts install` wrote, with checksums. */
export const MANIFEST_FILE = ".wf-manifest.json";

export interface Manifest {
  version: string;
  generatedAt: string;
  /** Relative path under the install folder → sha256 of the content written. */
  files: Record<string, string>;
}

export const sha256 = (content: string | Uint8Array) => createHash("sha256").update(content).digest("hex");

/** The manifest in `dir`, or null when there is none. A corrupt manifest is reported as null plus `corrupt`. */
export function readManifest(dir: string): { manifest: Manifest | null; corrupt: boolean } {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return { manifest: null, corrupt: false };
  try {
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
    if (!manifest || typeof manifest.files !== "object") return { manifest: null, corrupt: true };
    return { manifest, corrupt: false };
  } catch {
    return { manifest: null, corrupt: true };
  }
}

export interface ScriptsCheck {
  /** A manifest exists. */
  installed: boolean;
  /** wf-task version that installed them. */
  version?: string;
  /** Installed by another wf-task version than this one. */
  stale: boolean;
  /** Files changed by hand since install (checksum differs). */
  edited: string[];
  /** Files of the manifest that are gone. */
  missing: string[];
}

/** Compares the installed scripts in `<root>/.ai/workflow` (or `dir`) with their manifest. */
export async function checkInstalledScripts(root: string, dir = join(root, ".ai/workflow")): Promise<ScriptsCheck> {
  const { manifest } = readManifest(dir);
  if (!manifest) return { installed: false, stale: false, edited: [], missing: [] };
  const edited: string[] = [];
  const missing: string[] = [];
  for (const [rel, hash] of Object.entries(manifest.files)) {
    const file = join(dir, rel);
    if (!existsSync(file)) missing.push(rel);
    else if (sha256(readFileSync(file)) !== hash) edited.push(rel);
  }
  return { installed: true, version: manifest.version, stale: manifest.version !== VERSION, edited, missing };
}
