import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, fstatSync, readSync, writeSync } from "node:fs";
import { delimiter, join } from "node:path";
import { openTempFile } from "../util/temp.ts";
import { WfError, type ErrorCode } from "./errors.ts";

/**
 * The one way wf-task runs a program: an argument array (never a shell unless the caller runs
 * `sh -c` on purpose), the caller's environment exactly (no merging with process.env), stdin
 * closed unless input is given, git's prompts off and its messages in the C locale. `run` is
 * built on execa and imports it on first use. Loading execa costs ~75 ms (docs/performance.md),
 * more than a hook's whole work, so the paths that run on every tool call, commit and monitor
 * redraw use its two twins with the same options and result: `runSync` (on `spawnSync`) and
 * `runLight` (on `spawn`, for the monitor's concurrent git and tmux calls).
 */

export type Env = Record<string, string | undefined>;

/** True when the first word of `command` is an executable on PATH (or a path to one). */
export function onPath(command: string, env: Env): boolean {
  const first = command.trim().split(/\s+/)[0];
  if (!first) return false;
  if (first.includes("/")) return existsSync(first);
  return (env.PATH ?? "").split(delimiter).some((dir) => dir && existsSync(join(dir, first)));
}

export interface RunOptions {
  cwd?: string;
  /** The whole environment of the child; defaults to this process's. */
  env?: Env;
  /** Written to stdin, then closed; without it stdin is closed at once. */
  input?: string;
  /** Inherit this process's stdio (interactive programs: tmux attach). The result then holds no output. */
  inherit?: boolean;
  /** Killed (with its whole process group) after this many milliseconds. */
  timeoutMs?: number;
  /** `run` only: stdout and stderr appended to this file as they come (a setup log). */
  appendTo?: string;
  /** `run` only: also collect stdout and stderr together, in the order they came, as `all`. */
  all?: boolean;
}

/** The outcome of a program: exit code (-1 when it did not start or was killed) and its output. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The program was not found. */
  missing: boolean;
  /** Killed by `timeoutMs`. */
  timedOut: boolean;
  /** stdout and stderr together, with the `all` option. */
  all?: string;
}

/** The env a program runs with: the caller's, prompts off; for git also `LC_ALL=C`, so its messages parse the same everywhere. */
export function childEnv(command: string, env: Env = process.env): Env {
  const base: Env = { ...env, GIT_TERMINAL_PROMPT: "0" };
  if (command === "git") base.LC_ALL = "C";
  return base;
}

/**
 * Kills `child` with its whole process group (it was started detached, so it leads one) after
 * `ms`; `stop()` cancels the timer and says whether it fired.
 */
function killAfter(
  child: { pid?: number; kill(signal: NodeJS.Signals): boolean },
  ms: number | undefined,
): { stop(): boolean } {
  let fired = false;
  const timer =
    ms === undefined
      ? undefined
      : setTimeout(() => {
          fired = true;
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {
            child.kill("SIGKILL");
          }
        }, ms);
  return {
    stop() {
      if (timer) clearTimeout(timer);
      return fired;
    },
  };
}

/** Runs a program to its end and collects its output; never throws for a non-zero exit. */
export async function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { execa } = await import("execa");
  const log = options.appendTo === undefined ? undefined : { file: options.appendTo, append: true };
  const out = options.inherit ? "inherit" : (log ?? "pipe");
  const child = execa(command, args, {
    cwd: options.cwd,
    env: childEnv(command, options.env) as NodeJS.ProcessEnv,
    extendEnv: false,
    input: options.input,
    stdin: options.inherit ? "inherit" : options.input === undefined ? "ignore" : "pipe",
    stdout: out,
    stderr: out,
    all: options.all === true,
    reject: false,
    stripFinalNewline: false,
    maxBuffer: 1 << 30,
    // A timed-out program is killed with its children: it leads its own process group.
    detached: options.timeoutMs !== undefined,
    cleanup: true,
  });
  const deadline = killAfter(child, options.timeoutMs);
  const r = await child;
  const timedOut = deadline.stop();
  const missing = r.failed && r.exitCode === undefined && (r as { code?: string }).code === "ENOENT";
  return {
    code: r.exitCode ?? -1,
    stdout: typeof r.stdout === "string" ? r.stdout : "",
    stderr: typeof r.stderr === "string" ? r.stderr : missing ? `${command}: command not found` : "",
    missing,
    timedOut,
    ...(options.all ? { all: typeof r.all === "string" ? r.all : "" } : {}),
  };
}

/** `run` on `spawn`, without execa: for the latency-bound async paths (monitor, status, the agents' git calls). */
export function runLight(
  command: string,
  args: readonly string[],
  options: Omit<RunOptions, "appendTo" | "all"> = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: childEnv(command, options.env) as NodeJS.ProcessEnv,
      stdio: options.inherit ? "inherit" : [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      detached: options.timeoutMs !== undefined,
    });
    const deadline = killAfter(child, options.timeoutMs);
    child.stdout?.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    if (options.input !== undefined) {
      child.stdin!.on("error", () => {});
      child.stdin!.end(options.input);
    }
    child.on("error", (error: NodeJS.ErrnoException) => {
      const missing = error.code === "ENOENT";
      const said = stderr || (missing ? `${command}: command not found` : error.message);
      resolve({ code: -1, stdout, stderr: said, missing, timedOut: deadline.stop() });
    });
    child.on("close", (code) =>
      resolve({ code: code ?? -1, stdout, stderr, missing: false, timedOut: deadline.stop() }),
    );
  });
}

/** `run` on `spawnSync`: the same options and result, for the hook paths. */
export function runSync(command: string, args: readonly string[], options: RunOptions = {}): RunResult {
  return spawnSyncAs(command, args, options, "utf8");
}

/** `runSync` whose stdout is the bytes the program wrote (for byte-counted formats like `git cat-file --batch`). */
export function runSyncBytes(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Omit<RunResult, "stdout"> & { stdout: Buffer } {
  return spawnSyncAs(command, args, options, "buffer");
}

/**
 * `runSyncBytes` for a large output: the program writes stdout to a temporary file (unlinked at once, read back by
 * its descriptor) instead of a pipe. A pipe makes the program wait for this process at every 64 KB; for the
 * megabytes of `git cat-file --batch` that was ~2.5× slower (docs/performance.md, TDD enforcement).
 */
export function runSyncBytesToFile(
  command: string,
  args: readonly string[],
  options: Omit<RunOptions, "inherit" | "appendTo" | "all"> = {},
): Omit<RunResult, "stdout"> & { stdout: Buffer } {
  const fd = unlinkedFile();
  try {
    return spawnSyncAs(command, args, options, "buffer", fd);
  } finally {
    closeSync(fd);
  }
}

/** An open temporary file, already unlinked (it goes when its descriptor is closed). */
const unlinkedFile = () => openTempFile("wf-io-");

/** The whole contents of a file descriptor, read by position. */
function readAll(fd: number): Buffer {
  const out = Buffer.allocUnsafe(fstatSync(fd).size);
  for (let at = 0; at < out.length;) {
    const n = readSync(fd, out, at, out.length - at, at);
    if (n <= 0) return out.subarray(0, at);
    at += n;
  }
  return out;
}

/**
 * Starts a program whose stdin (`input`) and stdout are unlinked temporary files instead of pipes, so it runs to
 * its end on another core while this process works synchronously (a pipe would stall it at 64 KB until this
 * process reads). The promise gives the same result as `runSyncBytes`.
 */
export function startToFile(
  command: string,
  args: readonly string[],
  options: Pick<RunOptions, "cwd" | "env" | "input"> = {},
): Promise<Omit<RunResult, "stdout"> & { stdout: Buffer }> {
  let input: number | "ignore" = "ignore";
  if (options.input !== undefined) {
    input = unlinkedFile();
    const bytes = Buffer.from(options.input);
    // Written by position: the descriptor's offset stays at 0, where the program starts reading.
    for (let at = 0; at < bytes.length;) at += writeSync(input, bytes, at, bytes.length - at, at);
  }
  const out = unlinkedFile();
  return new Promise((resolve) => {
    let stderr = "";
    let settled = false;
    const finish = (code: number, missing: boolean, said: string) => {
      if (settled) return;
      settled = true;
      const stdout = readAll(out);
      closeSync(out);
      resolve({ code, stdout, stderr: said, missing, timedOut: false });
    };
    try {
      const child = spawn(command, args, {
        cwd: options.cwd,
        env: childEnv(command, options.env) as NodeJS.ProcessEnv,
        stdio: [input, out, "pipe"],
      });
      child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      child.on("error", (error: NodeJS.ErrnoException) => {
        const missing = error.code === "ENOENT";
        finish(-1, missing, stderr || (missing ? `${command}: command not found` : error.message));
      });
      child.on("close", (code) => finish(code ?? -1, false, stderr));
    } finally {
      if (typeof input === "number") closeSync(input);
    }
  });
}

/** One synchronous run; its stdout into the open file `stdoutFd` (read back from its start) when given. */
function spawnSyncAs<E extends "utf8" | "buffer">(
  command: string,
  args: readonly string[],
  options: RunOptions,
  encoding: E,
  stdoutFd?: number,
) {
  const r = spawnSync(command, args, {
    cwd: options.cwd,
    env: childEnv(command, options.env) as NodeJS.ProcessEnv,
    input: encoding === "buffer" && options.input !== undefined ? Buffer.from(options.input) : options.input,
    stdio: options.inherit ? "inherit" : [options.input === undefined ? "ignore" : "pipe", stdoutFd ?? "pipe", "pipe"],
    encoding,
    maxBuffer: 1 << 30,
    timeout: options.timeoutMs,
    killSignal: "SIGKILL",
  });
  const error = r.error as NodeJS.ErrnoException | undefined;
  const missing = error?.code === "ENOENT";
  const stderr = String(r.stderr ?? "");
  return {
    code: r.status ?? -1,
    stdout: (stdoutFd !== undefined
      ? readAll(stdoutFd)
      : (r.stdout ?? (encoding === "buffer" ? Buffer.alloc(0) : ""))) as E extends "buffer" ? Buffer : string,
    stderr: stderr || (missing ? `${command}: command not found` : (error?.message ?? "")),
    missing,
    timedOut: error?.code === "ETIMEDOUT",
  };
}

/** A program started by `runDetached`: its pid, and its exit code once it exited (undefined while it runs). */
export interface Detached {
  pid: number;
  exitCode(): number | null | undefined;
}

/**
 * Starts a program that outlives wf-task (an MCP server, a browser): its own process group,
 * stdio to nothing or to the given file descriptor. Resolves once it started; a program that
 * cannot start throws E_PREREQ_PROGRAM (exit 3).
 */
export async function runDetached(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: Env; logFd?: number } = {},
): Promise<Detached> {
  const out = options.logFd ?? "ignore";
  const env = childEnv(command, options.env) as NodeJS.ProcessEnv;
  const child = spawn(command, args, { cwd: options.cwd, env, detached: true, stdio: ["ignore", out, out] });
  const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    child.once("error", resolve);
    child.once("spawn", () => resolve(undefined));
  });
  if (error) throw missingProgram(command, error);
  child.unref();
  let exitCode: number | null | undefined;
  child.once("exit", (code) => (exitCode = code));
  return { pid: child.pid!, exitCode: () => exitCode };
}

/** The error for a program that could not start: E_PREREQ_PROGRAM (exit 3) when it is not installed. */
export function missingProgram(command: string, error?: NodeJS.ErrnoException): WfError {
  if (!error || error.code === "ENOENT") {
    return new WfError("E_PREREQ_PROGRAM", `\`${command}\` is not installed or not on PATH`, {
      hint: `install ${command}, or put it on PATH`,
      cause: error,
    });
  }
  return new WfError("E_PREREQ_PROGRAM", `\`${command}\` could not start: ${error.message}`, {
    hint: `check that ${command} is executable`,
    cause: error,
  });
}

/** Runs a program and returns its stdout; a missing program exits 3, a failure throws `code` with its stderr. */
export async function runChecked(
  command: string,
  args: readonly string[],
  options: RunOptions & { code: ErrorCode; what?: string },
): Promise<string> {
  const r = await run(command, args, options);
  if (r.missing) throw missingProgram(command);
  if (r.code !== 0) {
    const said = r.stderr.trim().split("\n").pop() || `exit ${r.code}`;
    throw new WfError(options.code, `${options.what ?? `${command} ${args[0] ?? ""}`.trim()} failed: ${said}`);
  }
  return r.stdout;
}
