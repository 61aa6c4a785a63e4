import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fsError } from "./fs-errors.ts";
import { pidAlive } from "./pid.ts";
import { randomHex } from "./hash.ts";

export interface AtomicWriteOptions {
  /** File mode of a new file, e.g. 0o600 for secrets, 0o755 for scripts. */
  mode?: number;
}

/**
 * Writes `content` to `file` so that a reader sees the old file or the new one, never half of
 * either: a temp file in the same folder, fsync, rename over, fsync the folder. A writer killed
 * mid-way leaves the old file intact (its temp file is removed by the next write). A symbolic
 * link is followed: the file it points at is replaced, the link stays.
 */
export function atomicWriteSync(target: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  // A symlinked state file (CLAUDE.md → docs/CLAUDE.md) stays a link: the file it points at is replaced.
  const file = linkTarget(target);
  const dir = dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw fsError(error, dir);
  }
  removeOrphanTemps(dir, basename(file));
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomHex(4)}.tmp`);
  try {
    const fd = openSync(temp, "w", options.mode ?? 0o644);
    try {
      writeFileSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw fsError(error, file);
  }
  try {
    const dfd = openSync(dir, "r");
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic.
  }
}

/** Where a chain of symbolic links at `file` ends (the path itself when it is no link). */
function linkTarget(file: string): string {
  let current = file;
  for (let i = 0; i < 20; i++) {
    try {
      if (!lstatSync(current).isSymbolicLink()) return current;
    } catch {
      return current;
    }
    current = resolve(dirname(current), readlinkSync(current));
  }
  return current;
}

/** Temp files of `name` left by writers that were killed (their pid is dead): removed on the next write. */
export function removeOrphanTemps(dir: string, name: string): string[] {
  const prefix = `.${name}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const n of names) {
    if (!n.startsWith(prefix) || !n.endsWith(".tmp")) continue;
    const m = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(n.slice(prefix.length));
    if (!m || Number(m[1]) === process.pid || pidAlive(Number(m[1]))) continue;
    rmSync(join(dir, n), { force: true });
    removed.push(n);
  }
  return removed;
}

/** Async face of `atomicWriteSync` (the work is synchronous and short). */
export async function atomicWrite(
  file: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  atomicWriteSync(file, content, options);
}
