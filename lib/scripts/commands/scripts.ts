import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { defineCommand } from "../../core/command.ts";
import { scriptMap } from "../../cli/registry.ts";
import { checkInstalledScripts } from "../manifest.ts";

const install = defineCommand({
  meta: {
    name: "install",
    description: "Write the standalone scripts (and trust model, schemas, templates) into .ai/workflow/",
    details: [
      "Each script is a thin .mjs entry beside a shared bundled runtime (_runtime/): it runs with",
      "`node script.mjs` or `deno run -A script.mjs`, with no node_modules. A manifest of checksums",
      "(.wf-manifest.json) lets a re-install refuse to overwrite a file a person edited (exit 1).",
      "JSON: {dir, written[], unchanged[], removed[], overwritten[]}",
    ].join("\n"),
    examples: ["wf-task scripts install", "wf-task scripts install --out tools/workflow --force"],
  },
  args: {
    out: {
      type: "string",
      description: "Install folder, relative to the project root",
      default: ".ai/workflow",
      valueHint: "dir",
    },
    force: { type: "boolean", alias: "f", description: "Overwrite files changed since install" },
  },
  async run(ctx) {
    const { installScripts } = await import("../install.ts");
    const loaded = await ctx.project();
    const result = await installScripts(loaded, { scripts: scriptMap(), dir: ctx.args.out, force: ctx.args.force });
    const rel = relative(ctx.cwd, result.dir) || ".";
    ctx.emit(result, () => {
      const lines = [
        `installed ${scriptMap().length} scripts into ${rel}/ (${result.written.length} written, ` +
          `${result.unchanged.length} unchanged${result.removed.length ? `, ${result.removed.length} removed` : ""})`,
      ];
      if (result.overwritten.length) lines.push(`overwrote edited files (--force): ${result.overwritten.join(", ")}`);
      lines.push(`try: node ${rel}/harness/coder.mjs --help`);
      return lines.join("\n");
    });
  },
});

const list = defineCommand({
  meta: {
    name: "list",
    description: "The one-for-one map: plan's bash file → CLI command → script, and what is installed",
    details:
      "JSON: {dir, installed, version, stale, scripts:[{plan (null: no bash original), command, script, status: installed|edited|missing|not-installed}]}",
  },
  args: { out: { type: "string", description: "Install folder", default: ".ai/workflow", valueHint: "dir" } },
  async run(ctx) {
    const loaded = await ctx.project();
    const dir = resolve(loaded.root, ctx.args.out);
    const check = await checkInstalledScripts(loaded.root, dir);
    const scripts = scriptMap().map((s) => {
      const script = `${s.path}.mjs`;
      const status = check.edited.includes(script)
        ? "edited"
        : check.missing.includes(script)
          ? "missing"
          : existsSync(join(dir, script))
            ? "installed"
            : "not-installed";
      return { plan: s.plan, command: `wf-task ${s.argv.join(" ")}`, script, status };
    });
    ctx.emit({ dir, installed: check.installed, version: check.version ?? null, stale: check.stale, scripts }, () => {
      const w = Math.max(...scripts.map((s) => (s.plan ?? "—").length));
      const c = Math.max(...scripts.map((s) => s.command.length));
      const p = Math.max(...scripts.map((s) => s.script.length));
      const lines = scripts.map(
        (s) => `${(s.plan ?? "—").padEnd(w)}  ${s.command.padEnd(c)}  ${s.script.padEnd(p)}  ${s.status}`,
      );
      const head = check.installed
        ? `installed in ${relative(ctx.cwd, dir) || "."} by wf-task ${check.version}${check.stale ? " (stale: run `wf-task scripts install`)" : ""}`
        : "not installed: run `wf-task scripts install`";
      return [head, "", ...lines].join("\n");
    });
  },
});

export default defineCommand({
  meta: { name: "scripts", description: "Install the standalone scripts into .ai/workflow/ and list them" },
  subCommands: { install, list },
});
