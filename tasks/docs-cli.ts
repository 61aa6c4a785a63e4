import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineTask } from "../lib/index.ts";
import { resolveCommand, type ArgDef, type ArgsDef, type CommandDef } from "../lib/core/command.ts";
import { kebab, usageLine } from "../lib/cli/parse-args.ts";
import { commands, scriptMap } from "../lib/cli/registry.ts";

/** The placeholder of an option's value: its hint, its choices, or its type. */
function valueHint(d: ArgDef): string {
  return d.valueHint ?? (d.choices ? d.choices.join("|") : d.type === "number" ? "n" : "value");
}

function options(args: ArgsDef = {}): string[] {
  return Object.entries(args).map(([key, d]) => {
    const name =
      d.type === "positional"
        ? `\`<${key}${d.multiple ? "..." : ""}>\``
        : `\`--${kebab(key)}${d.type === "boolean" ? "" : ` <${valueHint(d)}>`}\`${d.alias ? ` (\`-${d.alias}\`)` : ""}`;
    const fallback = d.default !== undefined && d.type !== "boolean" ? ` Default: \`${d.default}\`.` : "";
    const text = /\.$/.test(d.description) ? d.description : `${d.description}.`;
    return `- ${name}: ${text}${fallback}`;
  });
}

async function section(path: string[], def: CommandDef<any>, depth: number, out: string[]): Promise<void> {
  const name = `wf-task ${path.join(" ")}`;
  out.push(
    `${"#".repeat(depth)} \`${name}\``,
    "",
    def.meta.description.endsWith(".") ? def.meta.description : `${def.meta.description}.`,
    "",
  );
  if (def.run) {
    out.push("```", `${name} ${usageLine(def.args)}`.trimEnd(), "```", "");
    const opts = options(def.args);
    if (opts.length) out.push(...opts, "");
    if (def.meta.details) out.push(...def.meta.details.split("\n").map((l) => (l.trim() ? `> ${l}` : ">")), "");
    if (def.meta.examples?.length) out.push("Examples:", "", "```sh", ...def.meta.examples, "```", "");
  }
  for (const [sub, entry] of Object.entries(def.subCommands ?? {}))
    await section([...path, sub], await resolveCommand(entry), depth + 1, out);
}

/** The CLI reference, generated from the commands' own definitions (the same text as `--help`). */
export async function cliReference(): Promise<string> {
  const out = [
    "# CLI reference",
    "",
    "Generated from the commands' definitions by `wf-task docs-cli` — the same text `--help` prints. Every",
    "command also takes the global options `--cwd <dir>`, `--json`, `--quiet`, `--debug`, `--no-color`,",
    "`--help`, and exits 0 when all is well, 1 when a check said no, 2 on bad usage or input, 3 when a",
    "prerequisite is missing. Errors are one line (`error E_CODE: where: what`) plus a hint; with `--json`",
    'they are also printed on stdout as `{"error": {code, message, hint, where}}`.',
    "",
    "| group | command | standalone script |",
    "|---|---|---|",
  ];
  const scripts = scriptMap();
  for (const c of commands) {
    const s = scripts
      .filter((x) => x.command === c.name)
      .map((x) => `\`${x.path}.mjs\``)
      .join(", ");
    out.push(`| ${c.group} | [\`${c.name}\`](#wf-task-${c.name}) — ${c.summary} | ${s || "—"} |`);
  }
  out.push("");
  for (const c of commands) await section([c.name], (await c.load()).default, 2, out);
  return `${out.join("\n").trimEnd()}\n`;
}

export default defineTask({
  name: "docs-cli",
  description: "Regenerate docs/cli.md from the commands' definitions",
  async run(ctx) {
    writeFileSync(join(ctx.cwd, "docs/cli.md"), await cliReference());
    ctx.print("wrote docs/cli.md");
  },
});
