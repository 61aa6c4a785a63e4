import type { Readable, Writable } from "node:stream";
import type { Project } from "./project.ts";
import type { Shell } from "./shell.ts";

/** One flag or positional of a command. */
export interface ArgDef {
  /** `string`, `number` and `boolean` are flags (`--name`); `positional` takes the next bare word. */
  type: "string" | "number" | "boolean" | "positional";
  description: string;
  /** One-letter alias, e.g. `f` for `--force`. */
  alias?: string;
  default?: string | number | boolean;
  required?: boolean;
  /** Flags: may repeat and collect into an array. Positionals: takes all remaining words. */
  multiple?: boolean;
  /** Shown in help: `--out <dir>`. */
  valueHint?: string;
  /** Allowed values (checked, and listed in help and errors). */
  choices?: readonly string[];
}

export type ArgsDef = Record<string, ArgDef>;

type ArgValue<D extends ArgDef> = D["type"] extends "boolean"
  ? boolean
  : D["type"] extends "number"
    ? D["multiple"] extends true
      ? number[]
      : number | undefined
    : D["multiple"] extends true
      ? string[]
      : D["required"] extends true
        ? string
        : D["default"] extends string
          ? string
          : string | undefined;

/** The parsed arguments of a command, typed from its definition. */
export type ParsedArgs<A extends ArgsDef> = { [K in keyof A]: ArgValue<A[K]> } & {
  /** Words after `--`, untouched. */
  _: string[];
};

/** What every command receives. Nothing here touches process globals. */
export interface CommandContext<A extends ArgsDef = ArgsDef> {
  args: ParsedArgs<A>;
  /** The root every path is relative to (`--cwd`, default the process cwd). */
  cwd: string;
  env: Record<string, string | undefined>;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** `--json` was given: print one JSON document (or JSON lines where documented). */
  json: boolean;
  quiet: boolean;
  /** `--debug`: stacks on errors. */
  debug: boolean;
  /** Colour allowed (TTY, no NO_COLOR, no --no-color). */
  color: boolean;
  /** stdout is a terminal. */
  isTTY: boolean;
  /** The command path that is running, e.g. ["progress", "update"]. */
  path: string[];
  /**
   * The project the command works on (opened once): root, resolved config, state paths, which checkout.
   * `project(dir)`: another folder's project, read with the same loader. Commands that never need one never pay for it.
   */
  project(dir?: string): Promise<Project>;
  /** zx's `$` in `cwd` with `env`, quiet, loaded on first use; `$.nothrow` returns a failed exit instead of throwing. */
  $: Shell;
  /** Prints a line to stdout (nothing under --quiet unless `force`). */
  print(text: string, force?: boolean): void;
  /** Prints a line to stderr (warnings; shown even under --quiet). */
  warn(text: string): void;
  /** Prints `data` as JSON under --json, else the human text (a string or a function of data). */
  emit<T>(data: T, human: string | ((data: T) => string)): void;
}

/** A command's `run` returns its exit code (default 0). */
export type RunResult = number | void;

export interface CommandMeta {
  name: string;
  description: string;
  /** Extra lines for `--help`, shown after the options. */
  examples?: string[];
  /** Longer text for `--help`. */
  details?: string;
}

/** A command, or a group of subcommands, or both (a default run). */
export interface CommandDef<A extends ArgsDef = ArgsDef> {
  meta: CommandMeta;
  args?: A;
  subCommands?: Record<string, CommandDef<any> | (() => Promise<CommandDef<any> | { default: CommandDef<any> }>)>;
  /** Skip parsing: every word after the command lands in `ctx.args._` (for `run`). */
  rawArgs?: boolean;
  /** Words that stand for a subcommand: `{ ls: "list" }`. */
  aliases?: Record<string, string>;
  run?: (ctx: CommandContext<A>) => Promise<RunResult> | RunResult;
}

/** Defines a command; the identity function, typed so `ctx.args` follows `args`. */
export function defineCommand<const A extends ArgsDef = {}>(def: CommandDef<A>): CommandDef<A> {
  return def;
}

/** A task, the API of recipes and of a user's `tasks/*.ts`. */
export interface TaskDef<A extends ArgsDef = ArgsDef> {
  name: string;
  description: string;
  args?: A;
  run: (ctx: CommandContext<A>) => Promise<RunResult> | RunResult;
}

const taskBrand = Symbol.for("wf-task.task");

/** Defines a task: a command with a flat shape, runnable with `wf-task run <name>`. */
export function defineTask<const A extends ArgsDef = {}>(def: TaskDef<A>): CommandDef<A> & { [taskBrand]: true } {
  return {
    meta: { name: def.name, description: def.description },
    args: def.args,
    run: def.run,
    [taskBrand]: true,
  };
}

/** Resolves a subcommand entry, loading it when it is lazy. */
export async function resolveCommand(
  entry: CommandDef<any> | (() => Promise<CommandDef<any> | { default: CommandDef<any> }>),
): Promise<CommandDef<any>> {
  if (typeof entry !== "function") return entry;
  const loaded = await entry();
  return "meta" in loaded ? loaded : loaded.default;
}
