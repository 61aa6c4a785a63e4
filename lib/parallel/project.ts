import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { checkoutAt } from "../core/checkout.ts";
import { WfError } from "../core/errors.ts";
import type { Project } from "../core/project.ts";

/** The main checkout's project a parallel run belongs to: its root, config, state paths and environment. */
export type ParallelProject = Project;

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
 * The project parallel work uses: the main checkout's, even when asked from inside a worktree (the state
 * of a parallel run, its ports, runs and worktrees, belongs to the main checkout).
 */
export async function parallelProject(project: Project): Promise<ParallelProject> {
  if (!isGitRoot(project.root)) {
    throw new WfError("E_PREREQ_GIT_REPO", `${project.root} is not a git repository`, {
      hint: "run it inside a git repository (git init), or pass --cwd <repo>",
    });
  }
  return project.mainCheckout();
}

/** `path` relative to the project root when inside it, else absolute (for display). */
export function shown(project: { root: string }, path: string): string {
  if (!isAbsolute(path)) return path;
  return path.startsWith(`${project.root}/`) ? path.slice(project.root.length + 1) : path;
}
