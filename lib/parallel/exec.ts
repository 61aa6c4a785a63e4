import { spawn } from "node:child_process";

/** The outcome of a process: exit code (-1 when it could not start), output, and whether it was missing. */
export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The program was not found on PATH. */
  missing: boolean;
}

export interface ExecOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Written to stdin, then closed. */
  input?: string;
}

/** Runs `command` with an argument array (never a shell) and collects its output. */
export function exec(command: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv | undefined,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    if (options.input !== undefined) child.stdin!.end(options.input);
    child.on("error", (error: NodeJS.ErrnoException) => {
      resolve({ code: -1, stdout, stderr: stderr || error.message, missing: error.code === "ENOENT" });
    });
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, missing: false }));
  });
}
