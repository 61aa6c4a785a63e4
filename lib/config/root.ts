import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** wf-task's own config files, in the order they are looked for. */
export const CONFIG_FILES = [
  "workflow.config.ts",
  "workflow.config.mts",
  "workflow.config.js",
  "workflow.config.mjs",
  ".workflowrc",
  ".workflowrc.json",
  ".workflowrc.yaml",
];

const MARKERS = [...CONFIG_FILES, ".ai", ".git"];

/**
 * The project root for `cwd`: the nearest folder, `cwd` or above, that has a wf-task config,
 * an `.ai/` folder or a `.git` (a linked worktree's `.git` file counts, so each worktree is its
 * own root). `cwd` itself when none is found.
 */
export function findRoot(cwd: string): string {
  let dir = cwd;
  for (;;) {
    if (MARKERS.some((m) => existsSync(join(dir, m)))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return cwd;
    dir = parent;
  }
}
