import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface AtomicWriteOptions {
  /** File mode of a new file, e.g. 0o600 for secrets, 0o755 for scripts. */
  mode?: number;
}

/**
 * Writes `content` to `file` so that a reader sees the old file or the new one, never half of
 * either: a temp file in the same folder, fsync, rename over, fsync the folder. A writer killed
 * mid-way leaves the old file intact.
 */
export function atomicWriteSync(file: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
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
    throw error;
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

/** Async face of `atomicWriteSync` (the work is synchronous and short). */
export async function atomicWrite(file: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  atomicWriteSync(file, content, options);
}
