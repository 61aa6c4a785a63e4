import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { checkoutAt } from "../core/checkout.ts";
import { WfError } from "../core/errors.ts";
import { projectPaths, type ProjectPaths } from "../config/paths.ts";
import type { Config, LoadedConfig } from "../config/types.ts";

/** The main checkout a parallel run belongs to: its root, config, state paths and environment. */
export interface ParallelProject {
  root: string;
  config: Config;
  paths: ProjectPaths;
  env: Record<string, string | undefined>;
}

/**
 * The main checkout of the repository `root` belongs to: `root` itself, or, when `root` is a
 * linked worktree (its `.git` is a file), the checkout that owns the shared git folder.
 */
export function mainCheckout(root: string): string {
  const checkout = checkoutAt(root);
  return checkout.linked ? checkout.main : root;
}

/** True when `root` holds a git repository (a `.git` folder or file). */
export function isGitRoot(root: string): boolean {
  return existsSync(join(root, ".git"));
}

/**
 * Opens the main checkout for parallel work from a loaded config: the state of a parallel run
 * (ports, runs, worktrees) belongs to the main checkout even when asked from inside a worktree.
 */
export async function openProject(loaded: LoadedConfig, env: Record<string, string | undefined>): Promise<ParallelProject> {
  if (!isGitRoot(loaded.root)) {
    throw new WfError("E_PREREQ_GIT_REPO", `${loaded.root} is not a git repository`, {
      hint: "run it inside a git repository (git init), or pass --cwd <repo>",
      exitCode: 3,
    });
  }
  const main = mainCheckout(loaded.root);
  let use = loaded;
  if (main !== loaded.root) {
    const { loadConfig } = await import("../config/load.ts");
    use = await loadConfig({ cwd: main, env });
  }
  return { root: use.root, config: use.config, paths: projectPaths(use), env };
}

/** `path` relative to the project root when inside it, else absolute (for display). */
export function shown(project: { root: string }, path: string): string {
  if (!isAbsolute(path)) return path;
  return path.startsWith(`${project.root}/`) ? path.slice(project.root.length + 1) : path;
}
