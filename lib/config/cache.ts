import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { atomicWriteSync } from "../util/atomic-write.ts";
import { VERSION } from "../version.ts";
import { fastHash } from "../util/hash.ts";

/**
 * A TypeScript config that is plain data — it imports nothing but wf-task and reads no clock,
 * randomness or file — evaluates to the same object for the same text and the same values of the
 * environment variables it names (`process.env.NAME`, `process.env["NAME"]`). Such a config is cached
 * as JSON by content hash (+ wf-task version, + those variables' values) under
 * `node_modules/.cache/wf-task/` and under git's common folder (`.git/wf-task/`, shared by every
 * linked worktree, with or without node_modules), so a warm start (every hook run) skips the TS
 * loader, the slowest part of a cold start. A config that reads the environment any other way
 * (`process.env[name]`, `Object.keys(process.env)`) is never cached, nor one whose variables look
 * like secrets: the cache would keep their values on disk (docs/decisions.md).
 */
export function configInputs(text: string): { env: string[] } | null {
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
  if (specifiers.some((s) => s !== "wf-task" && !s.startsWith("wf-task/"))) return null;
  const env = new Set<string>();
  const rest = text.replace(ENV_READ, (_m, dotted?: string, _q?: string, quoted?: string) => {
    env.add((dotted ?? quoted)!);
    return " ";
  });
  if (/\b(process|Deno|globalThis|require|await|Date|Math|fetch|eval|Function)\b|import\.meta/.test(rest)) return null;
  if ([...env].some((name) => SECRET_NAME.test(name))) return null;
  return { env: [...env].sort() };
}

const ENV_READ = /\bprocess\.env(?:\.([A-Za-z_$][\w$]*)|\[\s*(["'])([A-Za-z_$][\w$]*)\2\s*\])/g;
const SECRET_NAME = /TOKEN|SECRET|PASS|KEY|AUTH|CRED|PRIVATE|COOKIE|SESSION|SIGNATURE|CERT/i;
/** A value shaped like a credential (long, no spaces, mostly letters and digits): never written to the cache. */
const SECRET_VALUE = /^[A-Za-z0-9_\-+/=.:]{24,}$/;

/** True for a config whose value depends on its text alone. */
export function isPureConfigSource(text: string): boolean {
  return configInputs(text)?.env.length === 0;
}

/** The values a cached config of this text is keyed by; null when it cannot be cached with this environment. */
function envKey(text: string, env: Record<string, string | undefined>): string | null {
  const inputs = configInputs(text);
  if (!inputs) return null;
  const values = inputs.env.map((name) => env[name] ?? null);
  if (values.some((v) => v !== null && SECRET_VALUE.test(v) && /\d/.test(v))) return null;
  return inputs.env.length ? JSON.stringify(inputs.env.map((name, i) => [name, values[i]])) : "";
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

/** Where a config with this text (read with this environment) is or would be cached, first choice first. */
export function cacheFiles(
  root: string,
  text: string,
  kind: "config" | "resolved" = "config",
  env: Record<string, string | undefined> = {},
): string[] {
  const key = envKey(text, env);
  if (key === null) return [];
  return cachePaths(root, `${kind}-${fastHash(VERSION, text, key)}.json`);
}

/**
 * Where a cache file `name` of the project at `root` is or would be, first choice first:
 * `node_modules/.cache/wf-task/` when there is a node_modules, then git's common folder
 * (`.git/wf-task/`, shared by every linked worktree).
 */
export function cachePaths(root: string, name: string): string[] {
  const files: string[] = [];
  const modules = join(root, "node_modules");
  if (existsSync(modules)) files.push(join(modules, ".cache", "wf-task", name));
  const common = gitCommonDir(root);
  if (common) files.push(join(common, "wf-task", name));
  return files;
}

/** The cached value of a config with this text, read with this environment, if any. */
export function readCachedConfig(
  root: string,
  text: string,
  env: Record<string, string | undefined>,
  kind: "config" | "resolved" = "config",
): Record<string, unknown> | undefined {
  for (const file of cacheFiles(root, text, kind, env)) {
    if (!existsSync(file)) continue;
    try {
      return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** Caches the evaluated value of a cacheable config (best effort: a read-only tree just skips it). */
export function writeCachedConfig(
  root: string,
  text: string,
  env: Record<string, string | undefined>,
  value: unknown,
  kind: "config" | "resolved" = "config",
): void {
  if (value === null || typeof value !== "object") return;
  const json = JSON.stringify(value);
  for (const file of cacheFiles(root, text, kind, env)) {
    try {
      atomicWriteSync(file, json);
    } catch {
      // no cache there then
    }
  }
}

/**
 * The validated config (defaults filled in) of a cacheable config that is the only source and has
 * no env override: what `loadConfig` returns, so a warm start skips the schema too. Same key, same
 * folders as the evaluated value.
 */
export const readResolvedConfig = (root: string, text: string, env: Record<string, string | undefined>) =>
  readCachedConfig(root, text, env, "resolved");
export const writeResolvedConfig = (
  root: string,
  text: string,
  env: Record<string, string | undefined>,
  config: unknown,
) => writeCachedConfig(root, text, env, config, "resolved");
