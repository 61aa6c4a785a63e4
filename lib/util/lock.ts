import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { randomBytes } from "node:crypto";
import { WfError } from "../runner/errors.ts";
import { pidAlive } from "./pid.ts";

export interface LockOptions {
  /** Give up after this long (default 15 s). */
  timeoutMs?: number;
  /** A lock older than this is stale even if its owner lives (default 60 s). */
  staleMs?: number;
}

interface Owner {
  pid: number;
  host: string;
  created: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isStale(lockDir: string, staleMs: number): boolean {
  try {
    const owner = JSON.parse(readFileSync(`${lockDir}/owner.json`, "utf8")) as Owner;
    if (Date.now() - owner.created > staleMs) return true;
    return owner.host === hostname() && !pidAlive(owner.pid);
  } catch {
    // No owner file yet: the owner is between mkdir and write, unless that was long ago.
    try {
      return Date.now() - statSync(lockDir).mtimeMs > Math.min(staleMs, 5000);
    } catch {
      return false;
    }
  }
}

/**
 * Runs `fn` holding an exclusive lock on `target` (a `<target>.lock` folder: mkdir is atomic
 * on every file system). A lock whose owner died, or that is older than `staleMs`, is broken
 * by renaming it away first, so two processes never both break it.
 */
export async function withLock<T>(target: string, fn: () => Promise<T> | T, options: LockOptions = {}): Promise<T> {
  const lockDir = `${target}.lock`;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const staleMs = options.staleMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  mkdirSync(dirname(target), { recursive: true });
  let wait = 2;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (isStale(lockDir, staleMs)) {
      const away = `${lockDir}.stale-${randomBytes(4).toString("hex")}`;
      try {
        renameSync(lockDir, away);
        rmSync(away, { recursive: true, force: true });
      } catch {
        // Someone else broke it first.
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new WfError("E_LOCK_TIMEOUT", `could not lock ${target} within ${timeoutMs} ms`, {
        hint: `another wf-task process holds it; if none runs, remove ${lockDir}`,
      });
    }
    await sleep(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 50);
  }
  try {
    writeFileSync(`${lockDir}/owner.json`, JSON.stringify({ pid: process.pid, host: hostname(), created: Date.now() } satisfies Owner));
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
