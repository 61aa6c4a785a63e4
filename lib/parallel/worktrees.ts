import { existsSync, mkdirSync, rmSync } from "node:fs";
import { checkoutAt } from "../core/checkout.ts";
import { basename, join, relative } from "node:path";
import { WfError } from "../core/errors.ts";
import { checkName } from "../core/names.ts";
import { gitEach } from "./git-batch.ts";
import { git, gitFailed, gitRaw, refExists } from "./git.ts";
import type { ParallelProject } from "./project.ts";
import { fileHash, readManifest, setupListings, setupWorktree, type SetupListings, type SetupResult } from "./setup.ts";
import { infoLine } from "./git-info.ts";

/** One entry of `git worktree list --porcelain -z`. */
export interface GitWorktree {
  path: string;
  head: string | null;
  branch: string | null;
  bare: boolean;
  detached: boolean;
  locked: boolean;
  prunable: boolean;
}

/** A worktree as `worktree list --json` shows it. */
export interface WorktreeInfo {
  role: string;
  path: string;
  branch: string | null;
  status: "clean" | "dirty" | "missing";
  port: number | null;
  uncommitted_changes: number;
  ahead: number;
  behind: number;
  /** Under the worktree base (made by wf-task) rather than by hand elsewhere. */
  managed: boolean;
  head: string | null;
  locked: boolean;
}

/** `worktree status <role>`. */
export interface WorktreeStatus {
  role: string;
  exists: boolean;
  clean: boolean;
  uncommitted_changes: number;
  ahead: number;
  behind: number;
  path: string;
  branch: string | null;
  base: string;
  /** The changed paths counted in `uncommitted_changes` (`?? file` for untracked). */
  changes: string[];
}

/** What `worktreeCreate` did. */
export interface CreateResult {
  role: string;
  path: string;
  branch: string;
  base: string;
  /** False when the worktree was already there (reused). */
  created: boolean;
  /** False when the branch existed and was reused. */
  branch_created: boolean;
  setup: SetupResult | null;
}

export interface CreateOptions {
  /** Branch name (default `feature/<feature-or-repo>-<role>`). */
  branch?: string;
  /** Base branch (default config `parallel.baseBranch`). */
  base?: string;
  /** Feature the branch is named after (default the repo's folder name). */
  feature?: string;
  /** Run the configured setup (default true). */
  setup?: boolean;
  /** Extra environment for setup commands. */
  env?: Record<string, string | undefined>;
  /**
   * Called once `git worktree add` has started, with the worktree's folder made (empty; git fills it):
   * work that does not need the checkout starts here and runs alongside the add (a tmux pane can
   * already have the folder as its working folder). Not called when the worktree is reused.
   */
  whileAdding?: (path: string) => void;
}

/** Parses `git worktree list --porcelain -z`. */
export function parseWorktreeList(text: string): GitWorktree[] {
  const out: GitWorktree[] = [];
  let cur: GitWorktree | undefined;
  for (const field of text.split("\0")) {
    if (field === "") {
      if (cur) out.push(cur);
      cur = undefined;
      continue;
    }
    const sp = field.indexOf(" ");
    const key = sp < 0 ? field : field.slice(0, sp);
    const value = sp < 0 ? "" : field.slice(sp + 1);
    if (key === "worktree") {
      if (cur) out.push(cur);
      cur = { path: value, head: null, branch: null, bare: false, detached: false, locked: false, prunable: false };
    } else if (cur) {
      if (key === "HEAD") cur.head = value;
      else if (key === "branch") cur.branch = value.replace(/^refs\/heads\//, "");
      else if (key === "bare") cur.bare = true;
      else if (key === "detached") cur.detached = true;
      else if (key === "locked") cur.locked = true;
      else if (key === "prunable") cur.prunable = true;
    }
  }
  if (cur) out.push(cur);
  return out;
}

const LIST_ARGS = ["worktree", "list", "--porcelain", "-z"];

/** Every worktree git knows of, the main checkout first. */
export async function gitWorktrees(project: ParallelProject): Promise<GitWorktree[]> {
  return parseWorktreeList(await git(project.root, LIST_ARGS, project.env));
}

/** The path of a role's worktree: `<worktreeBase>/<role>`. */
export function worktreePath(project: ParallelProject, role: string): string {
  return join(project.paths.worktreeBase, checkName("role", role));
}

/** The base branch: the one asked for (must exist), else the configured one, else the main checkout's branch. */
export async function resolveBase(project: ParallelProject, base?: string): Promise<string> {
  if (base !== undefined) {
    checkName("branch", base);
    if (!(await refExists(project.root, base, project.env))) {
      throw new WfError("E_USAGE_BASE", `base branch \`${base}\` does not exist`, {
        hint: "pass an existing branch with --base",
      });
    }
    return base;
  }
  const configured = project.config.parallel.baseBranch;
  if (await refExists(project.root, configured, project.env)) return configured;
  const current = await gitRaw(project.root, ["symbolic-ref", "--quiet", "--short", "HEAD"], project.env);
  if (current.code === 0 && current.stdout.trim()) return current.stdout.trim();
  throw new WfError("E_USAGE_BASE", `base branch \`${configured}\` does not exist and HEAD is detached`, {
    hint: "set parallel.baseBranch in the config or pass --base",
  });
}

/** Default branch of a role: `feature/<feature>-<role>`. */
export function defaultBranch(project: ParallelProject, role: string, feature?: string): string {
  const name =
    feature ??
    basename(project.root)
      .replace(/[^A-Za-z0-9._-]/g, "-")
      .replace(/^[^A-Za-z0-9]+/, "") ??
    "work";
  return `feature/${name || "work"}-${role}`;
}

/** Adds the worktree base to `.git/info/exclude` (once), when it lies inside the checkout. */
export function excludeWorktreeBase(project: ParallelProject): void {
  const rel = relative(project.root, project.paths.worktreeBase);
  if (!rel || rel.startsWith("..")) return;
  infoLine(
    checkoutAt(project.root).commonDir ?? join(project.root, ".git"),
    "exclude",
    `/${rel.split("\\").join("/")}/`,
  );
}

/**
 * Creates (or reuses) the worktree of a role at `<worktreeBase>/<role>` on its branch, reusing
 * the branch when it exists, then runs the configured setup.
 */
export async function worktreeCreate(
  project: ParallelProject,
  role: string,
  options: CreateOptions = {},
): Promise<CreateResult> {
  checkName("role", role);
  if (options.feature !== undefined) checkName("feature", options.feature);
  const branch = checkName("branch", options.branch ?? defaultBranch(project, role, options.feature));
  return worktreeCreateOn(project, role, await resolveBase(project, options.base), { ...options, branch });
}

/**
 * `worktreeCreate` on a base already resolved by `resolveBase` (`parallel start` resolves it once for
 * every role), or being resolved: the checks run meanwhile, and a rejection stops the creation
 * before anything is made.
 */
export async function worktreeCreateOn(
  project: ParallelProject,
  role: string,
  base: string | Promise<string>,
  options: CreateOptions = {},
): Promise<CreateResult> {
  // A base being resolved is awaited only after the lock and git's answers: handled from now, so
  // that its rejection meanwhile (a missing tmux in `parallel start`) is not unhandled, which
  // would end the process; it still stops the creation below.
  if (typeof base !== "string") base.catch(() => {});
  checkName("role", role);
  if (options.feature !== undefined) checkName("feature", options.feature);
  const branch = checkName("branch", options.branch ?? defaultBranch(project, role, options.feature));
  const path = worktreePath(project, role);
  // Two creations at once (two `parallel` runs, two shells) would race on the branch and the folder:
  // the checks and `git worktree add` run under the repository's lock; the setup after it does not.
  const { withLock } = await import("../util/lock.ts");
  const made = await withLock(
    join(checkoutAt(project.root).commonDir ?? join(project.root, ".git"), "wf-task", "worktrees"),
    () => addWorktree(project, role, path, branch, base, options),
  );
  if (!made.created)
    return { role, path, branch: made.branch, base: made.base, created: false, branch_created: false, setup: null };
  const setup =
    options.setup === false
      ? null
      : await setupWorktree(project, path, { ...project.env, ...options.env, AGENT_ROLE: role }, made.listings);
  return { role, path, branch, base: made.base, created: true, branch_created: made.branch_created, setup };
}

/**
 * The `-c` options of `git worktree add`: git's parallel checkout (`checkout.workers=0`, one
 * worker per core) unless the repository or the user set `checkout.workers` themselves
 * (docs/decisions.md: the checkout of a 1000-file worktree in ~60% of the time on 2 cores).
 */
function addConfig(workers: { code: number; stdout: string }): string[] {
  return workers.code === 0 && workers.stdout.trim() ? [] : ["-c", "checkout.workers=0"];
}

/** The locked part of `worktreeCreate`: reuse the worktree, or add it (a failed add leaves no folder, branch or registration behind). */
async function addWorktree(
  project: ParallelProject,
  role: string,
  path: string,
  branch: string,
  baseAsked: string | Promise<string>,
  options: Pick<CreateOptions, "setup" | "whileAdding"> = {},
): Promise<{ created: boolean; branch: string; base: string; branch_created: boolean; listings?: SetupListings }> {
  // The three questions to git go through one shell (gitEach): a process started from here costs
  // the main thread a few ms each, before the add can start.
  const answers = gitEach(
    [
      LIST_ARGS,
      ["show-ref", "--verify", "--quiet", `refs/heads/${branch}`],
      ["config", "--get", "checkout.workers"],
    ].map((args) => ({ cwd: project.root, args })),
    project.env,
  ).then(([list, branchRef, workers]) => {
    if (list!.code !== 0) throw gitFailed(LIST_ARGS, list!);
    return { trees: parseWorktreeList(list!.stdout), branchRef: branchRef!, workers: workers! };
  });
  const asked = [Promise.resolve(baseAsked), answers] as const;
  // Every answer is in before an error is thrown; the base's first, as it was asked first.
  for (const r of await Promise.allSettled(asked)) if (r.status === "rejected") throw r.reason;
  const [base, { trees, branchRef, workers }] = await Promise.all(asked);
  const known = trees.find((w) => w.path === path);
  if (known && !known.prunable) {
    const rel = relative(project.root, path);
    // git keeps a locked worktree's registration when its folder goes (it is not prunable)
    if (!existsSync(path))
      throw new WfError("E_USAGE_EXISTS", `the worktree of ${role} is registered and locked, but ${rel} is gone`, {
        hint: `unlock it to let git forget it: git worktree unlock ${rel} && git worktree prune`,
        where: rel,
      });
    return { created: false, branch: known.branch ?? branch, base, branch_created: false };
  }
  if (known?.prunable) await git(project.root, ["worktree", "prune"], project.env);
  if (existsSync(path)) {
    throw new WfError("E_USAGE_EXISTS", `${relative(project.root, path)} exists and is not a git worktree`, {
      hint: "move it away, or pick another role name",
    });
  }
  excludeWorktreeBase(project);
  // The folder is made empty first (git fills an empty folder as it would a new one), so that what
  // `whileAdding` starts can use it at once.
  mkdirSync(path, { recursive: true });
  const branchExists = branchRef.code === 0;
  const args = branchExists
    ? ["worktree", "add", "--quiet", path, branch]
    : ["worktree", "add", "--quiet", "-b", branch, path, base];
  const adding = gitRaw(project.root, [...addConfig(workers), ...args], project.env);
  // What the setup asks of the main checkout does not need the worktree: asked while git checks it out.
  const listings = options.setup === false ? undefined : setupListings(project);
  options.whileAdding?.(path);
  const r = await adding;
  if (r.code !== 0) {
    rmSync(path, { recursive: true, force: true });
    await gitRaw(project.root, ["worktree", "prune"], project.env);
    if (!branchExists) await gitRaw(project.root, ["branch", "-D", branch], project.env);
    const msg = r.stderr.trim().split("\n").at(-1) ?? "";
    throw new WfError("E_CHECK_WORKTREE", `could not create the worktree of ${role}: ${msg}`, {
      hint: /already (checked out|used by worktree)/.test(msg)
        ? `branch ${branch} is checked out elsewhere; pass --branch`
        : undefined,
    });
  }
  return { created: true, branch, base, branch_created: !branchExists, listings };
}

/** The changes of a worktree that count as work: wf-task's own files (unchanged setup copies, untracked session files) excluded. */
export async function worktreeChanges(
  project: ParallelProject,
  path: string,
  options: { except?: (rel: string) => boolean } = {},
): Promise<string[]> {
  const r = await git(path, ["status", "--porcelain=v1", "-z", "--untracked-files=all"], project.env);
  const sessions = relative(project.root, project.paths.sessionsDir);
  const manifest = readManifest(path);
  const changes: string[] = [];
  const fields = r.split("\0");
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.length < 4) continue;
    const xy = f.slice(0, 2);
    const file = f.slice(3);
    if (xy[0] === "R" || xy[0] === "C") i++; // the source path follows
    if (xy === "??") {
      if (sessions && !sessions.startsWith("..") && (file === sessions || file.startsWith(`${sessions}/`))) continue;
      const copied = Object.keys(manifest).find((m) => file === m || file.startsWith(`${m}/`));
      if (copied && (manifest[copied] === "dir" || manifest[copied] === fileHash(join(path, file)))) continue;
      if (options.except?.(file)) continue;
    }
    changes.push(`${xy} ${file}`);
  }
  return changes;
}

/** Commits on `base` not in HEAD (behind) and in HEAD not on `base` (ahead). */
export async function aheadBehind(
  cwd: string,
  base: string,
  env: Record<string, string | undefined>,
): Promise<{ ahead: number; behind: number }> {
  const r = await gitRaw(cwd, ["rev-list", "--left-right", "--count", `${base}...HEAD`], env);
  const [behind, ahead] = r.stdout.trim().split(/\s+/).map(Number);
  return { ahead: ahead || 0, behind: behind || 0 };
}

/** Status of a role's worktree: exists, clean, uncommitted changes, ahead/behind the base. */
export async function worktreeStatus(
  project: ParallelProject,
  role: string,
  options: { base?: string } = {},
): Promise<WorktreeStatus> {
  const path = worktreePath(project, role);
  const base = await resolveBase(project, options.base);
  const known = (await gitWorktrees(project)).find((w) => w.path === path);
  if (!known || known.prunable || !existsSync(path)) {
    return {
      role,
      exists: false,
      clean: true,
      uncommitted_changes: 0,
      ahead: 0,
      behind: 0,
      path,
      branch: known?.branch ?? null,
      base,
      changes: [],
    };
  }
  const [changes, counts] = await Promise.all([worktreeChanges(project, path), aheadBehind(path, base, project.env)]);
  return {
    role,
    exists: true,
    clean: changes.length === 0,
    uncommitted_changes: changes.length,
    ...counts,
    path,
    branch: known.branch,
    base,
    changes,
  };
}

/** Every agent worktree (the main checkout left out unless `all`), also those made by hand. */
export async function worktreeList(
  project: ParallelProject,
  options: { all?: boolean; base?: string } = {},
): Promise<WorktreeInfo[]> {
  const [trees, base, ports] = await Promise.all([
    gitWorktrees(project),
    resolveBase(project, options.base),
    import("./ports.ts").then((m) => m.readPorts(project)),
  ]);
  const baseDir = `${project.paths.worktreeBase}/`;
  const rows = trees.filter((w, i) => !w.bare && (options.all || i > 0));
  return Promise.all(
    rows.map(async (w): Promise<WorktreeInfo> => {
      const managed = w.path.startsWith(baseDir);
      const role = managed ? w.path.slice(baseDir.length) : basename(w.path);
      const missing = w.prunable || !existsSync(w.path);
      const [changes, counts] = missing
        ? [[], { ahead: 0, behind: 0 }]
        : await Promise.all([worktreeChanges(project, w.path), aheadBehind(w.path, base, project.env)]);
      return {
        role,
        path: w.path,
        branch: w.branch,
        status: missing ? "missing" : changes.length ? "dirty" : "clean",
        port: ports.allocations[role]?.port ?? null,
        uncommitted_changes: changes.length,
        ...counts,
        managed,
        head: w.head,
        locked: w.locked,
      };
    }),
  );
}
