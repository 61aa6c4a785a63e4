// Loads the trust model in effect: trust_model.yaml (or the built-in default), then the config.
import { existsSync, readFileSync } from "node:fs";
import { basename, relative, resolve } from "node:path";
import type { LoadedConfig } from "../config/types.ts";
import { WfError } from "../core/errors.ts";
import { buildModel } from "./build.ts";
import { builtInModel, type RawContext, type RawModel } from "./defaults.ts";
import { LEVELS, type TrustModel } from "./model.ts";

/** What loadTrustModel needs of a loaded config. */
export type TrustConfigInput = Pick<LoadedConfig, "config" | "root"> & Partial<Pick<LoadedConfig, "sources">>;

/**
 * The trust model in effect for a project: `.ai/workflow/trust_model.yaml` (`trust.modelFile`)
 * when present, else the built-in default; then the config's `trust` section on top.
 * Throws E_TRUST_MODEL (exit 2) naming file:line and entry when the model is bad.
 */
export async function loadTrustModel(loaded: TrustConfigInput): Promise<TrustModel> {
  const file = resolve(loaded.root, loaded.config.trust.modelFile);
  const base =
    existsSync(file) && !loaded.config.trust.replaceDefaults
      ? await cachedModelFile(file, loaded.root)
      : builtInModel();
  const model = buildModel(base, loaded.config.trust, { root: loaded.root, configName: configName(loaded) });
  const { projectPaths } = await import("../config/paths.ts");
  model.changesDir = resolve(projectPaths(loaded).sessionsDir, "trust-changes");
  return model;
}

function configName(loaded: TrustConfigInput): string {
  const source =
    [...(loaded.sources ?? [])].reverse().find((s) => s.kind !== "env" && s.kind !== "legacy") ??
    loaded.sources?.find((s) => s.kind === "legacy");
  if (!source) return "config";
  const rel = relative(loaded.root, source.path) || basename(source.path);
  return source.kind === "package.json" ? `${rel}#workflow` : rel;
}

/**
 * readModelFile through a cache: the checked model of a file with this text (at this path, in
 * this root: its rules name both) is kept as JSON beside the config cache, so a hook run reads
 * one small file instead of loading the YAML parser and the schema. A bad model is never cached.
 */
async function cachedModelFile(file: string, root: string): Promise<RawModel> {
  const text = readFileSync(file, "utf8");
  const [{ cachePaths }, { fastHash }, { VERSION }] = await Promise.all([
    import("../config/cache.ts"),
    import("../util/hash.ts"),
    import("../version.ts"),
  ]);
  const caches = cachePaths(root, `trust-model-${fastHash(VERSION, root, file, text)}.json`);
  for (const cache of caches) {
    try {
      return JSON.parse(readFileSync(cache, "utf8")) as RawModel;
    } catch {
      // not there, or not readable: the next one, then the file itself
    }
  }
  const raw = await readModelFile(file, root, text);
  const { atomicWriteSync } = await import("../util/atomic-write.ts");
  for (const cache of caches) {
    try {
      atomicWriteSync(cache, JSON.stringify(raw));
    } catch {
      // a read-only tree: no cache there
    }
  }
  return raw;
}

/** Parses and checks a trust_model.yaml; every problem names file:line:col and the entry. */
export async function readModelFile(file: string, root: string, text = readFileSync(file, "utf8")): Promise<RawModel> {
  const rel = relative(root, file) || file;
  const { parseDocument, LineCounter, isMap, isSeq } = await import("yaml");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    throw new WfError("E_TRUST_MODEL", syntax.message.split("\n")[0]!, {
      where: `${rel}:${pos?.line ?? 1}:${pos?.col ?? 1}`,
      hint: "fix the YAML syntax of the trust model",
    });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new WfError(
      "E_TRUST_MODEL",
      `refused: more than 100 alias expansions (an alias bomb) — ${(error as Error).message}`,
      { where: `${rel}:1:1`, hint: "write the values out instead of nesting aliases" },
    );
  }
  // valibot through the schema's module: a bundle tree-shakes its static imports, not a dynamic
  // `import("valibot")` (all of valibot, 85 KB, in every entry that includes this file).
  const { TrustModelFileSchema, safeParse } = await import("./schema.ts");
  const { locate } = await import("../util/yaml-position.ts");
  const { suggestion, didYouMean } = await import("../util/suggest.ts");
  // Unknown keys are warnings (a file written for another version of the workflow keeps working),
  // unless the key is a likely typo of a known one, which would silently lose a setting.
  const warnings: string[] = [];
  const typos: { where: string; message: string }[] = [];
  let result = safeParse(TrustModelFileSchema, data);
  // valibot names one unknown key per object at a time: take each out and look again.
  for (let pass = 0; !result.success && pass < 100; pass++) {
    const unknown = result.issues.filter(isUnknownKey);
    if (!unknown.length) break;
    for (const issue of unknown) {
      const path = (issue.path ?? []).map((p) => p.key as string | number);
      const pos = locate(text, path, true);
      const where = `${rel}:${pos?.line ?? 1}:${pos?.col ?? 1}`;
      const keyPath = formatPath(path);
      const last = String(path.at(-1));
      const near = typoOf(issue, didYouMean);
      if (path.length === 2 && path[0] === "trust_levels") {
        const hint = suggestion(last, LEVELS);
        typos.push({
          where,
          message: `${keyPath}: unknown trust level \`${last}\`; expected one of ${LEVELS.join(", ")}${hint ? ` (${hint})` : ""}`,
        });
      } else if (near)
        typos.push({ where, message: `${keyPath}: unknown key \`${last}\` (did you mean \`${near}\`?)` });
      else warnings.push(`${where}: ${keyPath}: unknown key \`${last}\` ignored`);
      removeAt(data, path);
    }
    result = safeParse(TrustModelFileSchema, data);
  }
  warnings.sort(byPosition);
  if (!result.success || typos.length) {
    const lines = [
      ...typos,
      ...(result.success ? [] : result.issues).map((issue) => {
        const path = (issue.path ?? []).map((p) => p.key as string | number);
        const pos = locate(text, path, false);
        return {
          where: `${rel}:${pos?.line ?? 1}:${pos?.col ?? 1}`,
          message: `${formatPath(path) || "(top level)"}: expected ${issue.expected}, got ${issue.received}`,
        };
      }),
    ];
    const [first, ...rest] = lines.sort((a, b) => byPosition(a.where, b.where));
    throw new WfError("E_TRUST_MODEL", first!.message, {
      where: first!.where,
      details: [...rest.map((l) => `${l.where}: ${l.message}`), ...warnings.map((w) => `warning: ${w}`)],
      hint: "fix the trust model (levels are high, medium, low; each context has a pattern or a task_type)",
    });
  }
  const model = result.output!;
  const levelsNode = doc.get("trust_levels", true);
  const raw: RawModel = {
    version: String(model.version ?? "1.0"),
    base: { kind: "file", path: file },
    levels: {},
    defaultLevel: model.default_level,
    warnings,
  };
  for (const level of LEVELS) {
    const def = model.trust_levels[level];
    if (!def) continue;
    const levelNode = isMap(levelsNode) ? levelsNode.get(level, true) : undefined;
    const contextsNode = isMap(levelNode) ? levelNode.get("contexts", true) : undefined;
    const contexts: RawContext[] = (def.contexts ?? []).map((ctx, i) => {
      const node = isSeq(contextsNode)
        ? (contextsNode.items[i] as { range?: [number, number, number] } | undefined)
        : undefined;
      const line = node?.range ? lineCounter.linePos(node.range[0]).line : 1;
      const exclude =
        ctx.exclude === undefined ? undefined : typeof ctx.exclude === "string" ? [ctx.exclude] : ctx.exclude;
      return { ...ctx, exclude, source: `${rel}:${line} trust_levels.${level}.contexts[${i}]` };
    });
    const esc = def.escalation;
    raw.levels[level] = {
      description: def.description,
      auto_approve: def.auto_approve,
      supervision: def.supervision,
      escalation: esc === undefined ? undefined : typeof esc === "boolean" ? esc : true,
      escalate_to: escalateTo(esc),
      require_human_review: def.require_human_review,
      max_consecutive_changes: def.max_consecutive_changes,
      contexts,
    };
  }
  return raw;
}

/** Orders `file:line:col…` texts by line, then column. */
function byPosition(a: string, b: string): number {
  const pos = (s: string) => (/:(\d+):(\d+)/.exec(s) ?? [, "0", "0"]).slice(1).map(Number) as [number, number];
  const [la, ca] = pos(a);
  const [lb, cb] = pos(b);
  return la - lb || ca - cb;
}

type Issue = { type: string; expected: string | null; path?: { key: unknown }[] };

function isUnknownKey(issue: Issue): boolean {
  return issue.type === "strict_object" && issue.expected === "never";
}

const KNOWN_KEYS: Record<number, string[]> = {
  0: ["$schema", "version", "default_level", "trust_levels"],
  1: ["high", "medium", "low"],
  2: [
    "description",
    "auto_approve",
    "supervision",
    "escalation",
    "require_human_review",
    "max_consecutive_changes",
    "contexts",
  ],
  4: ["pattern", "task_type", "reason", "exclude"],
};

/** The known key an unknown one is a likely typo of (a level name under trust_levels always counts). */
function typoOf(issue: Issue, didYouMean: (w: string, c: Iterable<string>) => string | undefined): string | undefined {
  const path = (issue.path ?? []).map((p) => String(p.key));
  if (path.length === 2 && path[0] === "trust_levels") return didYouMean(path[1]!, LEVELS) ?? "high";
  return didYouMean(path.at(-1) ?? "", KNOWN_KEYS[path.length - 1] ?? []);
}

function removeAt(data: unknown, path: (string | number)[]): void {
  let node = data as Record<string | number, unknown> | undefined;
  for (const key of path.slice(0, -1)) node = node?.[key] as Record<string | number, unknown> | undefined;
  if (node && typeof node === "object") delete node[path.at(-1)!];
}

/** `escalation: security-team` / `{to: security-team, channel: "#sec"}` → a short text; booleans → null. */
function escalateTo(esc: unknown): string | null {
  if (typeof esc === "string") return esc;
  if (!esc || typeof esc !== "object") return null;
  const map = esc as Record<string, unknown>;
  const who = map.to ?? map.contact ?? map.notify ?? map.owner;
  const rest = Object.entries(map)
    .filter(([k]) => !["to", "contact", "notify", "owner"].includes(k))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`);
  return (
    [who === undefined ? undefined : Array.isArray(who) ? who.join(", ") : String(who), ...rest]
      .filter(Boolean)
      .join("; ") || null
  );
}

function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${p}` : p)).join("");
}
