import { readdirSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { checkoutAt } from "../core/checkout.ts";
import { readProgressFile } from "./progress.ts";

/** What the last removed worktree of a role left in the archive, as `resume` shows it. */
export interface ArchivedSession {
  /** The archive folder (in the main checkout). */
  dir: string;
  session_id: string | null;
  notes: string[];
  decisions: string[];
  blockers: string[];
  files: string[];
}

/**
 * The newest archive of `feature`/`role` (written when its worktree was cleaned up), looked up in the
 * main checkout's sessions folder — so a new worktree of that role finds what the last one left.
 */
export async function latestArchive(
  progressFile: string,
  root: string,
  feature: string,
  role: string,
): Promise<ArchivedSession | null> {
  const sessionsRel = relative(root, dirname(progressFile));
  if (sessionsRel.startsWith("..")) return null;
  const { linked, main } = checkoutAt(root);
  const dir = join(linked ? main : root, sessionsRel, "archive", feature, role);
  let stamps: string[];
  try {
    stamps = readdirSync(dir).sort();
  } catch {
    return null;
  }
  for (const stamp of stamps.reverse()) {
    try {
      const p = await readProgressFile(join(dir, stamp, basename(progressFile)));
      if (!p) continue;
      return {
        dir: join(dir, stamp),
        session_id: p.session_id,
        notes: p.notes,
        decisions: p.decisions,
        blockers: p.blockers,
        files: p.files,
      };
    } catch {
      continue; // an unreadable archive is skipped, never rewritten
    }
  }
  return null;
}
