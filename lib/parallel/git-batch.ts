// Many small git calls through one process. Starting a process from Node costs a few ms of
// the main thread each (fork of a large process); a POSIX shell forks git far more cheaply. So
// `gitEach` hands its calls to one `sh`, which runs them in at most `shells` lanes at once (each
// a subshell running its share one after the other), every call's output going to its own file
// (any bytes, no separator to escape).
import { readFileSync, rm } from "node:fs";
import { join } from "node:path";
import { makeTempDir, tempRoots } from "../util/temp.ts";
import { runLight as exec, type RunResult as ExecResult } from "../core/run.ts";
import { gitEnv } from "./git.ts";

/** One git call: its folder and its arguments. */
export interface GitCall {
  cwd: string;
  args: readonly string[];
}

// The script gets the lane count, then each call as `<cwd> <out file> <n> <arg 1> … <arg n>`;
// lane `l` runs the calls whose index modulo the lane count is `l`. The arguments are referred to
// (`"${3}"`), never re-parsed, so no value is ever evaluated by the shell.
const SCRIPT = [
  "lanes=$1; shift",
  "lane() {",
  "  l=$1; shift; i=0",
  '  while [ "$#" -gt 0 ]; do',
  "    d=$1; o=$2; n=$3; shift 3",
  '    if [ "$((i % lanes))" -eq "$l" ]; then',
  '      c=""; k=1',
  '      while [ "$k" -le "$n" ]; do c="$c \\"\\${$k}\\""; k=$((k + 1)); done',
  '      eval "git -C \\"\\$d\\" $c" >"$o" 2>"$o.err"; echo "$?" >"$o.rc"',
  "    fi",
  '    shift "$n"; i=$((i + 1))',
  "  done",
  "}",
  'l=1; while [ "$l" -lt "$lanes" ]; do lane "$l" "$@" & l=$((l + 1)); done',
  'lane 0 "$@"',
  "wait",
].join("\n");

/**
 * Runs each call as `git <args>` in its `cwd` and returns what it printed and its exit code, in
 * order. `missing` is never set here: a git that is not there exits 127 like any failed call.
 */
export async function gitEach(
  calls: readonly GitCall[],
  env: Record<string, string | undefined>,
  shells = 4,
  roots = tempRoots(),
): Promise<ExecResult[]> {
  if (!calls.length) return [];
  let dir: string;
  try {
    dir = makeTempDir("wf-git-", roots);
  } catch {
    // No folder to answer in (none of the temp folders takes one): a process per call, as git needs none.
    return Promise.all(
      calls.map(async ({ cwd, args }) => {
        const r = await exec("git", ["-C", cwd, ...args], { env: gitEnv(env) });
        return r.missing ? { ...r, code: 127, missing: false } : r;
      }),
    );
  }
  try {
    const lanes = Math.max(1, Math.min(shells, calls.length));
    const args = calls.flatMap((c, i) => [c.cwd, join(dir, String(i)), String(c.args.length), ...c.args]);
    const ran = await exec("sh", ["-c", SCRIPT, "sh", String(lanes), ...args], { env: gitEnv(env) });
    if (ran.code !== 0)
      throw new Error(`sh (running git) failed: ${ran.stderr.trim().split("\n").at(-1) ?? `exit ${ran.code}`}`);
    const read = (f: string) => {
      try {
        return readFileSync(f, "utf8");
      } catch {
        return "";
      }
    };
    return calls.map((_, i) => {
      const f = join(dir, String(i));
      const rc = read(`${f}.rc`).trim();
      const code = Number(rc);
      return {
        code: rc && Number.isInteger(code) ? code : -1,
        stdout: read(f),
        stderr: read(`${f}.err`),
        missing: false,
        timedOut: false,
      };
    });
  } finally {
    // Removed off the main thread (a hundred unlinks are a few ms of it), by node:fs's own callback
    // form (node:fs/promises costs ~5 ms to load), and not waited for: the answers are read, and the
    // pending removal keeps the process alive until it is done (~10 ms, with the thread pool's start).
    rm(dir, { recursive: true, force: true }, () => {});
  }
}
