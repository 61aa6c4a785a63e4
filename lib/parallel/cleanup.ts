import { existsSync, rmdirSync } from "node:fs";
import { relative } from "node:path";
import { git, gitRaw } from "./git.ts";
import { checkName } from "../core/names.ts";
import { releasePort } from "./ports.ts";
import type { ParallelProject } from "./project.ts";
import { gitWorktrees, resolveBase, worktreeChanges, worktreePath } from "./worktrees.ts";
import { archiveWorktree, preserveMatcher, type ArchiveResult } from "./archive.ts";

/** What `worktreeCleanup` did, or why it refused. */
export interface CleanupResult {
  role: string;
  path: string;
  branch: string | null;
  /** The worktree is gone (or was never there). */
  removed: boolean;
  /** Refused: nothing was touched. */
  refused: boolean;
  /** Why it refused (or what --force overrode). */
  reasons: string[];
  /** Uncommitted or untracked paths (`XY path`). */
  changes: string[];
  /** Commits not reachable from the base or a remote branch, not patch-equivalent to the base. */
  unmerged: string[];
  /** The branch's work is on the base (merged, rebased, cherry-picked or squash-merged). */
  merged: boolean;
  branch_deleted: boolean;
  /** `refs/wf-backup/<role>/<timestamp>` saved under --force. */
  backup_ref: string | null;
  /** The stash commit of uncommitted work saved under --force. */
  stash: string | null;
  port_released: number | null;
  /** The session memory and preserved files saved in the main checkout before removal, or null when nothing differed. */
  archived: ArchiveResult | null;
}

/** Commits of HEAD (in `cwd`) whose work is not on `base` or any remote branch. */
export async function unmergedCommits(
  cwd: string,
  base: string,
  env: Record<string, string | undefined>,
): Promise<string[]> {
  const out = await git(cwd, ["rev-list", "HEAD", "--not", base, "--remotes"], env);
  let pending = out ? out.split("\n") : [];
  if (pending.length === 0) return [];
  // Rebased or cherry-picked: the same patch is on the base.
  const cherry = await git(cwd, ["cherry", base, "HEAD"], env);
  const equivalent = new Set(
    cherry
      .split("\n")
      .filter((l) => l.startsWith("- "))
      .map((l) => l.slice(2)),
  );
  pending = pending.filter((c) => !equivalent.has(c));
  if (pending.length === 0) return [];
  // Squash-merged: the branch's whole diff equals one commit's diff on the base.
  const mergeBase = (await gitRaw(cwd, ["merge-base", base, "HEAD"], env)).stdout.trim();
  if (mergeBase) {
    const diff = await git(cwd, ["diff", "--binary", mergeBase, "HEAD"], env);
    const mine = diff ? (await git(cwd, ["patch-id", "--stable"], env, `${diff}\n`)).split(" ")[0] : "";
    if (mine) {
      const log = await git(cwd, ["log", "-p", "--binary", "--no-merges", `${mergeBase}..${base}`], env);
      const ids = log
        ? (await git(cwd, ["patch-id", "--stable"], env, `${log}\n`)).split("\n").map((l) => l.split(" ")[0])
        : [];
      if (ids.includes(mine)) return [];
    }
  }
  return pending;
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

/**
 * Removes a role's worktree, its branch (when merged, or forced) and its port. Refuses,
 * touching nothing, when there are uncommitted or untracked changes or unmerged commits;
 * `force` first saves `refs/wf-backup/<role>/<timestamp>` and a stash of the changes.
 */
/** The feature a worktree works on, from its progress file (null when it has none). */
async function featureOf(project: ParallelProject, worktree: string): Promise<string | null> {
  try {
    const [{ progressFileOf }, { readProgressFile }] = await Promise.all([
      import("./monitor.ts"),
      import("../harness/progress.ts"),
    ]);
    return (await readProgressFile(await progressFileOf(project, worktree)))?.feature ?? null;
  } catch {
    return null;
  }
}

export async function worktreeCleanup(
  project: ParallelProject,
  role: string,
  options: { force?: boolean; base?: string; now?: Date; keepBranch?: boolean; feature?: string } = {},
): Promise<CleanupResult> {
  checkName("role", role);
  const path = worktreePath(project, role);
  const [trees, resolvedBase] = await Promise.all([gitWorktrees(project), resolveBase(project, options.base)]);
  const known = trees.find((w) => w.path === path);
  const result: CleanupResult = {
    role,
    path,
    branch: known?.branch ?? null,
    removed: false,
    refused: false,
    reasons: [],
    changes: [],
    unmerged: [],
    merged: true,
    branch_deleted: false,
    backup_ref: null,
    stash: null,
    port_released: null,
    archived: null,
  };
  if (!known || known.prunable || !existsSync(path)) {
    if (known) await git(project.root, ["worktree", "prune"], project.env);
    result.removed = true;
    result.port_released = await releasePort(project, role);
    return result;
  }
  const base = resolvedBase;
  // Preserved files are archived below, so they are not work that would be lost.
  const preserved = await preserveMatcher(project);
  const [changes, unmerged] = await Promise.all([
    worktreeChanges(project, path, { except: preserved }),
    known.head ? unmergedCommits(path, base, project.env) : Promise.resolve([]),
  ]);
  result.changes = changes;
  result.unmerged = unmerged;
  result.merged = unmerged.length === 0;
  if (changes.length)
    result.reasons.push(`${changes.length} uncommitted or untracked change(s) in ${relative(project.root, path)}`);
  if (unmerged.length)
    result.reasons.push(
      `${unmerged.length} commit(s) on ${known.branch ?? "HEAD"} not merged into ${base} nor on a remote branch`,
    );
  if (result.reasons.length && !options.force) {
    result.refused = true;
    return result;
  }
  const ts = stamp(options.now ?? new Date());
  const feature = options.feature ?? (await featureOf(project, path)) ?? "unknown";
  result.archived = await archiveWorktree(project, path, feature, role, ts);
  if (options.force) {
    const ref = `refs/wf-backup/${role}/${ts}`;
    if (known.head) {
      await git(path, ["update-ref", "-m", `wf-task cleanup --force ${role}`, ref, "HEAD"], project.env);
      result.backup_ref = ref;
    }
    const dirty = (await git(path, ["status", "--porcelain", "--untracked-files=all"], project.env)).length > 0;
    if (dirty) {
      await git(
        path,
        ["stash", "push", "--include-untracked", "-m", `wf-task cleanup --force ${role} ${ts}`],
        project.env,
      );
      result.stash = await git(path, ["rev-parse", "refs/stash"], project.env);
      await git(path, ["update-ref", `${ref}-stash`, result.stash], project.env);
    }
  }
  await git(project.root, ["worktree", "remove", "--force", path], project.env);
  result.removed = true;
  try {
    rmdirSync(project.paths.worktreeBase); // only when empty
  } catch {
    // Other worktrees remain.
  }
  if (known.branch && !options.keepBranch && (result.merged || options.force)) {
    const del = await gitRaw(project.root, ["branch", "-D", known.branch], project.env);
    result.branch_deleted = del.code === 0;
  }
  result.port_released = await releasePort(project, role);
  return result;
}
