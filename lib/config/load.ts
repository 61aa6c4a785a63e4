import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { WfError } from "../core/errors.ts";
import { configTimeoutMs, evaluateModule, ModuleError, ModuleTimeout, type Evaluated } from "../util/import-ts.ts";
import { readCachedConfig, readResolvedConfig, writeCachedConfig, writeResolvedConfig } from "./cache.ts";
// yaml-position pulls in the YAML parser: loaded only when an error needs a position.
let locate: typeof import("../util/yaml-position.ts").locate;
async function loadLocate(): Promise<void> {
  locate ??= (await import("../util/yaml-position.ts")).locate;
}
import { legacyPath, mapLegacy } from "./legacy.ts";
import { CONFIG_FILES, findRoot } from "./root.ts";
import type { ConfigSource, LoadedConfig } from "./types.ts";
import type { ConfigProblem } from "./validate.ts";

/** Config files, first found wins. */
export const SEARCH_PLACES = [...CONFIG_FILES, "package.json"];
/** The plan's config, read under the modern sources. */
export const LEGACY_CONFIG = ".ai/project/config.yaml";

export interface LoadConfigOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Use this file instead of searching. */
  file?: string;
}

interface RawSource {
  source: ConfigSource;
  data: Record<string, unknown>;
  /** The text, for positions (YAML/JSON sources). */
  text?: string;
  /** Key path prefix inside the text (package.json#workflow). */
  prefix?: string[];
  legacy?: boolean;
  /** The text of a cacheable TS config (plain data, see cache.ts): its resolved config may be cached too. */
  pure?: string;
}

async function parseYaml(text: string, file: string): Promise<unknown> {
  const { readYaml } = await import("../util/yaml.ts");
  return (await readYaml(text, { file, code: "E_CONFIG_SYNTAX" })).data;
}

/** The modern source that wins, found without loading cosmiconfig (the fast path of hooks). */
function firstModernSource(root: string): string | undefined {
  for (const place of SEARCH_PLACES) {
    const file = join(root, place);
    if (!existsSync(file)) continue;
    if (place !== "package.json") return file;
    try {
      if ((JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>).workflow !== undefined) return file;
    } catch {
      return file; // let cosmiconfig report the broken package.json
    }
  }
  return undefined;
}

async function loadModernSource(
  root: string,
  env: Record<string, string | undefined>,
  file?: string,
): Promise<RawSource | undefined> {
  const winner = file ?? firstModernSource(root);
  if (!winner) return undefined;
  const tsText = /\.m?ts$/.test(winner) ? readFileSync(winner, "utf8") : undefined;
  if (tsText !== undefined) {
    const cached = readCachedConfig(root, tsText, env);
    if (cached) return { source: { kind: "file", path: winner }, data: cached, pure: tsText };
  }
  // A bundled standalone script sees this CommonJS package through `default`.
  const mod = (await import("cosmiconfig")) as typeof import("cosmiconfig") & {
    default?: typeof import("cosmiconfig");
  };
  const cosmiconfig = mod.cosmiconfig ?? mod.default!.cosmiconfig;
  const rel = (f: string) => relative(root, f) || f;
  // A TS/JS config runs in a worker under a deadline: one that never settles or loops is stopped.
  const timeoutMs = configTimeoutMs(env);
  const loadTs = async (filepath: string): Promise<Evaluated> => {
    try {
      return await evaluateModule(filepath, { root, env }, timeoutMs, env);
    } catch (cause) {
      throw moduleLoadError(cause, rel(filepath), timeoutMs);
    }
  };
  // cosmiconfig reads package.json (its meta config) already when created: a broken one is bad input too.
  let explorer: ReturnType<typeof cosmiconfig>;
  try {
    explorer = cosmiconfig("workflow", {
      searchPlaces: SEARCH_PLACES,
      searchStrategy: "none",
      loaders: {
        ".ts": loadTs,
        ".mts": loadTs,
        ".js": loadTs,
        ".mjs": loadTs,
        ".yaml": (filepath, content) => parseYaml(content, rel(filepath)),
        noExt: (filepath, content) => parseYaml(content, rel(filepath)),
        ".json": (filepath, content) => {
          try {
            return JSON.parse(content);
          } catch (cause) {
            throw new WfError("E_CONFIG_SYNTAX", (cause as Error).message, {
              where: rel(filepath),
              hint: "fix the JSON syntax",
            });
          }
        },
      },
    });
  } catch (cause) {
    throw sourceError(cause, "package.json", root);
  }
  let found: Awaited<ReturnType<ReturnType<typeof cosmiconfig>["search"]>>;
  try {
    found = file ? await explorer.load(file) : await explorer.search(root);
  } catch (cause) {
    throw sourceError(cause, rel(file ?? winner), root);
  }
  if (!found || found.isEmpty) return undefined;
  let data: unknown = found.config;
  const isModule = /\.[mc]?[jt]s$/.test(found.filepath);
  if (isModule) {
    const evaluated = data as Evaluated;
    data = evaluated.value;
    if (evaluated.kind === "data" && tsText !== undefined && found.filepath === winner)
      writeCachedConfig(root, tsText, env, data);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new WfError("E_CONFIG", `expected an object, got ${Array.isArray(data) ? "an array" : typeof data}`, {
      where: rel(found.filepath),
      hint: isModule ? "export default defineConfig({ … })" : "the config is a mapping of sections",
    });
  }
  const isPkg = basename(found.filepath) === "package.json";
  return {
    source: { kind: isPkg ? "package.json" : "file", path: found.filepath },
    data: data as Record<string, unknown>,
    text: isModule ? undefined : readFileSync(found.filepath, "utf8"),
    prefix: isPkg ? ["workflow"] : undefined,
  };
}

/** A config source cosmiconfig could not read (a broken package.json, an unreadable file): bad input with a position. */
function sourceError(cause: unknown, file: string, root: string): unknown {
  if (cause instanceof WfError) return cause;
  const code = (cause as NodeJS.ErrnoException)?.code;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return cause; // a file system fault: reported with its path by the CLI
  const message = String((cause as Error)?.message ?? cause);
  const at = /at position (\d+)/.exec(message);
  let where = file;
  if (at) {
    try {
      const text = readFileSync(join(root, file), "utf8").slice(0, Number(at[1]));
      const lines = text.split("\n");
      where = `${file}:${lines.length}:${lines.at(-1)!.length + 1}`;
    } catch {}
  }
  const first =
    message
      .split("\n")
      .map((l) => l.trim())
      .find((l) => /expected|unexpected|position/i.test(l)) ?? message.split("\n")[0]!;
  return new WfError(
    "E_CONFIG_SYNTAX",
    first.replace(/ while parsing .*$/, "").replace(/^JSON Error in [^:]+:\s*/, ""),
    { where, cause, hint: `fix the JSON syntax of ${file}` },
  );
}

/** A config module that failed: syntax (with the loader's line and column), a throw, or the deadline. */
function moduleLoadError(cause: unknown, file: string, timeoutMs: number): unknown {
  if (cause instanceof WfError) return cause;
  if (cause instanceof ModuleTimeout) {
    return new WfError(
      "E_CONFIG_TIMEOUT",
      cause.settledNever
        ? `the config's promise never settles`
        : `the config did not finish within ${timeoutMs} ms (an endless loop, or a wait that never ends)`,
      {
        where: file,
        hint: cause.settledNever
          ? "make the default export an object, or a (async) function that returns one"
          : "fix the config; if it is only slow, raise WF_CONFIG_TIMEOUT_MS",
      },
    );
  }
  const message = (cause as Error)?.message ?? String(cause);
  const first = message.split("\n")[0]!.trim();
  // jiti puts the position on its own line: ` /abs/workflow.config.ts:3:22`.
  const pos = /:(\d+):(\d+)\s*$/m.exec(message);
  const isSyntax = /ParseError|SyntaxError/.test(`${(cause as ModuleError).errorName ?? ""} ${first}`);
  const line = pos ? Number(pos[1]) : (cause as ModuleError).line;
  const col = pos ? Number(pos[2]) : (cause as ModuleError).column;
  return new WfError(
    isSyntax ? "E_CONFIG_SYNTAX" : "E_CONFIG_LOAD",
    isSyntax
      ? first.replace(/^(ParseError|SyntaxError):\s*/, "").trim() || "syntax error"
      : `the config threw: ${first}`,
    {
      where: line ? `${file}:${line}:${col ?? 1}` : file,
      cause,
      hint: isSyntax
        ? "fix the syntax at that position"
        : "fix the error in the config file (run with --debug for its stack)",
    },
  );
}

async function loadLegacySource(root: string): Promise<{ raw: RawSource; extra: Record<string, unknown> } | undefined> {
  const file = join(root, LEGACY_CONFIG);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  const data = await parseYaml(text, LEGACY_CONFIG);
  if (data === null || data === undefined) return undefined;
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new WfError("E_CONFIG", "expected a mapping at the top level", { where: `${LEGACY_CONFIG}:1:1` });
  }
  const mapped = mapLegacy(data as Record<string, unknown>);
  if (mapped.version !== undefined && !/^2(\.|$)/.test(mapped.version)) {
    await loadLocate();
    throw new WfError("E_CONFIG_VERSION", `expected version 2.x, got ${JSON.stringify(mapped.version)}`, {
      where: `${LEGACY_CONFIG}:${(await import("../util/yaml-position.ts")).locate(text, ["version"])?.line ?? 1}`,
      hint: "wf-task reads the 2.x config.yaml; move other versions to workflow.config.ts",
    });
  }
  return {
    raw: { source: { kind: "legacy", path: file }, data: mapped.config, text, legacy: true },
    extra: mapped.extra,
  };
}

/** An env override names a folder inside the project and outside `.git`; anything else is E_CONFIG_ENV (exit 2). */
function confined(root: string, name: string, value: string): void {
  const target = resolve(root, value);
  const rel = relative(root, target);
  const outside = rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  const inGit = rel === ".git" || rel.startsWith(`.git${sep}`);
  if (outside || inGit || rel === "") {
    throw new WfError(
      "E_CONFIG_ENV",
      `expected ${name} to be a folder inside the project and outside .git, got ${JSON.stringify(value)} (${target})`,
      {
        where: `env ${name}`,
        hint: `unset ${name} or give a path under ${root}, e.g. ${name}=${name === "WORKTREE_BASE" ? ".worktrees" : ".ai/project/sessions"}`,
      },
    );
  }
}

function envOverrides(
  env: Record<string, string | undefined>,
  base: Record<string, any>,
  root: string,
): { data: Record<string, any>; names: string[] } {
  const data: Record<string, any> = {};
  const names: string[] = [];
  const num = (name: string) => {
    const raw = env[name]!;
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || n < 1 || n > 65535) {
      throw new WfError("E_CONFIG_ENV", `expected ${name} to be a port number (1–65535), got ${JSON.stringify(raw)}`, {
        hint: `unset ${name} or give it a port number`,
      });
    }
    return n;
  };
  if (env.PROGRESS_DIR) {
    confined(root, "PROGRESS_DIR", env.PROGRESS_DIR);
    const file = base.harness?.progressFile ?? ".ai/project/sessions/claude-progress.txt";
    data.harness = { progressFile: join(env.PROGRESS_DIR, basename(file)) };
    names.push("PROGRESS_DIR");
  }
  if (env.WORKTREE_BASE) {
    confined(root, "WORKTREE_BASE", env.WORKTREE_BASE);
    data.parallel = { worktreeBase: env.WORKTREE_BASE };
    names.push("WORKTREE_BASE");
  }
  for (const [name, key] of [
    ["PORT_RANGE_START", "start"],
    ["PORT_RANGE_END", "end"],
  ] as const) {
    if (!env[name]) continue;
    data.parallel ??= {};
    data.parallel.portRange = { ...(base.parallel?.portRange ?? {}), ...data.parallel.portRange, [key]: num(name) };
    names.push(name);
  }
  return { data, names };
}

/** Deep merge of plain objects; arrays and scalars from `over` replace those of `under`. */
export function mergeConfig(under: Record<string, any>, over: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] =
      value &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      prev &&
      typeof prev === "object" &&
      !Array.isArray(prev)
        ? mergeConfig(prev, value)
        : value;
  }
  return out;
}

async function describe(raw: RawSource, root: string, problem: ConfigProblem): Promise<string> {
  const file = relative(root, raw.source.path) || raw.source.path;
  const shown = raw.legacy ? legacyPath(problem.path) : problem.path;
  let where = file;
  if (raw.text) {
    const { locate } = await import("../util/yaml-position.ts");
    const pos = locate(raw.text, [...(raw.prefix ?? []), ...shown], problem.unknownKey);
    if (pos) where = `${file}:${pos.line}:${pos.col}`;
  } else if (raw.source.kind === "file" && /\.[mc]?[jt]s$/.test(raw.source.path)) {
    // A TS/JS config: the key's position in its source (an unknown key at the key, a bad value at its key).
    const { locateInTs } = await import("../util/ts-position.ts");
    const pos = await locateInTs(readFileSync(raw.source.path, "utf8"), shown, root);
    if (pos) where = `${file}:${pos.line}:${pos.col}`;
  }
  const keyPath = shown.join(".") || "(top level)";
  return `${where}: ${keyPath}: ${problem.message}`;
}

/** The cache key of "no config file": the defaults, validated once per version. */
const NO_CONFIG = "// no config file\n";

/**
 * Finds, loads, merges and validates the config for `cwd`. With no config at all it returns
 * the defaults. Throws E_CONFIG (exit 2) listing every problem with file, key path, expected
 * and got.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const root = options.file ? dirname(options.file) : findRoot(options.cwd);
  const sources: RawSource[] = [];
  const warnings: string[] = [];
  let legacyExtra: Record<string, unknown> = {};

  const legacy = await loadLegacySource(root);
  if (legacy) {
    sources.push(legacy.raw);
    legacyExtra = legacy.extra;
  }
  const modern = await loadModernSource(root, env, options.file);
  if (modern) sources.push(modern);
  // A cacheable TS config alone (or no config file at all: the defaults), no env override: the
  // validated config is cached as well, so a hook's start loads neither the TS loader nor the
  // schema (valibot).
  const cacheText = legacy ? undefined : modern ? modern.pure : NO_CONFIG;
  const resolvable = cacheText !== undefined && !envOverrides(env, modern?.data ?? {}, root).names.length;
  if (resolvable) {
    const resolved = readResolvedConfig(root, cacheText, env);
    if (resolved)
      return {
        config: resolved as LoadedConfig["config"],
        root,
        sources: modern ? [modern.source] : [],
        legacyExtra: {},
        warnings: [],
      };
  }
  const { validateConfig } = await import("./validate.ts");

  const problems: string[] = [];
  for (const raw of sources) {
    const result = validateConfig(raw.data);
    if (result.ok) continue;
    await loadLocate();
    for (const problem of result.problems) {
      if (raw.legacy && problem.unknownKey) {
        // A legacy key wf-task does not use: keep it, say so, go on.
        const shown = legacyPath(problem.path).join(".");
        legacyExtra[shown] = problem.path.reduce<any>((o, k) => o?.[k], raw.data);
        warnings.push(
          `${(await describe(raw, root, problem)).replace(/: unknown key.*$/, "")}: key not used by wf-task (kept as is)`,
        );
        deletePath(raw.data, problem.path);
        continue;
      }
      problems.push(await describe(raw, root, problem));
    }
  }
  if (problems.length) {
    throw new WfError("E_CONFIG", problems[0]!, {
      details: problems.slice(1),
      hint: "fix the config, then check it with `wf-task config validate`",
    });
  }

  let merged: Record<string, any> = {};
  for (const raw of sources) merged = mergeConfig(merged, raw.data);
  const overrides = envOverrides(env, merged, root);
  merged = mergeConfig(merged, overrides.data);
  const final = validateConfig(merged);
  if (!final.ok) {
    const lines = final.problems.map(
      (p) =>
        `${overrides.names.length ? `env ${overrides.names.join(", ")}` : "config"}: ${p.path.join(".")}: ${p.message}`,
    );
    throw new WfError("E_CONFIG", lines[0]!, {
      details: lines.slice(1),
      hint: "check the environment overrides and the config",
    });
  }
  if (resolvable) writeResolvedConfig(root, cacheText, env, final.config);
  const applied: ConfigSource[] = sources.map((s) => s.source);
  if (overrides.names.length) applied.push({ kind: "env", path: overrides.names.join(",") });
  return { config: final.config, root, sources: applied, legacyExtra, warnings };
}

function deletePath(obj: Record<string, any>, path: (string | number)[]): void {
  const parent = path.slice(0, -1).reduce<any>((o, k) => o?.[k], obj);
  if (parent && typeof parent === "object") delete parent[path.at(-1)!];
}
