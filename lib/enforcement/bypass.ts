import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { withLock } from "../util/lock.ts";
import { runGit, type GitEnv } from "./git.ts";

/** The env var that lets one commit through the gate; its value is the reason. */
export const BYPASS_ENV = "WF_TDD_BYPASS";

/** One line of bypass.log (JSON lines). The bypassed commit is the child of `parent` with tree `tree`. */
export interface BypassEntry {
  time: string;
  user: string;
  reason: string;
  /** HEAD when the commit was made (null on the first commit). */
  parent: string | null;
  /** The tree of the commit being made (`git log --format='%H %T'` finds the commit). */
  tree: string | null;
  branch: string | null;
  violations: string[];
}

function tryGit(g: GitEnv, args: string[]): string | null {
  try {
    return runGit(g, args).trim() || null;
  } catch {
    return null;
  }
}

/** Appends a bypass to the log (under a lock) and returns the entry. */
export async function logBypass(
  g: GitEnv,
  logFile: string,
  reason: string,
  violations: string[],
  now = new Date(),
): Promise<BypassEntry> {
  const ident = tryGit(g, ["var", "GIT_AUTHOR_IDENT"]);
  const entry: BypassEntry = {
    time: now.toISOString(),
    user: ident ? ident.replace(/\s+\d+\s+[+-]\d{4}$/, "") : (g.env?.USER ?? "unknown"),
    reason,
    parent: tryGit(g, ["rev-parse", "--verify", "-q", "HEAD"]),
    tree: tryGit(g, ["write-tree"]),
    branch: tryGit(g, ["symbolic-ref", "--short", "-q", "HEAD"]),
    violations,
  };
  mkdirSync(dirname(logFile), { recursive: true });
  await withLock(logFile, () => appendFileSync(logFile, `${JSON.stringify(entry)}\n`));
  return entry;
}
