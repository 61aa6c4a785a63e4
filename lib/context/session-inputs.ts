import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { projectPaths } from "../config/paths.ts";
import type { LoadedConfig } from "../config/types.ts";
import { readProgressFile, type ProgressJson } from "../harness/progress.ts";

/** What the session's own files say about the work: the progress file and the feature spec. */
export interface SessionInputs {
  progress: ProgressJson | null;
  progressFile: string;
  claudeMd: string;
  /** Files named in the progress file, root-relative. */
  progressFiles: string[];
  /** Existing files named in the feature's spec.yaml, root-relative. */
  specFiles: string[];
}

const PATHISH = /[\w@.-]+(?:\/[\w@.-]+)+\.\w+|[\w-]+\.(?:ts|tsx|js|jsx|mjs|py|php|go|rb|java|rs)\b/g;

/** Reads the progress file and the current feature's spec for paths (either may be absent). */
export async function sessionInputs(loaded: LoadedConfig): Promise<SessionInputs> {
  const paths = projectPaths(loaded);
  const progress = await readProgressFile(paths.progressFile);
  const specFiles: string[] = [];
  if (progress?.feature && /^[a-z0-9][a-z0-9._-]*$/i.test(progress.feature)) {
    const spec = join(paths.featuresDir, progress.feature, "spec.yaml");
    const text = await readFile(spec, "utf8").catch(() => "");
    for (const m of text.matchAll(PATHISH)) {
      const candidate = m[0];
      if (!specFiles.includes(candidate) && existsSync(join(paths.root, candidate))) specFiles.push(candidate);
    }
  }
  return {
    progress,
    progressFile: relative(paths.root, paths.progressFile),
    claudeMd: relative(paths.root, paths.claudeMd),
    progressFiles: progress?.files ?? [],
    specFiles,
  };
}
