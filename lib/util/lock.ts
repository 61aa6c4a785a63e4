import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { WfError } from "../core/errors.ts";
import { fsError } from "./fs-errors.ts";
import { pidAlive } from "./pid.ts";
import { randomHex } from "./hash.ts";

export interface LockOptions {
  /** Give up after this long (default 15 s, env WF_LOCK_TIMEOUT_MS). */
  timeoutMs?: number;
  /** A lock taken on another host is stale after this long (default 60 s); a lock of this host is stale only when its owner is dead. */
  staleMs?: number;
}

/** The record inside a lock folder: who holds it, proven by `token`. */
export interface LockOwner {
  pid: number;
  host: string;
  created: number;
  token: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOST = hostname();

function readOwner(dir: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(dir, "owner.json"), "utf8")) as LockOwner;
    return typeof owner?.pid === "number" ? owner : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates `dir` holding its owner record in one step: the record is written into a private
 * folder that is then renamed onto `dir`. A rename onto a lock that exists (never empty: it
 * always holds its owner.json) fails, so the lock is never seen without its owner.
 */
function tryCreate(dir: string, owner: LockOwner): boolean {
  const temp = `${dir}.new-${owner.pid}-${owner.token}`;
  mkdirSync(temp);
  writeFileSync(join(temp, "owner.json"), JSON.stringify(owner));
  try {
    renameSync(temp, dir);
    return true;
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTEMPTY" || code === "EEXIST" || code === "EISDIR" || code === "ENOTDIR") return false;
    throw error;
  }
}

function isStale(owner: LockOwner | undefined, dir: string, staleMs: number): boolean {
  if (!owner) {
    // A lock folder with no readable owner is an old-style or damaged lock: stale once old.
    try {
      return Date.now() - statSync(dir).mtimeMs > Math.min(staleMs, 5000);
    } catch {
      return false;
    }
  }
  if (owner.host !== HOST) return Date.now() - owner.created > staleMs;
  return !pidAlive(owner.pid);
}

/**
 * Removes `dir` only if it still holds the owner `token` (compare-and-rename: the folder is
 * renamed to a private name, checked, and put back when it turned out to be another's).
 */
function removeIfOwned(dir: string, token: string | undefined): boolean {
  const away = `${dir}.gone-${process.pid}-${randomHex(6)}`;
  try {
    renameSync(dir, away);
  } catch {
    return false;
  }
  if (readOwner(away)?.token === token) {
    rmSync(away, { recursive: true, force: true });
    return true;
  }
  try {
    renameSync(away, dir);
  } catch {
    // The place was taken meanwhile; the moved lock's owner will find its token gone.
    rmSync(away, { recursive: true, force: true });
  }
  return false;
}

/** Leftovers of killed lock takers, breakers and releasers next to `dir` (their pid is dead), removed by the next holder. */
function sweep(dir: string): void {
  const folder = dirname(dir);
  const base = basename(dir);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(`${base}.`)) continue;
    const m = /^\.(?:breaking\.)?(?:new|gone)-(\d+)-/.exec(name.slice(base.length));
    if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1])))
      rmSync(join(folder, name), { recursive: true, force: true });
  }
}

/**
 * Breaks a stale lock. Breakers take turns under `<lock>.breaking` (itself created with its
 * owner record), then look again: only a lock that is still the same stale one is removed, so a
 * lock taken a moment ago by a live process is never broken.
 */
function breakStale(dir: string, seen: LockOwner | undefined, staleMs: number): void {
  const guard = `${dir}.breaking`;
  const me: LockOwner = { pid: process.pid, host: HOST, created: Date.now(), token: randomHex(8) };
  if (!tryCreate(guard, me)) {
    const other = readOwner(guard);
    // A breaker works for microseconds: one that left its guard is dead.
    if (isStale(other, guard, 10_000)) removeIfOwned(guard, other?.token);
    return;
  }
  try {
    const now = readOwner(dir);
    if (now?.token === seen?.token && isStale(now, dir, staleMs)) removeIfOwned(dir, now?.token);
  } finally {
    removeIfOwned(guard, me.token);
  }
}

function defaultTimeout(): number {
  const raw = Number(process.env.WF_LOCK_TIMEOUT_MS);
  return Number.isFinite(raw) && raw > 0 ? raw : 15_000;
}

function holderText(owner: LockOwner | undefined): string {
  if (!owner) return "an unknown process (no owner record)";
  const since = Math.round((Date.now() - owner.created) / 1000);
  return `pid ${owner.pid}${owner.host === HOST ? "" : ` on ${owner.host}`} (for ${since} s)`;
}

/**
 * Runs `fn` holding an exclusive lock on `target` (a `<target>.lock` folder holding the owner's
 * pid, host and a random token). The holder checks its token before releasing, so it never
 * removes a lock that is not its own; a lock is broken only when its owner is dead (or, taken on
 * another host, older than `staleMs`). Waits at most `timeoutMs`, then E_LOCK_BUSY (exit 3: the lock is a prerequisite another process holds)
 * naming the holder.
 */
export async function withLock<T>(target: string, fn: () => Promise<T> | T, options: LockOptions = {}): Promise<T> {
  const dir = `${target}.lock`;
  const timeoutMs = options.timeoutMs ?? defaultTimeout();
  const staleMs = options.staleMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (error) {
    throw fsError(error, dirname(target));
  }
  const me: LockOwner = { pid: process.pid, host: HOST, created: Date.now(), token: randomHex(8) };
  let wait = 2;
  for (;;) {
    me.created = Date.now();
    let got: boolean;
    try {
      got = tryCreate(dir, me);
    } catch (error) {
      throw fsError(error, dir);
    }
    if (got) break;
    const owner = readOwner(dir);
    if (isStale(owner, dir, staleMs)) {
      breakStale(dir, owner, staleMs);
      continue;
    }
    if (Date.now() > deadline) {
      throw new WfError("E_LOCK_BUSY", `${target} is locked by ${holderText(owner)}; waited ${timeoutMs} ms`, {
        hint: `wait for it to finish; if pid ${owner?.pid ?? "?"} is not a wf-task process, remove ${dir}`,
      });
    }
    await sleep(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 50);
  }
  sweep(dir);
  try {
    return await fn();
  } finally {
    // Never touch a lock that is not ours (it cannot be: breakers remove only dead owners' locks).
    if (readOwner(dir)?.token === me.token) removeIfOwned(dir, me.token);
  }
}
