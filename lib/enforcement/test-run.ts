// The gate re-runs the tests it relies on: `enforcement.tdd.testCommand` on the staged tree (the
// index exported to a temp folder), the tests of the staged files or all of them. It says no when
// the run fails, or when the number of tests the runner reports fell compared with the last
// recorded run (this branch's, else the base branch's). Runs that pass are recorded in git's common
// folder, <common>/wf-task/test-runs.json (atomically, under a lock; a corrupt file is reported, not
// replaced), so every worktree of the repository compares with the same runs.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { makeTempDir } from "../util/temp.ts";
import { projectPaths } from "../config/paths.ts";
import type { LoadedConfig } from "../config/types.ts";
import { checkoutAt, findTop } from "../core/checkout.ts";
import { WfError } from "../core/errors.ts";
import { run } from "../core/run.ts";
import { inIndex, runGit, type Change, type GitEnv } from "./git.ts";
import type { TestRules } from "./mapping.ts";
import { readTestCount, type TestRunner } from "./test-count.ts";

/** One recorded run. */
export interface TestRunRecord {
  time: string;
  branch: string | null;
  /** HEAD when it ran (the commit's parent). */
  head: string | null;
  /** The staged tree it ran on. */
  tree: string | null;
  /** `all`, or the test files it ran, one per line. */
  key: string;
  runner: TestRunner;
  count: number;
}

/** `precommit --json` → tests. */
export interface TestRunResult {
  command: string;
  scope: "staged" | "all";
  /** The test files run (empty for `all`). */
  files: string[];
  /** Why the tests were not run (no test of the staged files), else null. */
  skipped: string | null;
  exit_code: number | null;
  runner: TestRunner | null;
  count: number | null;
  failed: number | null;
  /** The run compared with, or null. */
  previous: { count: number; branch: string | null; head: string | null; time: string } | null;
  duration_ms: number;
}

export interface TestRunOutcome {
  result: TestRunResult;
  problems: { kind: "test_failed" | "test_count"; file: string | null; message: string }[];
  /** Records the run (call when the commit goes on). */
  record: () => Promise<void>;
}

/** The environment a hook sets for git that a test run must not inherit. */
const HOOK_GIT_VARS = ["GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE", "GIT_PREFIX", "GIT_EDITOR"];

const tryGit = (g: GitEnv, args: string[]) => {
  try {
    return runGit(g, args).trim() || null;
  } catch {
    return null;
  }
};

/**
 * Where the gate records its runs: `<git common folder>/wf-task/test-runs.json`, one file for the
 * main checkout and every linked worktree (an agent's commit compares with the base branch's runs
 * made in the main checkout), never in a working tree (a team that commits `.ai/` keeps a clean
 * checkout, and agents' branches do not conflict on it). `alsoRead`: where runs were recorded
 * before, the checkout's sessions history, read and never written. Outside a repository whose
 * folder can be found, the sessions history itself.
 */
export function runsFiles(git: GitEnv, loaded: LoadedConfig): { runsFile: string; alsoRead: string[] } {
  const old = join(projectPaths(loaded).historyDir, "test-runs.json");
  const top = findTop(git.cwd);
  const common = top ? checkoutAt(top).commonDir : null;
  return common
    ? { runsFile: join(common, "wf-task", "test-runs.json"), alsoRead: [old] }
    : { runsFile: old, alsoRead: [] };
}

/** Runs the configured tests on the staged tree and compares the count with the last record. */
export async function runGateTests(options: {
  git: GitEnv;
  loaded: LoadedConfig;
  rules: TestRules;
  changes: Change[];
  /** Where runs are recorded. */
  runsFile: string;
  /** Earlier records, compared with too (read only). */
  alsoRead?: string[];
}): Promise<TestRunOutcome> {
  const { git, loaded, rules, changes, runsFile, alsoRead = [] } = options;
  const tdd = loaded.config.enforcement.tdd;
  const command = tdd.testCommand.trim();
  const scope = tdd.testScope;
  const started = Date.now();
  const result: TestRunResult = {
    command,
    scope,
    files: [],
    skipped: null,
    exit_code: null,
    runner: null,
    count: null,
    failed: null,
    previous: null,
    duration_ms: 0,
  };
  const outcome: TestRunOutcome = { result, problems: [], record: async () => {} };

  if (scope === "staged") {
    const present = changes.filter((c) => c.status !== "D").map((c) => c.path);
    const tests = new Set(present.filter((p) => rules.isTest(p)));
    const sources = present.filter((p) => rules.needsTest(p));
    const found = inIndex(
      git,
      sources.flatMap((s) => rules.candidates(s)),
    );
    for (const s of sources) for (const t of rules.candidates(s)) if (found.has(t)) tests.add(t);
    result.files = [...tests].sort();
    if (!result.files.length) {
      result.skipped = "no test file among or for the staged files";
      return outcome;
    }
  }
  const key = scope === "all" ? "all" : result.files.join("\n");

  const dir = makeTempDir("wf-staged-");
  let output = "";
  try {
    runGit(git, ["checkout-index", "-a", "-f", `--prefix=${dir}/`]);
    // Dependencies are not in the index: the project's own node_modules serve the staged tree.
    const modules = join(loaded.root, "node_modules");
    if (existsSync(modules) && !existsSync(join(dir, "node_modules")))
      symlinkSync(modules, join(dir, "node_modules"), "dir");
    const env: Record<string, string | undefined> = { ...(git.env ?? process.env) };
    for (const v of HOOK_GIT_VARS) delete env[v];
    const run = await runShell(command, result.files, dir, env);
    output = run.output;
    result.exit_code = run.code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  result.duration_ms = Date.now() - started;
  const count = readTestCount(output);
  result.runner = count?.runner ?? null;
  result.count = count?.total ?? null;
  result.failed = count?.failed ?? null;
  const shown = `\`${[command, ...result.files].join(" ")}\``;
  if (result.exit_code !== 0) {
    const tail = output
      .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")
      .trimEnd()
      .split("\n")
      .filter((l) => l.trim())
      .slice(-6)
      .map((l) => `    ${l}`)
      .join("\n");
    const failed = result.failed ? `${result.failed} of ${result.count} tests failed` : `exit code ${result.exit_code}`;
    outcome.problems.push({
      kind: "test_failed",
      file: null,
      message: `the tests fail on the staged tree (${failed}): ${shown}${tail ? `\n${tail}` : ""}`,
    });
  }

  const branch = tryGit(git, ["symbolic-ref", "--short", "-q", "HEAD"]);
  const base = loaded.config.parallel.baseBranch;
  const runs = [...alsoRead.flatMap((f) => readRuns(f)), ...readRuns(runsFile)].sort((x, y) =>
    x.time < y.time ? -1 : x.time > y.time ? 1 : 0,
  );
  const same = runs.filter((r) => r.key === key && (count ? r.runner === count.runner : true));
  const previous =
    [...same].reverse().find((r) => r.branch === branch) ?? [...same].reverse().find((r) => r.branch === base) ?? null;
  if (previous)
    result.previous = { count: previous.count, branch: previous.branch, head: previous.head, time: previous.time };
  if (count && previous && count.total < previous.count) {
    const where =
      previous.branch === branch ? `on ${branch ?? "this branch"}` : `on the base branch ${previous.branch}`;
    const head = previous.head ? ` (${previous.head.slice(0, 7)})` : "";
    outcome.problems.push({
      kind: "test_count",
      file: null,
      message:
        `the test count fell from ${previous.count} to ${count.total} (${count.runner}) ` +
        `compared with the last recorded run ${where}${head}: a test was removed`,
    });
  }
  if (result.exit_code === 0 && count) {
    outcome.record = async () => {
      const entry: TestRunRecord = {
        time: new Date().toISOString(),
        branch,
        head: tryGit(git, ["rev-parse", "--verify", "-q", "HEAD"]),
        tree: tryGit(git, ["write-tree"]),
        key,
        runner: count.runner,
        count: count.total,
      };
      const { withLock } = await import("../util/lock.ts");
      const { atomicWrite } = await import("../util/atomic-write.ts");
      mkdirSync(dirname(runsFile), { recursive: true });
      await withLock(runsFile, async () => {
        const now = readRuns(runsFile);
        now.push(entry);
        await atomicWrite(runsFile, `${JSON.stringify({ version: 1, runs: now.slice(-500) }, null, 2)}\n`);
      });
    };
  }
  return outcome;
}

/** The recorded runs; [] when there is no file; a corrupt file is an error that names it. */
export function readRuns(file: string): TestRunRecord[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const m = /position (\d+)/.exec((error as Error).message);
    const at = m ? lineCol(text, +m[1]!) : "";
    throw new WfError("E_TDD_RUNS_CORRUPT", `the recorded test runs are not JSON: ${(error as Error).message}`, {
      where: `${file}${at}`,
      hint: "fix or remove the file; the gate does not overwrite it",
    });
  }
  const runs = (data as { runs?: unknown })?.runs;
  if (!Array.isArray(runs))
    throw new WfError("E_TDD_RUNS_CORRUPT", "the recorded test runs have no `runs` list", {
      where: `${file}: runs`,
      hint: "fix or remove the file; the gate does not overwrite it",
    });
  return runs.filter(
    (r): r is TestRunRecord =>
      !!r &&
      typeof r === "object" &&
      typeof (r as TestRunRecord).key === "string" &&
      typeof (r as TestRunRecord).count === "number",
  );
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `:${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** Runs `command "$@"` with the files as positional arguments (never pasted into the shell text). */
async function runShell(
  command: string,
  files: string[],
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number; output: string }> {
  const r = await run("sh", ["-c", `${command} "$@"`, "sh", ...files], { cwd, env, all: true });
  if (r.missing)
    throw new WfError("E_PREREQ_SHELL", "cannot run the test command: sh is not on PATH", {
      hint: "the gate runs enforcement.tdd.testCommand with sh",
    });
  return { code: r.code === -1 ? 128 : r.code, output: r.all ?? "" };
}
