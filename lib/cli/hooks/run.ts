import type { CommandContext, CommandDef } from "../../core/command.ts";
import { formatError, isWfError } from "../../core/errors.ts";
import { parseArgs } from "../parse-args.ts";
import { projectOpener, type Project } from "../../core/project.ts";
import { shellFor } from "../../core/shell.ts";

/**
 * Runs one command as a hook, without the CLI's registry, help or colour: each hook entry
 * (dist/hooks/*.mjs, one self-contained file per hook) imports only its own command, so a hook
 * run compiles one file instead of resolving the CLI's chunks (docs/performance.md, issue 19).
 * `wf-task trust hook claude` etc. stay CLI commands doing the same.
 */
export async function runHook(def: CommandDef<any>, path: string[], argv: string[]): Promise<number> {
  const env = process.env;
  const cwd = process.cwd();
  const write = (stream: NodeJS.WriteStream, text: string) => stream.write(text.endsWith("\n") ? text : `${text}\n`);
  const debug = argv.includes("--debug");
  try {
    const args = parseArgs(
      argv.filter((a) => a !== "--debug" && a !== "--quiet"),
      def.args ?? {},
      ["wf-task", ...path].join(" "),
    );
    let opener: ((dir: string) => Promise<Project>) | undefined;
    const ctx: CommandContext<any> = {
      args,
      cwd,
      env,
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      json: false,
      quiet: argv.includes("--quiet"),
      debug,
      color: false,
      isTTY: Boolean(process.stdout.isTTY),
      path,
      project(dir = cwd) {
        opener ??= projectOpener(env);
        return opener(dir);
      },
      $: shellFor(cwd, env),
      print(text, force = false) {
        if (!ctx.quiet || force) write(process.stdout, text);
      },
      warn(text) {
        write(process.stderr, text);
      },
      emit(_data, human) {
        if (!ctx.quiet) write(process.stdout, typeof human === "function" ? human(_data) : human);
      },
    };
    const code = await def.run!(ctx);
    return typeof code === "number" ? code : 0;
  } catch (error) {
    if (isWfError(error)) {
      write(process.stderr, formatError(error));
      return error.exitCode;
    }
    write(
      process.stderr,
      debug ? String((error as Error)?.stack ?? error) : `wf-task: ${(error as Error)?.message ?? error}`,
    );
    return 1;
  }
}

/** Sets the exit code when the hook is done (never process.exit: stdout must drain). */
export function exitWith(code: Promise<number>): void {
  code.then((c) => {
    process.exitCode = c;
  });
}
