// The context a command runs with, and how its errors end the process: shared by the CLI's
// `main` and the hook entries (lib/cli/hooks/), which run one command without the registry.
import type { Writable } from "node:stream";
import type { CommandContext } from "../core/command.ts";
import { EXIT, formatError, isWfError, type WfError } from "../core/errors.ts";
import { projectOpener, type ConfigLoader, type Project } from "../core/project.ts";
import { shellFor } from "../core/shell.ts";
import { fsError, isSystemError } from "../util/fs-errors.ts";
import { redact } from "../util/redact.ts";

export type ContextOptions = Pick<
  CommandContext<any>,
  "args" | "cwd" | "env" | "stdin" | "stdout" | "stderr" | "json" | "quiet" | "debug" | "color" | "isTTY" | "path"
> & { configLoader?: ConfigLoader };

/** A command's context: output helpers that honour --json/--quiet, the Project opened on first ask, zx's `$`. */
export function commandContext(o: ContextOptions): CommandContext<any> {
  const write = (stream: Writable, text: string) => stream.write(text.endsWith("\n") ? text : `${text}\n`);
  let opener: ((dir: string) => Promise<Project>) | undefined;
  return {
    args: o.args,
    cwd: o.cwd,
    env: o.env,
    get stdin() {
      return o.stdin;
    },
    stdout: o.stdout,
    stderr: o.stderr,
    json: o.json,
    quiet: o.quiet,
    debug: o.debug,
    color: o.color,
    isTTY: o.isTTY,
    path: o.path,
    project(dir = o.cwd) {
      opener ??= projectOpener(o.env, o.configLoader);
      return opener(dir);
    },
    $: shellFor(o.cwd, o.env),
    print(text, force = false) {
      if (!o.quiet || force) write(o.stdout, text);
    },
    warn(text) {
      write(o.stderr, text);
    },
    emit(data, human) {
      if (o.json) write(o.stdout, JSON.stringify(data, null, 2));
      else if (!o.quiet) write(o.stdout, typeof human === "function" ? human(data) : human);
    },
  };
}

/** Reports an error on stderr (and as JSON with --json), secrets redacted; returns the exit code. */
export function reportError(
  error: unknown,
  io: { stdout: Writable; stderr: Writable; debug: boolean; json: boolean },
): number {
  // A file system fault (EACCES, EISDIR, ENOSPC, …) is bad input or a missing prerequisite, not a bug.
  const known = isWfError(error) ? error : isSystemError(error) ? (fsError(error) as WfError) : undefined;
  if (known) {
    io.stderr.write(`${redact(formatError(known))}\n`);
    if (io.debug) io.stderr.write(`${(isSystemError(error) ? error.stack : known.stack) ?? ""}\n`);
    if (io.json) {
      const payload = {
        error: {
          code: known.code,
          message: redact(known.message),
          hint: known.hint ?? null,
          where: known.where ?? null,
          exit_code: known.exitCode,
        },
      };
      io.stdout.write(`${JSON.stringify(payload)}\n`);
    }
    return known.exitCode;
  }
  const err = error as Error;
  const message = redact(err?.message ?? String(error));
  io.stderr.write(`error E_INTERNAL: ${message}\n`);
  if (io.debug) io.stderr.write(`${err?.stack ?? ""}\n`);
  else io.stderr.write("  hint: this is a bug in wf-task; run again with --debug for the stack and report it\n");
  if (io.json)
    io.stdout.write(
      `${JSON.stringify({
        error: {
          code: "E_INTERNAL",
          message,
          hint: "run again with --debug for the stack",
          where: null,
          exit_code: EXIT.check,
        },
      })}\n`,
    );
  return EXIT.check;
}
