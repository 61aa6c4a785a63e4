import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { atomicWriteSync } from "../util/atomic-write.ts";
import { VERSION } from "../version.ts";

/**
 * A TypeScript config that is plain data — it imports nothing but wf-task and reads no
 * environment, clock or randomness — evaluates to the same object for the same text. Such a
 * config is cached as JSON by content hash (+ wf-task version) under `node_modules/.cache/wf-task/`
 * and under git's common folder (`.git/wf-task/`, shared by every linked worktree, with or without
 * node_modules), so a warm start (every hook run) skips the TS loader, the slowest part of a cold start.
 */
export function isPureConfigSource(text: string): boolean {
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
  if (specifiers.some((s) => s !== "wf-task" && !s.startsWith("wf-task/"))) return false;
  return !/\b(process|Deno|globalThis|require|await|Date|Math|fetch|eval|Function)\b|import\.meta/.test(text);
}

/** Git's common folder of the checkout at `root`, read from `.git` without running git. */
export function gitCommonDir(root: string): string | undefined {
  const dotGit = join(root, ".git");
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const gitdir = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, "utf8"))?.[1]?.trim();
    if (!gitdir) return undefined;
    const abs = resolve(root, gitdir);
    const common = join(abs, "commondir");
    return existsSync(common) ? resolve(abs, readFileSync(common, "utf8").trim()) : abs;
  } catch {
    return undefined;
  }
}

/** Where a config with this text is (or would be) cached, first choice first. */
export function cacheFiles(root: string, text: string, kind: "config" | "resolved" = "config"): string[] {
  const hash = createHash("sha256").update(VERSION).update("\0").update(text).digest("hex").slice(0, 24);
  const name = `${kind}-${hash}.json`;
  const files: string[] = [];
  const modules = join(root, "node_modules");
  if (existsSync(modules)) files.push(join(modules, ".cache", "wf-task", name));
  const common = gitCommonDir(root);
  if (common) files.push(join(common, "wf-task", name));
  return files;
}

/** The cached value of a pure config with this text, if any. */
export function readCachedConfig(
  root: string,
  text: string,
  kind: "config" | "resolved" = "config",
): Record<string, unknown> | undefined {
  if (!isPureConfigSource(text)) return undefined;
  for (const file of cacheFiles(root, text, kind)) {
    if (!existsSync(file)) continue;
    try {
      return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** Caches the evaluated value of a pure config (best effort: a read-only tree just skips it). */
export function writeCachedConfig(
  root: string,
  text: string,
  value: unknown,
  kind: "config" | "resolved" = "config",
): void {
  if (!isPureConfigSource(text) || value === null || typeof value !== "object") return;
  const json = JSON.stringify(value);
  for (const file of cacheFiles(root, text, kind)) {
    try {
      atomicWriteSync(file, json);
    } catch {
      // no cache there then
    }
  }
}

/**
 * The validated config (defaults filled in) of a pure config that is the only source and has no
 * env override: what `loadConfig` returns, so a warm start skips the schema too. Same key, same
 * folders as the evaluated value.
 */
export const readResolvedConfig = (root: string, text: string) => readCachedConfig(root, text, "resolved");
export const writeResolvedConfig = (root: string, text: string, config: unknown) =>
  writeCachedConfig(root, text, config, "resolved");
