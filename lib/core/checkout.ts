import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Which checkout a folder belongs to. A repository has one main checkout (its `.git` is a folder)
 * and any number of linked worktrees (`git worktree add`: their `.git` is a file naming a folder
 * under the main checkout's `.git/worktrees/`). Read from the files git writes, without running git.
 */
export interface Checkout {
  /** The checkout's top folder. */
  top: string;
  /** The main checkout of the repository (equal to `top` outside linked worktrees). */
  main: string;
  /** `top` is a linked worktree. */
  linked: boolean;
  /** The shared git folder (`<main>/.git`), or null outside a repository. */
  commonDir: string | null;
  /** This checkout's own git folder (`.git/worktrees/<name>` for a linked one). */
  gitDir: string | null;
}

/** The nearest folder at or above `dir` that holds `.git` (a folder or a file), or null. */
export function findTop(dir: string): string | null {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return d;
    if (dirname(d) === d) return null;
  }
}

/** The checkout `top` is (a folder holding `.git`). */
export function checkoutAt(top: string): Checkout {
  const dotGit = join(top, ".git");
  let stat;
  try {
    stat = statSync(dotGit);
  } catch {
    return { top, main: top, linked: false, commonDir: null, gitDir: null };
  }
  if (stat.isDirectory()) return { top, main: top, linked: false, commonDir: dotGit, gitDir: dotGit };
  let text = "";
  try {
    text = readFileSync(dotGit, "utf8");
  } catch {
    return { top, main: top, linked: false, commonDir: null, gitDir: null };
  }
  const m = /^gitdir:\s*(.+)$/m.exec(text);
  if (!m) return { top, main: top, linked: false, commonDir: null, gitDir: null };
  const gitDir = resolve(top, m[1]!.trim());
  const commondirFile = join(gitDir, "commondir");
  const commonDir = existsSync(commondirFile) ? resolve(gitDir, readFileSync(commondirFile, "utf8").trim()) : gitDir;
  // A submodule's `.git` file points at `.git/modules/<name>`: that is not a linked worktree.
  const linked = commonDir !== gitDir;
  const main = linked && basename(commonDir) === ".git" ? dirname(commonDir) : top;
  return { top, main, linked, commonDir, gitDir };
}

/** The main checkout of the repository `dir` is in (`dir` itself outside a repository). */
export function mainCheckout(dir: string): string {
  const top = findTop(dir);
  return top ? checkoutAt(top).main : dir;
}
