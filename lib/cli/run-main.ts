import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { resolveCommand, type ArgsDef, type CommandDef } from "../core/command.ts";
import { EXIT, WfError, usageError } from "../core/errors.ts";
import { parseArgs } from "./parse-args.ts";
import { commandHelp, rootHelp } from "./help.ts";
import type { CommandEntry } from "./registry.ts";
import { colorEnabled } from "../util/color.ts";
import { VERSION } from "../version.ts";
import { didYouMean } from "../util/suggest.ts";
import type { ConfigLoader } from "../core/project.ts";
import { commandContext, reportError } from "./context.ts";
import { outputStream } from "./stdio.ts";

export interface MainOptions {
  /** Arguments after the program name. */
  argv?: string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  /** Program name shown in help (a standalone script passes its own). */
  bin?: string;
  /** Leading command words that help and errors leave out (a standalone script's fixed prefix). */
  prefixWords?: number;
  /** Look in ./tasks before the built-in commands (`wf-task run`). */
  preferUserTask?: boolean;
  /** Reads the config instead of the default loader (standalone scripts, tests). */
  configLoader?: ConfigLoader;
}

interface Globals {
  cwd?: string;
  json: boolean;
  quiet: boolean;
  debug: boolean;
  color?: boolean;
  help: boolean;
  version: boolean;
}

/** Pulls the global options out of argv, wherever they stand (before `--`). */
export function splitGlobals(argv: readonly string[]): { globals: Globals; rest: string[] } {
  const globals: Globals = { json: false, quiet: false, debug: false, help: false, version: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === "--json") globals.json = true;
    else if (a === "--quiet" || a === "-q") globals.quiet = true;
    else if (a === "--debug") globals.debug = true;
    else if (a === "--no-color") globals.color = false;
    else if (a === "--color") globals.color = true;
    else if (a === "--help" || a === "-h") globals.help = true;
    else if (a === "--version" || a === "-V") globals.version = true;
    else if (a === "--cwd" || a.startsWith("--cwd=")) {
      const value = a === "--cwd" ? argv[++i] : a.slice(6);
      if (!value) throw usageError("option `--cwd` needs a directory", "usage: --cwd <dir>");
      globals.cwd = value;
    } else rest.push(a);
  }
  return { globals, rest };
}

/** The commands a CLI entry knows: the whole registry (main.ts), or one hot command's (lib/cli/entries/). */
export interface Registry {
  commands: CommandEntry[];
  findCommand(name: string): CommandEntry | undefined;
  /** A task of the project's ./tasks by that name (`wf-task run`, unknown commands); none when absent. */
  findUserTask?(
    cwd: string,
    name: string,
    env: Record<string, string | undefined>,
  ): Promise<CommandDef<any> | undefined>;
}

/** Runs the CLI with these commands and resolves to its exit code. Never calls process.exit. */
export async function runMain(options: MainOptions, registry: Registry): Promise<number> {
  const { commands, findCommand } = registry;
  const stdout = options.stdout ?? outputStream(1);
  const stderr = options.stderr ?? outputStream(2);
  const env = options.env ?? process.env;
  const bin = options.bin ?? "wf-task";
  const argv = options.argv ?? process.argv.slice(2);
  const beforeDashes = argv.includes("--") ? argv.slice(0, argv.indexOf("--")) : argv;
  let debug = beforeDashes.includes("--debug");
  let json = beforeDashes.includes("--json");
  try {
    const { globals, rest } = splitGlobals(argv);
    debug = globals.debug;
    json = globals.json;
    const isTTY = Boolean((stdout as { isTTY?: boolean }).isTTY);
    const color = globals.color ?? colorEnabled(env, isTTY);
    const cwd = resolve(options.cwd ?? process.cwd(), globals.cwd ?? ".");
    if (globals.cwd !== undefined && !isDirectory(cwd)) {
      throw usageError(`--cwd ${globals.cwd}: no such directory`, "give an existing folder (paths are relative to it)");
    }
    const write = (stream: Writable, text: string) => stream.write(text.endsWith("\n") ? text : `${text}\n`);

    if (globals.version && rest.length === 0) {
      write(stdout, json ? JSON.stringify({ name: "wf-task", version: VERSION }) : VERSION);
      return EXIT.ok;
    }
    if (rest.length === 0) {
      write(stdout, rootHelp(VERSION, commands, bin));
      return globals.help ? EXIT.ok : EXIT.usage;
    }

    const [first, ...after] = rest;
    let def: CommandDef<any>;
    let words = after;
    const path = [first!];
    const entry = findCommand(first!);
    const userTask = async () => registry.findUserTask?.(cwd, first!, env);
    const preferred = options.preferUserTask ? await userTask() : undefined;
    if (preferred) {
      def = preferred;
    } else if (entry) {
      def = (await entry.load()).default;
    } else {
      const task = await userTask();
      if (!task) {
        const best = didYouMean(
          first!,
          commands.map((c) => c.name),
        );
        throw new WfError("E_UNKNOWN_COMMAND", `unknown command \`${first}\``, {
          hint: best
            ? `did you mean \`${bin} ${best}\`?`
            : `run \`${bin} --help\` for the commands, \`${bin} tasks\` for tasks`,
        });
      }
      def = task;
    }

    // Walk down subcommands.
    while (def.subCommands && words.length && !words[0]!.startsWith("-")) {
      const word = def.aliases?.[words[0]!] ?? words[0]!;
      const sub = def.subCommands[word];
      if (!sub) {
        if (def.run && def.args && Object.values(def.args as ArgsDef).some((a) => a.type === "positional")) break;
        const names = Object.keys(def.subCommands);
        const best = didYouMean(word, names);
        throw new WfError("E_UNKNOWN_COMMAND", `unknown command \`${[bin, ...path, word].join(" ")}\``, {
          hint: best ? `did you mean \`${[bin, ...path, best].join(" ")}\`?` : `one of: ${names.join(", ")}`,
        });
      }
      def = await resolveCommand(sub);
      path.push(word);
      words = words.slice(1);
    }

    // `wf-task run <task> --help` is the task's help, not run's.
    if (def.rawArgs && globals.help && words.length) {
      words = [...words, "--help"];
      globals.help = false;
    }
    if (globals.help || (!def.run && def.subCommands)) {
      const subs: [string, string][] = [];
      for (const [name, sub] of Object.entries(def.subCommands ?? {})) {
        subs.push([name, typeof sub === "function" ? "" : sub.meta.description]);
      }
      write(stdout, commandHelp(path.slice(options.prefixWords ?? 0), def, subs, bin));
      return globals.help ? EXIT.ok : EXIT.usage;
    }

    const args = def.rawArgs
      ? { _: words }
      : parseArgs(words, def.args ?? {}, [bin, ...path.slice(options.prefixWords ?? 0)].join(" "));
    const ctx = commandContext({
      args,
      cwd,
      env,
      // process.stdin is made on first read: a command that never reads it (the gate) does not pay for the stream.
      get stdin() {
        return options.stdin ?? process.stdin;
      },
      stdout,
      stderr,
      json: globals.json,
      quiet: globals.quiet,
      debug: globals.debug,
      color,
      isTTY,
      path,
      configLoader: options.configLoader,
    });
    const code = await def.run!(ctx);
    return typeof code === "number" ? code : EXIT.ok;
  } catch (error) {
    return reportError(error, { stdout, stderr, debug, json });
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
