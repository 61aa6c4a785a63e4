// Loads the trust model in effect: trust_model.yaml (or the built-in default), then the config.
import { existsSync, readFileSync } from "node:fs";
import { basename, relative, resolve } from "node:path";
import type { LoadedConfig } from "../config/types.ts";
import { WfError } from "../runner/errors.ts";
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
  const base = existsSync(file) && !loaded.config.trust.replaceDefaults ? await readModelFile(file, loaded.root) : builtInModel();
  return buildModel(base, loaded.config.trust, { root: loaded.root, configName: configName(loaded) });
}

function configName(loaded: TrustConfigInput): string {
  const source = [...(loaded.sources ?? [])].reverse().find((s) => s.kind !== "env" && s.kind !== "legacy") ?? loaded.sources?.find((s) => s.kind === "legacy");
  if (!source) return "config";
  const rel = relative(loaded.root, source.path) || basename(source.path);
  return source.kind === "package.json" ? `${rel}#workflow` : rel;
}

/** Parses and checks a trust_model.yaml; every problem names file:line:col and the entry. */
export async function readModelFile(file: string, root: string): Promise<RawModel> {
  const rel = relative(root, file) || file;
  const text = readFileSync(file, "utf8");
  const { parseDocument, LineCounter, isMap, isSeq } = await import("yaml");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    throw new WfError("E_TRUST_MODEL", syntax.message.split("\n")[0]!, { where: `${rel}:${pos?.line ?? 1}:${pos?.col ?? 1}`, hint: "fix the YAML syntax of the trust model" });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new WfError("E_TRUST_MODEL", `refused: more than 100 alias expansions (an alias bomb) — ${(error as Error).message}`, { where: `${rel}:1:1`, hint: "write the values out instead of nesting aliases" });
  }
  const v = await import("valibot");
  const { TrustModelFileSchema } = await import("./schema.ts");
  const result = v.safeParse(TrustModelFileSchema, data);
  if (!result.success) {
    const { locate } = await import("../util/yaml-position.ts");
    const { suggestion } = await import("../util/suggest.ts");
    const lines = result.issues.map((issue) => {
      const path = (issue.path ?? []).map((p) => p.key as string | number);
      const unknown = issue.type === "strict_object" && issue.expected === "never";
      const pos = locate(text, path, unknown);
      const where = `${rel}:${pos?.line ?? 1}:${pos?.col ?? 1}`;
      const keyPath = formatPath(path) || "(top level)";
      const last = String(path.at(-1) ?? "");
      let message = `${keyPath}: expected ${issue.expected}, got ${issue.received}`;
      if (unknown && path.length === 2 && path[0] === "trust_levels") {
        const hint = suggestion(last, LEVELS);
        message = `${keyPath}: unknown trust level \`${last}\`; expected one of ${LEVELS.join(", ")}${hint ? ` (${hint})` : ""}`;
      } else if (unknown) {
        message = `${keyPath}: unknown key \`${last}\``;
      }
      return { where, message };
    });
    const [first, ...rest] = lines;
    throw new WfError("E_TRUST_MODEL", first!.message, {
      where: first!.where,
      details: rest.map((l) => `${l.where}: ${l.message}`),
      hint: "fix the trust model (levels are high, medium, low; each context has a pattern or a task_type)",
    });
  }
  const model = result.output;
  const levelsNode = doc.get("trust_levels", true);
  const raw: RawModel = { version: String(model.version ?? "1.0"), base: { kind: "file", path: file }, levels: {} };
  for (const level of LEVELS) {
    const def = model.trust_levels[level];
    if (!def) continue;
    const levelNode = isMap(levelsNode) ? levelsNode.get(level, true) : undefined;
    const contextsNode = isMap(levelNode) ? levelNode.get("contexts", true) : undefined;
    const contexts: RawContext[] = (def.contexts ?? []).map((ctx, i) => {
      const node = isSeq(contextsNode) ? (contextsNode.items[i] as { range?: [number, number, number] } | undefined) : undefined;
      const line = node?.range ? lineCounter.linePos(node.range[0]).line : 1;
      return { ...ctx, source: `${rel}:${line} trust_levels.${level}.contexts[${i}]` };
    });
    raw.levels[level] = { description: def.description, auto_approve: def.auto_approve, supervision: def.supervision, escalation: def.escalation, contexts };
  }
  return raw;
}

function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${p}` : p)).join("");
}
