import type { ArgsDef, CommandDef } from "../core/command.ts";
import { kebab, usageLine } from "./parse-args.ts";
import type { CommandEntry } from "./registry.ts";

const GLOBAL_OPTIONS: [string, string][] = [
  ["--cwd <dir>", "Run as if started in <dir> (every path is relative to it)"],
  ["--json", "Print one JSON document (stable, documented shapes)"],
  ["-q, --quiet", "Print only what was asked for, and errors"],
  ["--debug", "Print stack traces and debug detail"],
  ["--no-color", "No ANSI colour (NO_COLOR is honoured too)"],
  ["-h, --help", "Show help"],
  ["-V, --version", "Show the version"],
];

function table(rows: [string, string][], indent = "  "): string {
  const width = Math.min(34, Math.max(...rows.map(([a]) => a.length)));
  return rows.map(([a, b]) => `${indent}${a.padEnd(width)}  ${b}`.trimEnd()).join("\n");
}

/** `wf-task --help`: commands grouped by layer. */
export function rootHelp(version: string, entries: CommandEntry[], bin = "wf-task"): string {
  const groups = new Map<string, CommandEntry[]>();
  for (const entry of entries) groups.set(entry.group, [...(groups.get(entry.group) ?? []), entry]);
  const parts = [
    `${bin} ${version} — workflow toolkit for teams building software with AI coding agents`,
    "",
    `Usage: ${bin} <command> [options]`,
    `       ${bin} <task> [args]        (a task from ./tasks/*.ts, see \`${bin} tasks\`)`,
  ];
  for (const [group, list] of groups) {
    parts.push("", `${group}:`, table(list.map((e) => [e.name, e.summary])));
  }
  parts.push("", "Global options:", table(GLOBAL_OPTIONS));
  parts.push("", "Exit codes: 0 ok · 1 a check said no · 2 bad usage or input · 3 missing prerequisite");
  parts.push(`Run \`${bin} <command> --help\` for a command's options.`);
  return parts.join("\n");
}

function optionRows(args: ArgsDef = {}): [string, string][] {
  return Object.entries(args)
    .filter(([, d]) => d.type !== "positional")
    .map(([key, d]) => {
      const alias = d.alias ? `-${d.alias}, ` : "";
      const value =
        d.type === "boolean"
          ? ""
          : ` <${d.valueHint ?? (d.choices ? d.choices.join("|") : d.type === "number" ? "n" : "value")}>`;
      const extra = d.default !== undefined && d.type !== "boolean" ? ` (default: ${d.default})` : "";
      return [`${alias}--${kebab(key)}${value}`, `${d.description}${extra}`];
    });
}

/** `wf-task <command> [sub] --help`. */
export function commandHelp(
  pathWords: string[],
  def: CommandDef<any>,
  subs: [string, string][],
  bin = "wf-task",
): string {
  const name = [bin, ...pathWords].join(" ");
  const parts = [`${name} — ${def.meta.description}`, ""];
  if (subs.length) {
    parts.push(`Usage: ${name} <command> [options]`, "", "Commands:", table(subs));
    if (def.run) parts.push("", `Without a command: ${usageLine(def.args) || "runs the default action"}`);
  } else {
    parts.push(`Usage: ${name} ${usageLine(def.args)}`.trimEnd());
  }
  const positionals = Object.entries((def.args ?? {}) as ArgsDef).filter(([, d]) => d.type === "positional");
  if (positionals.length) {
    parts.push(
      "",
      "Arguments:",
      table(positionals.map(([k, d]) => [`<${k}>`, `${d.description}${d.choices ? ` (${d.choices.join("|")})` : ""}`])),
    );
  }
  const options = optionRows(def.args);
  if (options.length) parts.push("", "Options:", table(options));
  if (def.meta.details) parts.push("", def.meta.details);
  if (def.meta.examples?.length) parts.push("", "Examples:", ...def.meta.examples.map((e) => `  ${e}`));
  parts.push("", "Global options: --cwd <dir>, --json, --quiet, --debug, --no-color, --help");
  return parts.join("\n");
}
