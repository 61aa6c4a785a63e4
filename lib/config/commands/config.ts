import { relative } from "node:path";
import { defineCommand } from "../../core/command.ts";
import { ConfigSchema } from "../schema.ts";
import { emitJsonSchema } from "../../util/json-schema.ts";
import { atomicWrite } from "../../util/atomic-write.ts";

const show = defineCommand({
  meta: {
    name: "show",
    description: "Print the resolved config (defaults filled in) and where it came from",
    details: "JSON: {root, sources:[{kind, path}], config}",
  },
  async run(ctx) {
    const loaded = await ctx.project();
    const sources = loaded.sources.map((s) => ({
      kind: s.kind,
      path: s.kind === "env" ? s.path : relative(loaded.root, s.path),
    }));
    if (ctx.json) ctx.emit({ root: loaded.root, sources, config: loaded.config }, "");
    else if (!ctx.quiet) {
      const { stringify } = await import("yaml");
      ctx.print(`# root: ${loaded.root}`);
      ctx.print(
        `# sources: ${sources.length ? sources.map((s) => `${s.path} (${s.kind})`).join(", ") : "none (defaults)"}`,
      );
      ctx.print(stringify(loaded.config).trimEnd());
    }
  },
});

const validate = defineCommand({
  meta: {
    name: "validate",
    description: "Check the config: exit 0 when valid, 2 with one line per problem",
    details: "JSON: {valid, root, sources:[{kind, path}], warnings:[...]}",
  },
  async run(ctx) {
    const loaded = await ctx.project();
    for (const w of loaded.warnings) ctx.warn(`warning: ${w}`);
    const sources = loaded.sources.map((s) => ({
      kind: s.kind,
      path: s.kind === "env" ? s.path : relative(loaded.root, s.path),
    }));
    ctx.emit({ valid: true, root: loaded.root, sources, warnings: loaded.warnings }, () =>
      sources.length
        ? `config valid: ${sources.map((s) => s.path).join(", ")}`
        : "config valid: no config file, defaults in effect",
    );
  },
});

const schema = defineCommand({
  meta: { name: "schema", description: "Print (or write) the config's JSON Schema, draft 2020-12, for editors" },
  args: { out: { type: "string", description: "Write to this file instead of stdout", valueHint: "file" } },
  async run(ctx) {
    const json = await emitJsonSchema(ConfigSchema, { title: "wf-task config" });
    const text = `${JSON.stringify(json, null, 2)}\n`;
    if (ctx.args.out) {
      const { resolve } = await import("node:path");
      await atomicWrite(resolve(ctx.cwd, ctx.args.out), text);
      ctx.print(`wrote ${ctx.args.out}`);
    } else ctx.stdout.write(text);
  },
});

export default defineCommand({
  meta: { name: "config", description: "Show, validate and migrate the config; emit its JSON Schema" },
  subCommands: {
    show,
    validate,
    schema,
    migrate: () => import("../migrate.ts"),
  },
});
