import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineTask } from "../lib/index.ts";
import { ConfigSchema } from "../lib/config/schema.ts";

interface Row {
  key: string;
  type: string;
  fallback: string;
  description: string;
}

function unwrap(schema: any): { inner: any; fallback?: unknown; description?: string } {
  let fallback: unknown;
  let description: string | undefined;
  let s = schema;
  for (;;) {
    if (s.type === "optional") {
      fallback = typeof s.default === "function" ? s.default() : s.default;
      s = s.wrapped;
    } else if (s.pipe && s.pipe[0] !== s) {
      description = s.pipe.find((p: any) => p.type === "description")?.description ?? description;
      s = s.pipe[0];
    } else return { inner: s, fallback, description };
  }
}

function typeName(s: any): string {
  switch (s.type) {
    case "picklist":
      return s.options.map((o: string) => `"${o}"`).join(" \\| ");
    case "array":
      return `${typeName(unwrap(s.item).inner)}[]`;
    case "strict_object":
    case "object":
    case "loose_object":
      return "object";
    case "record":
      return "record";
    default:
      return s.type;
  }
}

function walk(schema: any, prefix: string, rows: Row[]): void {
  for (const [key, entry] of Object.entries<any>(schema.entries)) {
    if (key.startsWith("$") || key === "version") continue;
    const { inner, fallback, description } = unwrap(entry);
    const path = prefix ? `${prefix}.${key}` : key;
    const isSection =
      (inner.type === "strict_object" || inner.type === "object") &&
      fallback !== undefined &&
      Object.keys(fallback as object).length === 0 &&
      Object.values<any>(inner.entries).every((e) => e.type === "optional");
    if (isSection && !["levels"].includes(key)) {
      rows.push({ key: `**${path}**`, type: "", fallback: "", description: description ?? "" });
      walk(inner, path, rows);
      continue;
    }
    rows.push({
      key: `\`${path}\``,
      type: typeName(inner),
      fallback: fallback === undefined ? "—" : `\`${JSON.stringify(fallback)}\``,
      description: description ?? "",
    });
  }
}

/** The config reference, generated from the valibot schema (the one source of truth). */
export function configReference(): string {
  const rows: Row[] = [];
  walk(unwrap(ConfigSchema).inner, "", rows);
  return [
    "# Config reference",
    "",
    "Generated from the config schema by `wf-task docs-config` — do not edit by hand.",
    "Every key is optional; the default applies when it is absent. Keys are camelCase in",
    "`workflow.config.ts`, `.workflowrc*` and `package.json#workflow`, snake_case in the legacy",
    "`.ai/project/config.yaml`. `wf-task config schema` emits the same rules as JSON Schema.",
    "",
    "| key | type | default | description |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.key} | ${r.type} | ${r.fallback.replace(/\|/g, "\\|")} | ${r.description} |`),
    "",
  ].join("\n");
}

export default defineTask({
  name: "docs-config",
  description: "Regenerate docs/config.md from the config schema",
  run(ctx) {
    writeFileSync(join(ctx.cwd, "docs/config.md"), configReference());
    ctx.print("wrote docs/config.md");
  },
});
