import { WfError } from "../core/errors.ts";
import { git, gitRaw } from "./git.ts";
import type { ParallelProject } from "./project.ts";
import { resolveBase, worktreeChanges, worktreePath } from "./worktrees.ts";
import { existsSync } from "node:fs";
import { withMergeDrivers } from "./merge-drivers.ts";

/** What `worktreeSync` did. */
export interface SyncResult {
  role: string;
  base: string;
  strategy: "merge" | "rebase";
  /** up-to-date: nothing to bring in; synced: the base is in; conflict: aborted, tree as it was; dirty: refused. */
  status: "up-to-date" | "synced" | "conflict" | "dirty";
  conflicts: string[];
  changes: string[];
  head_before: string;
  head_after: string;
}

/**
 * Brings the base into a role's worktree by merge or rebase (config `parallel.syncStrategy`).
 * Refuses on a dirty tree; on a conflict it aborts, leaving the tree as it was.
 */
export async function worktreeSync(
  project: ParallelProject,
  role: string,
  options: { base?: string; strategy?: "merge" | "rebase" } = {},
): Promise<SyncResult> {
  const path = worktreePath(project, role);
  if (!existsSync(path)) {
    throw new WfError("E_USAGE_NO_WORKTREE", `no worktree for ${role}`, {
      hint: `create it with \`wf-task worktree create ${role}\``,
    });
  }
  const base = await resolveBase(project, options.base);
  const strategy = options.strategy ?? project.config.parallel.syncStrategy;
  const head = await git(path, ["rev-parse", "HEAD"], project.env);
  const result: SyncResult = {
    role,
    base,
    strategy,
    status: "up-to-date",
    conflicts: [],
    changes: [],
    head_before: head,
    head_after: head,
  };
  const changes = await worktreeChanges(project, path);
  if (changes.length) return { ...result, status: "dirty", changes };
  // what every agent writes (the progress file, the learnings, CLAUDE.md's rules) merges as at landing
  const env = withMergeDrivers(project, project.env);
  const r =
    strategy === "rebase"
      ? await gitRaw(path, ["rebase", "--quiet", base], env)
      : await gitRaw(path, ["merge", "--no-edit", "--quiet", base], env);
  if (r.code !== 0) {
    const conflicts = (await gitRaw(path, ["diff", "--name-only", "--diff-filter=U"], project.env)).stdout
      .trim()
      .split("\n")
      .filter(Boolean);
    await gitRaw(path, strategy === "rebase" ? ["rebase", "--abort"] : ["merge", "--abort"], project.env);
    if (!conflicts.length) {
      throw new WfError("E_GIT", `git ${strategy} ${base} failed: ${r.stderr.trim().split("\n").at(-1)}`);
    }
    return { ...result, status: "conflict", conflicts };
  }
  const after = await git(path, ["rev-parse", "HEAD"], project.env);
  return { ...result, status: after === head ? "up-to-date" : "synced", head_after: after };
}
