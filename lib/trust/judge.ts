// Judging one write target like a file edit: the path as written and the file it really reaches
// (symlinks followed: the realpath of the file, or of its nearest existing parent for a new one).
// Forbidden → deny, outside the project → ask, a level that auto-approves → allow, else ask.
// The files that keep the git hooks and the agent's own hook settings are guarded: writing them
// is a way around the gate (deny).
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { assessPath } from "./evaluate.ts";
import { findTop } from "../core/checkout.ts";
import type { PathAssessment, TrustModel } from "./model.ts";

export type PermissionDecision = "allow" | "ask" | "deny";

/** The verdict on one target. */
export interface TargetVerdict {
  decision: PermissionDecision;
  reason: string;
  /** The path relative to the project root (as written), or the absolute path when outside. */
  path: string;
  /** Where the path really leads when a symlink is on the way, else null. */
  real_path: string | null;
  /** The assessment that decided (null when outside the project or guarded). */
  assessment: PathAssessment | null;
  /** The guard that matched (`.git/hooks`, `.husky`, …), if any. */
  guard: string | null;
}

/** How to proceed instead of going around the hooks. */
export const HONEST_WAY =
  "let the gate run: make the tests pass and commit normally; " +
  "if a human agrees the commit must go in as it is, " +
  "they commit with WF_TDD_BYPASS='<reason>' (logged in bypass.log)";

/** What a guarded folder keeps, where it is not the hooks themselves. */
const GUARDED: Record<string, string> = {
  ".git/wf-task": "keeps what the hooks decide by (the gate's record of test runs, the checked config and trust model)",
  "node_modules/.cache/wf-task": "keeps what the hooks decide by (the checked config and trust model)",
};

/** Paths whose writing switches the guards off, relative to the root (`/`-separated). */
function guardOf(rel: string): string | null {
  const p = rel.split(sep).join("/");
  if (/(^|\/)\.git\/hooks(\/|$)/.test(p)) return ".git/hooks";
  if (/(^|\/)\.husky(\/|$)/.test(p)) return ".husky";
  if (/(^|\/)\.git\/config$/.test(p) || /(^|\/)\.git\/worktrees\/[^/]+\/config(\.worktree)?$/.test(p))
    return ".git/config";
  if (/(^|\/)\.claude\/settings[^/]*\.json$/.test(p)) return ".claude/settings";
  // wf-task's own state and caches: the gate's record of test runs, the checked config and trust model
  if (/(^|\/)\.git\/wf-task(\/|$)/.test(p)) return ".git/wf-task";
  if (/(^|\/)node_modules\/\.cache\/wf-task(\/|$)/.test(p)) return "node_modules/.cache/wf-task";
  return null;
}

const realRoots = new Map<string, string>();
function realRoot(root: string): string {
  let r = realRoots.get(root);
  if (!r) {
    r = realOf(root);
    realRoots.set(root, r);
  }
  return r;
}

/** The real path of a file, or of its nearest existing parent joined with the rest. */
export function realOf(path: string): string {
  let rest = "";
  let cur = path;
  for (;;) {
    try {
      const real = realpathSync.native(cur);
      return rest ? join(real, rest) : real;
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return path;
      rest = rest ? join(basename(cur), rest) : basename(cur);
      cur = parent;
    }
  }
}

/**
 * The checkout a git command run in `dir` acts on, when it is another than the project's (a linked
 * worktree of another agent, a sibling clone); null when it is the project's own, or no checkout.
 */
export function otherCheckout(model: TrustModel, dir: string): string | null {
  const top = findTop(realOf(dir));
  return top !== null && top !== findTop(realOf(model.root)) ? top : null;
}

function inside(root: string, abs: string): string | null {
  const rel = relative(root, abs);
  if (rel === "") return ".";
  return rel.startsWith("..") || isAbsolute(rel) ? null : rel;
}

/**
 * Judges an absolute path an agent writes. `guarded` says whether a guarded path is denied
 * (shell writes, edits of git hooks) or left to the caller (edits of .claude/settings, which are
 * denied only when they change the hooks).
 */
export function judgeTarget(
  model: TrustModel,
  absolute: string,
  options: { guardSettings?: boolean } = {},
): TargetVerdict {
  const guardSettings = options.guardSettings ?? true;
  const relWritten = inside(model.root, absolute);
  const real = realOf(absolute);
  const rootReal = realRoot(model.root);
  const relReal = inside(rootReal, real);
  const moved = real !== absolute && relative(rootReal, real) !== relative(model.root, absolute);
  const real_path = moved ? (relReal ?? real) : null;
  const shown = relWritten ?? absolute;
  // Relative and absolute: a linked worktree's hooks live in the main checkout's .git, outside it.
  for (const rel of [relWritten, relReal, absolute, real]) {
    const guard = rel == null ? null : guardOf(rel);
    if (guard && (guardSettings || guard !== ".claude/settings")) {
      const via = moved && (rel === relReal || rel === real) ? ` (through a link to ${relReal ?? real})` : "";
      return {
        decision: "deny",
        reason: `${shown}${via} is under ${guard}, which ${GUARDED[guard] ?? "keeps the hooks that check agents' work"}; ${HONEST_WAY}`,
        path: shown,
        real_path,
        assessment: null,
        guard,
      };
    }
  }
  // Both the name and the real file are judged; the stricter one decides.
  const verdicts: TargetVerdict[] = [];
  // Named by the project's other path (its real one, or the link it was reached through): that file itself.
  if (relWritten == null && relReal != null) return assessed(model, relReal, relReal, null, "");
  if (relWritten == null)
    verdicts.push({
      decision: "ask",
      reason: `${absolute} is outside the project (${model.root})`,
      path: shown,
      real_path,
      assessment: null,
      guard: null,
    });
  else verdicts.push(assessed(model, relWritten, shown, real_path, ""));
  if (moved) {
    if (relReal == null)
      verdicts.push({
        decision: "ask",
        reason: `${shown} leads through a link to ${real}, outside the project`,
        path: shown,
        real_path,
        assessment: null,
        guard: null,
      });
    else verdicts.push(assessed(model, relReal, shown, real_path, ` through a link to ${relReal}`));
  }
  // On equal decisions the real file's verdict is the one shown: it is what gets written.
  return verdicts.reduce((w, v) => (RANK[v.decision] >= RANK[w.decision] ? v : w));
}

/** How many entries of a folder are judged, at most, for a write to everything under it. */
export const TREE_LIMIT = 2000;

/**
 * Judges a write to a folder and everything under it (`rm -r`, `tar -x -C`, `find -delete`): each
 * entry of the folder when it exists (up to TREE_LIMIT, .git and node_modules left out), else
 * `folder/*`; a file is judged as itself.
 */
export function judgeTree(model: TrustModel, absolute: string): TargetVerdict {
  const real = realOf(absolute);
  let entries: string[] | null = null;
  try {
    if (statSync(real).isDirectory()) entries = walk(real);
  } catch {
    entries = null;
  }
  if (entries === null) {
    try {
      lstatSync(absolute);
      return judgeTarget(model, absolute);
    } catch {
      // Not there yet: a file or a folder to be; judge both and what will be inside.
      return strictestOf(model, [judgeTarget(model, absolute), judgeTarget(model, join(absolute, "*"))], absolute);
    }
  }
  if (!entries.length)
    return strictestOf(model, [judgeTarget(model, absolute), judgeTarget(model, join(absolute, "*"))], absolute);
  return strictestOf(
    model,
    [judgeTarget(model, absolute), ...entries.map((e) => judgeTarget(model, join(absolute, relative(real, e))))],
    absolute,
  );
}

/** The strictest verdict: by decision, then by level (the first of equals); its path is the folder's. */
function strictestOf(model: TrustModel, verdicts: TargetVerdict[], folder: string): TargetVerdict {
  let worst = verdicts[0]!;
  let worstRank = -1;
  for (const v of verdicts) {
    // Within a decision, the lowest level decides (low > medium > high by priority).
    const rank = RANK[v.decision] * 10 + (v.assessment ? model.priorities[v.assessment.level] : 5);
    if (rank > worstRank) {
      worst = v;
      worstRank = rank;
    }
  }
  return { ...worst, path: inside(model.root, folder) ?? folder };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const queue = [dir];
  while (queue.length && out.length < TREE_LIMIT) {
    const d = queue.shift()!;
    let names: Dirent[];
    try {
      names = readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const n of names) {
      if (n.name === ".git" || n.name === "node_modules") continue;
      const p = join(d, n.name);
      out.push(p);
      if (n.isDirectory()) queue.push(p);
      if (out.length >= TREE_LIMIT) break;
    }
  }
  return out;
}

function assessed(model: TrustModel, rel: string, shown: string, real_path: string | null, via: string): TargetVerdict {
  const a = assessPath(model, rel);
  const base = { path: shown, real_path, assessment: a, guard: null };
  const name = via ? `${shown}${via}` : a.path;
  if (a.forbidden) return { ...base, decision: "deny", reason: `${name} is forbidden for agents: ${a.reason}` };
  if (a.auto_approve)
    return { ...base, decision: "allow", reason: `${name} is ${a.level} trust (${a.reason}); auto-approved` };
  const off =
    model.levels[a.level].auto_approve && !model.autoApprove ? "; auto-approval is off (trust.autoApprove: false)" : "";
  return {
    ...base,
    decision: "ask",
    reason: `${name} is ${a.level} trust (${a.reason}); supervision: ${a.supervision}${off}`,
  };
}

const RANK: Record<PermissionDecision, number> = { allow: 0, ask: 1, deny: 2 };

/** The strictest of several verdicts (the first of equals). */
export function strictest<T extends { decision: PermissionDecision }>(verdicts: T[]): T {
  return verdicts.reduce((w, v) => (RANK[v.decision] > RANK[w.decision] ? v : w));
}
