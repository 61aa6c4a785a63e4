// What a `merge-file %O %A %B` command does for git (the progress file's, the learnings', CLAUDE.md's
// merge drivers): the merge written into the current version, or git's own conflict markers there.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { CommandContext } from "./command.ts";
import { WfError } from "./errors.ts";
import { fsError } from "../util/fs-errors.ts";

/** The three versions git passes a merge driver (`%O %A %B`), as a command's positional arguments. */
export const MERGE_DRIVER_ARGS = {
  ancestor: { type: "positional", required: true, description: "The common ancestor's version (%O)" },
  current: { type: "positional", required: true, description: "This branch's version, replaced by the merge (%A)" },
  other: { type: "positional", required: true, description: "The other branch's version (%B)" },
} as const;

/**
 * Merges `ancestor`, `current` and `other` (paths from git, relative to the command's folder) with
 * `merge`; a result replaces `current` (exit 0). undefined leaves it to `git merge-file`: a clean line merge
 * (exit 0), or its conflict markers in `current` (exit 1).
 */
export async function runMergeDriver(
  ctx: CommandContext,
  files: [ancestor: string, current: string, other: string],
  merge: (base: string, ours: string, theirs: string) => string | undefined | Promise<string | undefined>,
): Promise<number> {
  const [ancestor, current, other] = files.map((f) => resolve(ctx.cwd, f)) as [string, string, string];
  const read = (f: string) => {
    try {
      return readFileSync(f, "utf8");
    } catch (error) {
      throw fsError(error, f);
    }
  };
  const merged = await merge(read(ancestor), read(current), read(other));
  if (merged !== undefined) {
    const { atomicWrite } = await import("../util/atomic-write.ts");
    await atomicWrite(current, merged);
    ctx.emit({ file: current, merged: true }, "merged");
    return 0;
  }
  const { run } = await import("./run.ts");
  const r = await run("git", ["merge-file", "-L", "ours", "-L", "base", "-L", "theirs", current, ancestor, other], {
    cwd: ctx.cwd,
  });
  if (r.missing) throw new WfError("E_PREREQ_GIT", "cannot run git merge-file", { hint: "install git" });
  // git's own line merge, for what this merge does not read: clean (0), or the conflicts it marked
  if (r.code === 0) {
    ctx.emit({ file: current, merged: true }, "merged (line by line)");
    return 0;
  }
  ctx.emit({ file: current, merged: false }, "conflict: both sides changed the same lines; markers written");
  return 1;
}
