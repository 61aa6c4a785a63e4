import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { gitRaw } from "./git.ts";
import type { ParallelProject } from "./project.ts";
import { fileHash, gitignoreMatcher, readManifest } from "./setup.ts";

/** What was saved of a worktree before it was removed. */
export interface ArchiveResult {
  /** `<sessions>/archive/<feature>/<role>/<timestamp>` in the main checkout. */
  dir: string;
  /** The files saved, relative to the worktree: session files land in `dir` as they were in the sessions folder, the others under `dir/files/`. */
  files: string[];
}

/** The folder a role's worktree is archived under, in the main checkout. */
export function archiveRoot(project: ParallelProject, feature: string, role: string): string {
  return join(project.paths.sessionsDir, "archive", feature, role);
}

function walk(dir: string, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      continue;
    }
    if (stat.isDirectory()) walk(path, out);
    else if (stat.isFile()) out.push(path);
  }
  return out;
}

/** The `parallel.preserve` matcher: a pattern without `/` matches a name at any depth, as in .gitignore. */
export function preserveMatcher(project: ParallelProject): Promise<(rel: string) => boolean> {
  return gitignoreMatcher(project.config.parallel.preserve);
}

/**
 * The files of a worktree that would be lost with it and are worth keeping: its session memory
 * (every file of its sessions folder: progress file, decisions, `.af` snapshots, notes) and its
 * untracked or ignored files that match `parallel.preserve` — each only when it differs from the
 * main checkout's file at the same path.
 */
export async function filesToArchive(project: ParallelProject, worktree: string): Promise<string[]> {
  const sessionsRel = relative(project.root, project.paths.sessionsDir);
  const picked = new Set<string>();
  if (sessionsRel && !sessionsRel.startsWith("..")) {
    const archiveDir = join(worktree, sessionsRel, "archive");
    for (const file of walk(join(worktree, sessionsRel))) {
      if (file.startsWith(`${archiveDir}/`)) continue;
      picked.add(relative(worktree, file));
    }
  }
  // Untracked and ignored files alike (no --exclude-standard); a linked node_modules is one entry.
  const listed = await gitRaw(worktree, ["ls-files", "--others", "-z"], project.env);
  if (listed.code === 0) {
    const preserve = await preserveMatcher(project);
    for (const rel of listed.stdout.split("\0")) {
      if (!rel || rel === "node_modules" || rel.startsWith("node_modules/") || !preserve(rel)) continue;
      picked.add(rel);
    }
  }
  // wf-task's own output, untouched since setup or init (the manifest keeps its hash), is not the agent's work.
  const manifest = readManifest(worktree);
  return [...picked]
    .filter((rel) => {
      const hash = fileHash(join(worktree, rel));
      return hash !== manifest[rel] && hash !== fileHash(join(project.root, rel));
    })
    .sort();
}

/** Where an archived file goes inside the archive folder. */
export function archivedPath(project: ParallelProject, rel: string): string {
  const sessionsRel = relative(project.root, project.paths.sessionsDir);
  return rel.startsWith(`${sessionsRel}/`) ? rel.slice(sessionsRel.length + 1) : join("files", rel);
}

/** Copies what `filesToArchive` finds into the main checkout; null when there is nothing to keep. */
export async function archiveWorktree(
  project: ParallelProject,
  worktree: string,
  feature: string,
  role: string,
  stamp: string,
): Promise<ArchiveResult | null> {
  const files = await filesToArchive(project, worktree);
  if (!files.length) return null;
  let dir = join(archiveRoot(project, feature, role), stamp);
  for (let n = 2; existsSync(dir); n++) dir = join(archiveRoot(project, feature, role), `${stamp}-${n}`);
  for (const rel of files) {
    const to = join(dir, archivedPath(project, rel));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(join(worktree, rel), to, { preserveTimestamps: true });
  }
  return { dir, files };
}
