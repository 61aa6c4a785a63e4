import type { CommandDef } from "../../core/command.ts";
import { commandContext, reportError } from "../context.ts";
import { parseArgs } from "../parse-args.ts";

/**
 * Runs one command as a hook, without the CLI's registry, help or colour: each hook entry
 * (dist/hooks/*.cjs, one file per hook) imports only its own command, so a hook
 * run compiles only what it runs instead of the CLI's registry and chunks (docs/performance.md).
 * `wf-task trust hook claude` etc. stay CLI commands doing the same.
 */
export async function runHook(
  def: CommandDef<any>,
  path: string[],
  given: string[],
  fill: (argv: string[]) => string[] = (argv) => argv,
): Promise<number> {
  const argv = fill(withoutWords(given, path));
  const debug = argv.includes("--debug");
  const io = { stdout: process.stdout, stderr: process.stderr, debug, json: false };
  try {
    const args = parseArgs(
      argv.filter((a) => a !== "--debug" && a !== "--quiet"),
      def.args ?? {},
      ["wf-task", ...path].join(" "),
    );
    const ctx = commandContext({
      ...io,
      args,
      cwd: process.cwd(),
      env: process.env,
      get stdin() {
        return process.stdin; // made on first read (see main.ts)
      },
      quiet: argv.includes("--quiet"),
      color: false,
      isTTY: Boolean(process.stdout.isTTY),
      path,
    });
    const code = await def.run!(ctx);
    return typeof code === "number" ? code : 0;
  } catch (error) {
    return reportError(error, io);
  }
}

/** `argv` without the command's words when it starts with them: the launcher passes a hook command's whole argv. */
function withoutWords(argv: readonly string[], words: readonly string[]): string[] {
  return words.every((w, i) => argv[i] === w) ? argv.slice(words.length) : [...argv];
}

/** Sets the exit code when the hook is done (never process.exit: stdout must drain). */
export function exitWith(code: Promise<number>): void {
  code.then((c) => {
    process.exitCode = c;
  });
}
