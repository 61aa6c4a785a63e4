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
 * Keeps a file or folder of wf-task's machine state (run state, port allocations, the radar's cache)
 * out of `git add -A`: its path goes into `<commonDir>/info/exclude` (this clone, every worktree;
 * never the team's `.gitignore`). A file the team already committed stays tracked: the index is
 * never touched. Paths outside the checkout, or with characters git's patterns would read, are left.
 */
export function excludeState(root: string, path: string, folder = false): void {
  const rel = relative(root, path).split("\\").join("/");
  if (!/^[\w./-]+$/.test(rel) || rel.startsWith("..")) return;
  const common = checkoutAt(root).commonDir;
  if (common) infoLine(common, "exclude", `/${rel}${folder ? "/" : ""}`);
}
