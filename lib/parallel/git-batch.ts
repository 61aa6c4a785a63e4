// Many small git calls through a few processes. Starting a process from Node costs a few ms of
// the main thread each (fork of a large process); a POSIX shell forks git far more cheaply. So
// `gitEach` hands its calls to at most `shells` `sh` processes, each running its share one after
// the other, every call's output going to its own file (any bytes, no separator to escape).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runLight as exec, type RunResult as ExecResult } from "../core/run.ts";
import { gitEnv } from "./git.ts";

/** One git call: its folder and its arguments. */
export interface GitCall {
  cwd: string;
  args: readonly string[];
}

// Each call arrives as `<cwd> <out file> <n> <arg 1> … <arg n>`; the arguments are referred to
// (`"${3}"`), never re-parsed, so no value is ever evaluated by the shell.
const SCRIPT = [
  'while [ "$#" -gt 0 ]; do',
  "  d=$1; o=$2; n=$3; shift 3",
  '  c=""; k=1',
  '  while [ "$k" -le "$n" ]; do c="$c \\"\\${$k}\\""; k=$((k + 1)); done',
  '  eval "git -C \"\$d\" $c" >"$o" 2>"$o.err"; echo "$?" >"$o.rc"',
  '  shift "$n"',
  "done",
].join("\n");

/**
 * Runs each call as `git <args>` in its `cwd` and returns what it printed and its exit code, in
 * order. `missing` is never set here: a git that is not there exits 127 like any failed call.
 */
export async function gitEach(
  calls: readonly GitCall[],
  env: Record<string, string | undefined>,
  shells = 4,
): Promise<ExecResult[]> {
  if (!calls.length) return [];
  const dir = mkdtempSync(join(tmpdir(), "wf-git-"));
  try {
    const n = Math.max(1, Math.min(shells, calls.length));
    const groups: string[][] = Array.from({ length: n }, () => []);
    calls.forEach((c, i) => groups[i % n]!.push(c.cwd, join(dir, String(i)), String(c.args.length), ...c.args));
    const ran = await Promise.all(groups.map((g) => exec("sh", ["-c", SCRIPT, "sh", ...g], { env: gitEnv(env) })));
    const failed = ran.find((r) => r.code !== 0);
    if (failed)
      throw new Error(`sh (running git) failed: ${failed.stderr.trim().split("\n").at(-1) ?? `exit ${failed.code}`}`);
    const read = (f: string) => {
      try {
        return readFileSync(f, "utf8");
      } catch {
        return "";
      }
    };
    return calls.map((_, i) => {
      const f = join(dir, String(i));
      const code = Number(read(`${f}.rc`).trim());
      return {
        code: Number.isInteger(code) && read(`${f}.rc`) ? code : -1,
        stdout: read(f),
        stderr: read(`${f}.err`),
        missing: false,
        timedOut: false,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
