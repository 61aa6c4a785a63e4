// `wf-task parallel merge`: lands agents' branches on the base one at a time, in a safe order,
// each first predicted with `git merge-tree`, then merged in a scratch checkout where the TDD gate
// (and the tests) run on the result. Only a merge that passed moves the base, by fast-forward, so
// the base is never left half-merged.
import { existsSync, lstatSync, rmSync, symlinkSync, unlinkSync, type Stats } from "node:fs";
import { join, relative } from "node:path";
import { makeTempDir } from "../util/temp.ts";
import { WfError } from "../core/errors.ts";
import { run as exec } from "../core/run.ts";
import { git, gitRaw } from "./git.ts";
import { progressFileOf } from "./monitor.ts";
import { checkName } from "../core/names.ts";
import type { ParallelProject } from "./project.ts";
import { gitVersion, hasMergeTree, MERGE_TREE_MIN, predictMerge, type RadarConflict } from "./radar.ts";
import { readRun, type RunAgent } from "./runs.ts";
import { withMergeDrivers } from "./merge-drivers.ts";
import { eventsFileFor } from "../harness/auto-events.ts";

/** What happened to one agent. */
export type MergeStatus =
  "planned" | "landed" | "up-to-date" | "conflict" | "gate_failed" | "tests_failed" | "failed" | "not_reached";

export interface MergeStep {
  role: string;
  branch: string;
  tip: string | null;
  status: MergeStatus;
  /** Predicted (or met) conflicts with the base as it stands at this step. */
  conflicts: RadarConflict[];
  /** Why it stopped here, in a sentence. */
  reason: string | null;
  /** The merge commit on the base (landed) or the simulated one (dry run). */
  commit: string | null;
  /** The gate's messages when it said no. */
  violations: string[];
}

/** `parallel merge --json`. */
export interface MergeResult {
  feature: string;
  base: string;
  dry_run: boolean;
  /** How the agents were chosen: named, or those whose progress says completed. */
  selected_by: "roles" | "completed";
  order: string[];
  base_before: string;
  base_after: string;
  /** Merged onto the base by this run (none in a dry run: see the steps' `planned`). */
  landed: string[];
  /** Selected agents not on the base when it ended (or, in a dry run, that would not be). */
  left: string[];
  stopped_at: string | null;
  reason: string | null;
  steps: MergeStep[];
  /** With --rebase: what happened to the remaining agents' branches after each landing. */
  rebased: { after: string; role: string; status: string; conflicts: string[] }[];
  /** E.g. a selected agent's uncommitted changes, which a merge of its branch leaves out. */
  warnings: string[];
}

export interface MergeOptions {
  feature: string;
  /** Default: the agents whose progress file says completed. */
  roles?: string[];
  dryRun?: boolean;
  /** After each landing, rebase the remaining agents onto the base (refused on a dirty worktree). */
  rebase?: boolean;
  /** Run on each merge result (sh -c, in the scratch checkout); non-zero stops. */
  testCommand?: string;
  onStep?: (text: string) => void;
}

async function isAncestor(
  cwd: string,
  a: string,
  b: string,
  env: Record<string, string | undefined>,
): Promise<boolean> {
  return (await gitRaw(cwd, ["merge-base", "--is-ancestor", a, b], env)).code === 0;
}

async function tipOf(project: ParallelProject, ref: string): Promise<string | null> {
  const r = await gitRaw(project.root, ["rev-parse", "--verify", "--quiet", `refs/heads/${ref}^{commit}`], project.env);
  return r.code === 0 ? r.stdout.trim() : null;
}

/** The agents to merge: the named ones, else those whose progress says completed. */
async function selectAgents(
  project: ParallelProject,
  agents: RunAgent[],
  roles: string[] | undefined,
): Promise<RunAgent[]> {
  if (roles?.length) {
    return roles.map((role) => {
      checkName("role", role);
      const a = agents.find((x) => x.role === role);
      if (!a)
        throw new WfError("E_USAGE_ROLE", `no agent ${role} in this run`, {
          where: `roles: ${role}`,
          hint: `the run's roles: ${agents.map((x) => x.role).join(", ")}`,
        });
      return a;
    });
  }
  const { readProgressFile } = await import("../harness/progress.ts");
  const done: RunAgent[] = [];
  for (const a of agents) {
    if (!existsSync(a.worktree)) continue;
    const p = await readProgressFile(await progressFileOf(project, a.worktree)).catch(() => null);
    if (p?.status === "completed") done.push(a);
  }
  return done;
}

/**
 * The safe order: fewest predicted conflicts (with the base and with the other selected agents)
 * first, run order among equals; then an agent whose tip another one builds on goes before it.
 */
export async function mergeOrder(
  project: ParallelProject,
  base: string,
  agents: { role: string; tip: string }[],
): Promise<{ role: string; conflicts: number }[]> {
  const env = project.env;
  const count = new Map(agents.map((a) => [a.role, 0]));
  const jobs: Promise<void>[] = [];
  for (const a of agents) {
    jobs.push(
      predictMerge(project.root, base, a.tip, env).then(
        (p) => void count.set(a.role, count.get(a.role)! + p.conflicts.length),
      ),
    );
  }
  for (let i = 0; i < agents.length; i++) {
    for (let j = i + 1; j < agents.length; j++) {
      const a = agents[i]!;
      const b = agents[j]!;
      if (a.tip === b.tip) continue;
      jobs.push(
        predictMerge(project.root, a.tip, b.tip, env).then((p) => {
          count.set(a.role, count.get(a.role)! + p.conflicts.length);
          count.set(b.role, count.get(b.role)! + p.conflicts.length);
        }),
      );
    }
  }
  await Promise.all(jobs);
  const sorted = agents
    .map((a, i) => ({ ...a, i, conflicts: count.get(a.role)! }))
    .sort((x, y) => x.conflicts - y.conflicts || x.i - y.i);
  // An agent whose tip is an ancestor of an earlier one's moves in front of it.
  for (let moved = true, guard = 0; moved && guard < agents.length * agents.length; guard++) {
    moved = false;
    for (let i = 0; i < sorted.length && !moved; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        if (
          sorted[i]!.tip !== sorted[j]!.tip &&
          (await isAncestor(project.root, sorted[j]!.tip, sorted[i]!.tip, env))
        ) {
          sorted.splice(i, 0, sorted.splice(j, 1)[0]!);
          moved = true;
          break;
        }
      }
    }
  }
  return sorted.map((a) => ({ role: a.role, conflicts: a.conflicts }));
}

/** The checkout that has `branch` checked out, if any. */
async function checkoutOf(project: ParallelProject, branch: string): Promise<string | null> {
  const { parseWorktreeList } = await import("./worktrees.ts");
  const trees = parseWorktreeList(await git(project.root, ["worktree", "list", "--porcelain", "-z"], project.env));
  return trees.find((t) => t.branch === branch && !t.prunable)?.path ?? null;
}

const lstatSafe = (path: string): Stats | null => {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
};

const firstLine = (s: string) => s.trim().split("\n").at(-1) ?? "";

/** Merges the agents of a run into its base; see the module comment. */
export async function parallelMerge(project: ParallelProject, options: MergeOptions): Promise<MergeResult> {
  const feature = checkName("feature", options.feature);
  const run = readRun(project, feature);
  if (!run)
    throw new WfError("E_USAGE_NO_RUN", `no parallel run for feature ${feature}`, {
      hint: "see the runs with `wf-task monitor`",
    });
  // the agents' shared progress file, learnings and CLAUDE.md merge by section and rule (merge-drivers.ts)
  const env = withMergeDrivers(project, project.env);
  const step = options.onStep ?? (() => {});
  const version = await gitVersion(project.root, env);
  if (!hasMergeTree(version.parsed)) {
    throw new WfError(
      "E_PREREQ_GIT_VERSION",
      `parallel merge needs git ≥ ${MERGE_TREE_MIN.join(".")} (\`git merge-tree --write-tree\`), found ${version.text ?? "an unknown version"}`,
      { hint: "upgrade git" },
    );
  }
  const base = run.base;
  const baseBefore = await tipOf(project, base);
  if (!baseBefore)
    throw new WfError("E_USAGE_BASE", `base branch \`${base}\` of run ${feature} does not exist`, {
      hint: "recreate the branch, or start the run again with --base",
    });
  const chosen = await selectAgents(project, run.agents, options.roles);
  const result: MergeResult = {
    feature,
    base,
    dry_run: Boolean(options.dryRun),
    selected_by: options.roles?.length ? "roles" : "completed",
    order: [],
    base_before: baseBefore,
    base_after: baseBefore,
    landed: [],
    left: [],
    stopped_at: null,
    reason: null,
    steps: [],
    rebased: [],
    warnings: [],
  };
  if (!chosen.length) {
    result.reason = "no agent's progress says completed; name the roles to merge";
    return result;
  }
  const tips: { role: string; branch: string; tip: string }[] = [];
  for (const a of chosen) {
    const tip = await tipOf(project, a.branch);
    if (!tip)
      throw new WfError("E_USAGE_BRANCH", `${a.role}'s branch \`${a.branch}\` does not exist`, {
        where: `roles: ${a.role}`,
        hint: "leave the role out, or recreate its branch",
      });
    tips.push({ role: a.role, branch: a.branch, tip });
  }
  const { worktreeChanges } = await import("./worktrees.ts");
  for (const a of chosen) {
    if (!existsSync(a.worktree)) continue;
    const changes = await worktreeChanges(project, a.worktree).catch(() => []);
    if (changes.length)
      result.warnings.push(
        `${a.role}: ${changes.length} uncommitted change(s) in its worktree are not part of its branch, so not of the merge`,
      );
  }
  const order = await mergeOrder(project, baseBefore, tips);
  result.order = order.map((o) => o.role);
  const byRole = new Map(tips.map((t) => [t.role, t]));
  const mk = (role: string, status: MergeStatus, extra: Partial<MergeStep> = {}): MergeStep => ({
    role,
    branch: byRole.get(role)!.branch,
    tip: byRole.get(role)!.tip,
    status,
    conflicts: [],
    reason: null,
    commit: null,
    violations: [],
    ...extra,
  });
  const stop = (role: string, reason: string) => {
    result.stopped_at = role;
    result.reason = reason;
    const at = result.order.indexOf(role);
    for (const r of result.order.slice(at + 1)) result.steps.push(mk(r, "not_reached"));
    result.left = result.order.filter(
      (r) =>
        !result.landed.includes(r) &&
        !result.steps.some((s) => s.role === r && (s.status === "up-to-date" || s.status === "planned")),
    );
  };

  if (options.dryRun) {
    // Simulate the sequence with merge-tree and commit-tree: objects only, no ref moves.
    let current = baseBefore;
    for (const { role } of order) {
      const t = byRole.get(role)!;
      if (await isAncestor(project.root, t.tip, current, env)) {
        result.steps.push(mk(role, "up-to-date"));
        continue;
      }
      const p = await predictMerge(project.root, current, t.tip, env);
      if (!p.clean) {
        result.steps.push(
          mk(role, "conflict", {
            conflicts: p.conflicts,
            reason: `would conflict in ${p.conflicts.map((c) => c.path).join(", ")}`,
          }),
        );
        const after = result.steps.some((s) => s.status === "planned") ? " after the merges before it" : "";
        stop(role, `${role} would conflict with ${base}${after} in ${p.conflicts.map((c) => c.path).join(", ")}`);
        return result;
      }
      current = await git(
        project.root,
        ["commit-tree", p.tree!, "-p", current, "-p", t.tip, "-m", `Merge ${t.branch} (${role}) into ${base}`],
        env,
      );
      result.steps.push(mk(role, "planned", { commit: current }));
    }
    return result;
  }

  const holder = await checkoutOf(project, base);
  if (holder) {
    // wf-task's own events log grows from every worktree while agents work; committed, it is
    // always "modified" here. A fast-forward keeps it as it is unless a landing changes it too,
    // and then `merge --ff-only` refuses on its own, changing nothing.
    const events = relative(holder, eventsFileFor(project.root, project.paths.metricsDir)).split("\\").join("/");
    const entries = (await git(holder, ["status", "--porcelain", "-z", "--untracked-files=no"], env)).split("\0");
    const dirty: string[] = [];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.length < 4) continue;
      if (/^[RC]/.test(entry)) i++; // a rename's or copy's source follows
      if (entry.slice(3) !== events) dirty.push(entry);
    }
    if (dirty.length) {
      throw new WfError("E_CHECK_BASE_DIRTY", `${base} is checked out in ${holder} with uncommitted changes`, {
        hint: "commit or stash them first; parallel merge fast-forwards that checkout",
        details: dirty.map((entry) => entry.trim()),
      });
    }
  }
  const scratchParent = makeTempDir("wf-merge-");
  const scratch = join(scratchParent, "tree");
  const { preCommit } = await import("../enforcement/precommit.ts");
  const loaded = project;
  try {
    await git(project.root, ["worktree", "add", "--quiet", "--detach", scratch, baseBefore], env);
    // The tests run against the main checkout's installed packages, as in an agent's worktree.
    if (
      options.testCommand &&
      existsSync(join(project.root, "node_modules")) &&
      !existsSync(join(scratch, "node_modules"))
    ) {
      symlinkSync(join(project.root, "node_modules"), join(scratch, "node_modules"), "dir");
    }
    let current = baseBefore;
    for (let k = 0; k < order.length; k++) {
      const role = order[k]!.role;
      const t = byRole.get(role)!;
      // A --rebase of an earlier landing may have moved this tip.
      t.tip = (await tipOf(project, t.branch)) ?? t.tip;
      if (await isAncestor(project.root, t.tip, current, env)) {
        result.steps.push(mk(role, "up-to-date"));
        continue;
      }
      const p = await predictMerge(project.root, current, t.tip, env);
      if (!p.clean) {
        result.steps.push(
          mk(role, "conflict", {
            conflicts: p.conflicts,
            reason: `conflicts in ${p.conflicts.map((c) => c.path).join(", ")}`,
          }),
        );
        stop(
          role,
          `${role} conflicts with ${base}${result.landed.length ? ` after ${result.landed.join(", ")}` : ""} ` +
            `in ${p.conflicts.map((c) => c.path).join(", ")}: sync it (\`wf-task worktree sync ${role}\`), resolve, then merge again`,
        );
        break;
      }
      step(`${role}: merging ${t.branch} into ${base}`);
      const message = `Merge ${t.branch} (${role}) into ${base}`;
      const m = await gitRaw(scratch, ["merge", "--no-ff", "--no-commit", "--quiet", t.tip], env);
      if (m.code !== 0) {
        await gitRaw(scratch, ["merge", "--abort"], env);
        result.steps.push(mk(role, "failed", { reason: firstLine(m.stderr || m.stdout) }));
        stop(role, `git merge of ${role} failed: ${firstLine(m.stderr || m.stdout)}`);
        break;
      }
      const gate = await preCommit({ git: { cwd: scratch, env }, loaded });
      if (!gate.allowed) {
        await gitRaw(scratch, ["merge", "--abort"], env);
        const violations = gate.violations.map((v) => v.message);
        result.steps.push(mk(role, "gate_failed", { violations, reason: "the TDD gate said no on the merge result" }));
        stop(role, `the TDD gate said no on the merge of ${role}: ${violations.join("; ")}`);
        break;
      }
      if (options.testCommand) {
        const tr = await exec("sh", ["-c", options.testCommand], { cwd: scratch, env });
        if (tr.code !== 0) {
          await gitRaw(scratch, ["merge", "--abort"], env);
          const tail = `${tr.stdout}\n${tr.stderr}`.trim().split("\n").slice(-5).join(" | ");
          result.steps.push(
            mk(role, "tests_failed", { reason: `\`${options.testCommand}\` exited ${tr.code}: ${tail}` }),
          );
          stop(role, `the tests failed on the merge of ${role} (\`${options.testCommand}\` exited ${tr.code})`);
          break;
        }
      }
      await git(scratch, ["commit", "--quiet", "--no-verify", "-m", message], env);
      const merged = await git(scratch, ["rev-parse", "HEAD"], env);
      // Land: fast-forward the base (its checkout, or the ref with a compare-and-swap).
      const moved = holder
        ? await gitRaw(holder, ["merge", "--ff-only", "--quiet", merged], env)
        : await gitRaw(
            project.root,
            ["update-ref", "-m", `wf-task parallel merge ${role}`, `refs/heads/${base}`, merged, current],
            env,
          );
      if (moved.code !== 0) {
        result.steps.push(mk(role, "failed", { reason: firstLine(moved.stderr) }));
        stop(role, `could not move ${base} to the merge of ${role}: ${firstLine(moved.stderr)}`);
        break;
      }
      current = merged;
      result.landed.push(role);
      result.base_after = merged;
      result.steps.push(mk(role, "landed", { commit: merged }));
      step(`${role}: landed on ${base} (${merged.slice(0, 7)})`);
      if (options.rebase) {
        const { worktreeSync } = await import("./sync.ts");
        for (const next of order.slice(k + 1)) {
          const agent = run.agents.find((a) => a.role === next.role)!;
          if (!existsSync(agent.worktree)) continue;
          const s = await worktreeSync(project, next.role, { base, strategy: "rebase" });
          result.rebased.push({ after: role, role: next.role, status: s.status, conflicts: s.conflicts });
        }
      }
    }
    if (!result.stopped_at) result.left = [];
  } finally {
    if (lstatSafe(join(scratch, "node_modules"))?.isSymbolicLink()) unlinkSync(join(scratch, "node_modules"));
    await gitRaw(project.root, ["worktree", "remove", "--force", scratch], env);
    rmSync(scratchParent, { recursive: true, force: true });
    await gitRaw(project.root, ["worktree", "prune"], env);
  }
  return result;
}

/** The human text of a merge result. */
export function renderMerge(r: MergeResult): string {
  const out: string[] = [];
  if (!r.order.length) return `nothing to merge into ${r.base}: ${r.reason ?? "no agents"}`;
  out.push(
    `${r.dry_run ? "plan" : "merge"} into ${r.base} ` +
      `(${r.selected_by === "roles" ? "named agents" : "agents whose progress says completed"}), ` +
      `in this order: ${r.order.join(", ")}`,
  );
  r.steps.forEach((s, i) => {
    const conflicts = s.conflicts.map((c) => {
      const lines = c.hunks.map((h) => `${h.start}-${h.end}`).join(", ");
      return `${c.path}${c.hunks.length ? ` lines ${lines}` : ""}`;
    });
    const what: Record<MergeStatus, string> = {
      planned: "would land cleanly",
      landed: `landed (${s.commit?.slice(0, 7)})`,
      "up-to-date": `already in ${r.base}`,
      conflict: `${r.dry_run ? "would conflict" : "conflicts"}: ${conflicts.join("; ")}`,
      gate_failed: `TDD gate said no: ${s.violations.join("; ")}`,
      tests_failed: `tests failed: ${s.reason}`,
      failed: `failed: ${s.reason}`,
      not_reached: "not reached",
    };
    out.push(`  ${i + 1}. ${s.role} (${s.branch}): ${what[s.status]}`);
  });
  for (const w of r.warnings) out.push(`warning: ${w}`);
  for (const rb of r.rebased)
    out.push(
      `  rebased ${rb.role} onto ${r.base} after ${rb.after}: ${rb.status}${rb.conflicts.length ? ` (${rb.conflicts.join(", ")})` : ""}`,
    );
  if (!r.dry_run) out.push(`landed: ${r.landed.join(", ") || "none"}; left: ${r.left.join(", ") || "none"}`);
  if (r.reason)
    out.push(
      `stopped at ${r.stopped_at}: ${r.reason}. ${r.dry_run ? "" : `${r.base} is clean at ${r.base_after.slice(0, 7)}.`}`.trimEnd(),
    );
  return out.join("\n");
}
