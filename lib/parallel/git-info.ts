import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { checkoutAt } from "../core/checkout.ts";

/** Adds `line` to `<commonDir>/info/<name>` (shared by every worktree) unless it is there. */
export function infoLine(commonDir: string, name: "exclude" | "attributes", line: string): void {
  const file = join(commonDir, "info", name);
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    mkdirSync(dirname(file), { recursive: true });
  }
  if (text.split("\n").some((l) => l.trim() === line)) return;
  appendFileSync(file, `${text && !text.endsWith("\n") ? "\n" : ""}${line}\n`);
}

/**
 * `/<path relative to root>` as a pattern of git's info files, or null when the path lies outside the
 * checkout or holds characters git's patterns would read (spaces, globs, escapes).
 */
export function rootedPattern(root: string, path: string): string | null {
  const rel = relative(root, path).split("\\").join("/");
  return /^[\w./-]+$/.test(rel) && !rel.startsWith("..") ? `/${rel}` : null;
}

/**
 * Keeps a file or folder of wf-task's machine state (run state, port allocations, the radar's cache)
 * out of `git add -A`: its path goes into `<commonDir>/info/exclude` (this clone, every worktree;
 * never the team's `.gitignore`). A file the team already committed stays tracked: the index is
 * never touched.
 */
export function excludeState(root: string, path: string, folder = false): void {
  const pattern = rootedPattern(root, path);
  const common = pattern && checkoutAt(root).commonDir;
  if (common) infoLine(common, "exclude", `${pattern}${folder ? "/" : ""}`);
}
