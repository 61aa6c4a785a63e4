import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { atomicWriteSync } from "../util/atomic-write.ts";
import { VERSION } from "../version.ts";

/**
 * A TypeScript config that is plain data — it imports nothing but wf-task and reads no
 * environment, clock or randomness — evaluates to the same object for the same text. Such a
 * config is cached as JSON by content hash under `node_modules/.cache/wf-task/`, so a warm start
 * (every hook run) skips the TS loader, the slowest part of a cold start.
 */
export function isPureConfigSource(text: string): boolean {
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
  if (specifiers.some((s) => s !== "wf-task" && !s.startsWith("wf-task/"))) return false;
  return !/\b(process|Deno|globalThis|require|await|Date|Math|fetch|eval|Function)\b|import\.meta/.test(text);
}

function cacheFile(root: string, text: string): string | undefined {
  const modules = join(root, "node_modules");
  if (!existsSync(modules)) return undefined;
  const hash = createHash("sha256").update(VERSION).update("\0").update(text).digest("hex").slice(0, 24);
  return join(modules, ".cache", "wf-task", `config-${hash}.json`);
}

/** The cached value of a pure config with this text, if any. */
export function readCachedConfig(root: string, text: string): Record<string, unknown> | undefined {
  if (!isPureConfigSource(text)) return undefined;
  const file = cacheFile(root, text);
  if (!file || !existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Caches the evaluated value of a pure config (best effort: a read-only tree just skips it). */
export function writeCachedConfig(root: string, text: string, value: unknown): void {
  if (!isPureConfigSource(text) || value === null || typeof value !== "object") return;
  const file = cacheFile(root, text);
  if (!file) return;
  try {
    atomicWriteSync(file, JSON.stringify(value));
  } catch {
    // no cache then
  }
}
