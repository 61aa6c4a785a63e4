import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { defineCommand } from "../core/command.ts";
import { WfError } from "../core/errors.ts";
import { atomicWrite } from "../util/atomic-write.ts";
import { withLock } from "../util/lock.ts";
import { defaultConfig } from "./defaults.ts";
import { camelToSnake, legacyPath, mapLegacy } from "./legacy.ts";
import { LEGACY_CONFIG } from "./load.ts";
import { validateConfig } from "./validate.ts";

/** The sections config.yaml 2.1 adds to 2.0. */
export const SECTIONS_2_1 = ["harness", "parallel", "enforcement", "compound", "integrations"] as const;
/** Maps whose keys are data, kept as they are when converting to snake_case. */
const DATA_KEYS = new Set(["env"]);

function snakeKeys(value: unknown, parent = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => snakeKeys(v));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [DATA_KEYS.has(parent) ? k : camelToSnake(k), snakeKeys(v, k)]),
  );
}

/** What a migration to 2.1 produced. */
export interface MigrateResult {
  from: string;
  to: "2.1";
  /** The new text of config.yaml (existing lines unchanged but the version line). */
  text: string;
  added: string[];
  changed: boolean;
}

/**
 * Upgrades config.yaml 2.0 text to 2.1: replaces only the version value (quotes kept) and
 * appends the missing 2.1 sections with their defaults. Every other byte stays as it was.
 */
export async function migrateLegacyText(text: string, file = LEGACY_CONFIG): Promise<MigrateResult> {
  const { parseDocument, isMap, isPair, isScalar, stringify } = await import("yaml");
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors[0]) {
    const pos = doc.errors[0].linePos?.[0];
    throw new WfError("E_CONFIG_SYNTAX", doc.errors[0].message.split("\n")[0]!, {
      where: `${file}:${pos?.line ?? 1}:${pos?.col ?? 1}`,
      hint: "fix the YAML first",
    });
  }
  const root = doc.contents;
  if (root !== null && !isMap(root))
    throw new WfError("E_CONFIG", "expected a mapping at the top level", { where: `${file}:1:1` });
  const pairs = root && isMap(root) ? root.items.filter(isPair) : [];
  const keys = pairs.map((p) => (isScalar(p.key) ? String(p.key.value) : ""));
  const versionPair = pairs.find((p) => isScalar(p.key) && p.key.value === "version");
  const from = versionPair && isScalar(versionPair.value) ? String(versionPair.value.value) : "2.0";
  if (from === "2.1") return { from, to: "2.1", text, added: [], changed: false };
  if (!/^2(\.0)?$/.test(from)) {
    throw new WfError("E_CONFIG_VERSION", `expected version 2.0 to migrate, got ${JSON.stringify(from)}`, {
      where: file,
      hint: "only 2.0 → 2.1 is known",
    });
  }
  let out = text;
  if (versionPair && isScalar(versionPair.value) && versionPair.value.range) {
    const [start, end] = versionPair.value.range;
    const raw = text.slice(start, end);
    const quote = /^["']/.test(raw) ? raw[0] : "";
    out = `${text.slice(0, start)}${quote}2.1${quote}${text.slice(end)}`;
  } else {
    out = `version: "2.1"\n${text}`;
  }
  const defaults = defaultConfig() as Record<string, unknown>;
  const added = SECTIONS_2_1.filter((s) => !keys.includes(s));
  if (added.length) {
    const body = stringify(Object.fromEntries(added.map((s) => [s, snakeKeys(defaults[s], s)])), { lineWidth: 0 });
    const sep = out.length === 0 || out.endsWith("\n") ? "" : "\n";
    out += `${sep}\n# Added by \`wf-task config migrate\` (2.0 → 2.1): the new sections, with their defaults.\n${body}`;
  }
  return { from, to: "2.1", text: out, added, changed: out !== text };
}

/** A `workflow.config.ts` equivalent to a legacy config.yaml (keys wf-task does not use are listed in a comment). */
export async function legacyToTs(text: string, file = LEGACY_CONFIG): Promise<{ text: string; dropped: string[] }> {
  const { parse } = await import("yaml");
  const mapped = mapLegacy((parse(text) ?? {}) as Record<string, unknown>);
  const data = structuredClone(mapped.config) as Record<string, any>;
  const dropped = Object.keys(mapped.extra);
  const check = validateConfig(data);
  if (!check.ok) {
    for (const p of check.problems) {
      if (!p.unknownKey)
        throw new WfError("E_CONFIG", `${p.path.join(".")}: ${p.message}`, {
          where: file,
          hint: "fix config.yaml first (wf-task config validate)",
        });
      dropped.push(legacyPath(p.path).map(String).join("."));
      const parent = p.path.slice(0, -1).reduce<any>((o, k) => o?.[k], data);
      delete parent[p.path.at(-1)!];
    }
  }
  const lines = [
    `// wf-task config, converted from ${file} (version ${mapped.version ?? "2.0"}) by \`wf-task config migrate --to ts\`.`,
    ...(dropped.length
      ? [`// Not carried over (wf-task does not use them; they stay in ${file}): ${dropped.join(", ")}`]
      : []),
    `import type { UserConfig } from "wf-task";`,
    "",
    `export default ${JSON.stringify(data, null, 2)} satisfies UserConfig;`,
    "",
  ];
  return { text: lines.join("\n"), dropped };
}

export default defineCommand({
  meta: {
    name: "migrate",
    description:
      "Upgrade .ai/project/config.yaml 2.0 to 2.1 in place, or write an equivalent workflow.config.ts (--to ts)",
    details: [
      "2.1: only the version line changes; the new sections (harness, parallel, enforcement, compound, integrations)",
      "are appended with their defaults when missing. Every other line stays byte-identical, comments included.",
      "--to ts writes workflow.config.ts (refuses to overwrite without --force); config.yaml is left as it is.",
      'JSON: {file, from, to: "2.1"|"ts", added:[sections], changed, dropped?:[keys]}',
    ].join("\n"),
    examples: ["wf-task config migrate --dry-run", "wf-task config migrate", "wf-task config migrate --to ts"],
  },
  args: {
    to: { type: "string", description: "Target: 2.1 (default) or ts", choices: ["2.1", "ts"], default: "2.1" },
    dryRun: { type: "boolean", description: "Print the result instead of writing it" },
    force: { type: "boolean", description: "With --to ts: overwrite an existing workflow.config.ts" },
  },
  async run(ctx) {
    const { findRoot } = await import("./root.ts");
    const root = findRoot(ctx.cwd);
    const file = join(root, LEGACY_CONFIG);
    if (!existsSync(file))
      throw new WfError("E_USAGE_NO_LEGACY", `no ${LEGACY_CONFIG} to migrate`, {
        hint: "migrate works on the legacy config.yaml; new projects write workflow.config.ts",
      });
    const text = readFileSync(file, "utf8");
    if (ctx.args.to === "ts") {
      const target = join(root, "workflow.config.ts");
      const r = await legacyToTs(text);
      if (ctx.args.dryRun) return void ctx.stdout.write(r.text);
      if (existsSync(target) && !ctx.args.force)
        throw new WfError("E_CONFIG_EXISTS", "workflow.config.ts exists", { hint: "pass --force to overwrite it" });
      await atomicWrite(target, r.text);
      ctx.emit(
        { file: relative(root, target), from: LEGACY_CONFIG, to: "ts", added: [], changed: true, dropped: r.dropped },
        `wrote workflow.config.ts${r.dropped.length ? ` (not carried over: ${r.dropped.join(", ")})` : ""}`,
      );
      return;
    }
    const r = await withLock(file, async () => {
      const result = await migrateLegacyText(readFileSync(file, "utf8"));
      if (result.changed && !ctx.args.dryRun) await atomicWrite(file, result.text);
      return result;
    });
    if (ctx.args.dryRun) return void ctx.stdout.write(r.text);
    ctx.emit(
      { file: LEGACY_CONFIG, from: r.from, to: r.to, added: r.added, changed: r.changed },
      r.changed
        ? `migrated ${LEGACY_CONFIG} ${r.from} → 2.1${r.added.length ? `; added ${r.added.join(", ")}` : ""}`
        : `${LEGACY_CONFIG} is already 2.1`,
    );
  },
});
