import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../lib/config/load.ts";
import { preCommit } from "../lib/enforcement/precommit.ts";
import { median, timeCommand, timePair, type Bench, type BenchRow } from "./_harness.ts";

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: "Bench",
  GIT_AUTHOR_EMAIL: "b@example.com",
  GIT_COMMITTER_NAME: "Bench",
  GIT_COMMITTER_EMAIL: "b@example.com",
};
const git = (cwd: string, ...args: string[]) => spawnSync("git", args, { cwd, env, stdio: "ignore" });

/** A repo with `n` new source files and their `n` tests staged (2n files). */
function stagedRepo(dir: string, n: number): void {
  git(dir, "init", "-q", "-b", "main");
  writeFileSync(join(dir, "README.md"), "# bench\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "initial");
  for (let i = 0; i < n; i++) {
    const folder = join(dir, "src", `m${i % 40}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `mod${i}.ts`), `export function f${i}(x: number): number {\n  return x + ${i};\n}\n`);
    writeFileSync(
      join(folder, `mod${i}.test.ts`),
      `import { it } from "uvu";\nimport { f${i} } from "./mod${i}.ts";\nit("adds ${i}", () => { expect(f${i}(1)).toBe(${i + 1}); });\n`,
    );
  }
  git(dir, "add", "-A");
}

/** A repo with `n` committed sources and their `n` tests, every one modified and staged (2n modified files). */
function modifiedRepo(dir: string, n: number): void {
  git(dir, "init", "-q", "-b", "main");
  const write = (round: number) => {
    for (let i = 0; i < n; i++) {
      const folder = join(dir, "src", `m${i % 40}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        join(folder, `mod${i}.ts`),
        `export function f${i}(x: number): number {\n  return x + ${i + round};\n}\n`,
      );
      writeFileSync(
        join(folder, `mod${i}.test.ts`),
        `import { it } from "uvu";\nimport { f${i} } from "./mod${i}.ts";\nit("adds ${i}", () => { expect(f${i}(1)).toBe(${i + round + 1}); });\n`,
      );
    }
  };
  write(0);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "initial");
  write(1);
  git(dir, "add", "-A");
}

/** Median ms of a synchronous or async function, interleaved with a baseline. */
async function pairFn(
  subject: () => Promise<unknown>,
  baseline: () => unknown,
  rounds: number,
): Promise<{ subjectMs: number; baselineMs: number }> {
  const s: number[] = [];
  const b: number[] = [];
  await subject();
  baseline();
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    baseline();
    b.push(performance.now() - t);
    t = performance.now();
    await subject();
    s.push(performance.now() - t);
  }
  return { subjectMs: median(s), baselineMs: median(b) };
}

/**
 * The modified-files rows run what the installed git hook runs: the pre-commit hook entry
 * (`node dist/hooks/precommit.cjs precommit`, lib/core/launcher.ts gateLines), not the CLI.
 * The pre-commit gate on 2,000 staged files (1,000 sources, 1,000 tests) against
 * `git diff --cached --name-status` on the same repo: the CLI end to end, the CLI against the
 * floor every Node hook pays (node start-up + the git call), and the gate's own work in-process.
 */
const bench: Bench = async ({ root, cli, runs, tempDir }) => {
  const hookEntry = join(root, "dist/hooks/precommit.cjs");
  const dir = tempDir();
  stagedRepo(dir, 1000);
  const node = process.execPath;
  const gitDiff = () => timeCommand("git", ["diff", "--cached", "--name-status"], { cwd: dir, env, runs });
  const cliGate = () => timeCommand(node, [cli, "precommit"], { cwd: dir, env, runs });
  const endToEnd = timePair(cliGate, gitDiff);
  const floor = timePair(cliGate, () =>
    timeCommand("sh", ["-c", `"${node}" -e 0 && git diff --cached --name-status`], { cwd: dir, env, runs }),
  );
  const nodeAlone = timePair(() => timeCommand(node, ["-e", "0"], { cwd: dir, env, runs }), gitDiff);
  const loaded = await loadConfig({ cwd: dir, env });
  const inProcess = await pairFn(
    () => preCommit({ git: { cwd: dir, env }, loaded }),
    () => spawnSync("git", ["diff", "--cached", "--name-status"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] }),
    runs,
  );
  const modified: BenchRow[] = [];
  for (const [n, goal] of [
    [1000, 2.5],
    [10000, 6],
  ] as const) {
    const mdir = tempDir();
    modifiedRepo(mdir, n);
    const pair = timePair(
      () => timeCommand(node, [hookEntry, "precommit"], { cwd: mdir, env, runs }),
      () => timeCommand("sh", ["-c", `"${node}" -e 0 && git diff --cached --name-status`], { cwd: mdir, env, runs }),
    );
    modified.push({
      name: `precommit hook entry (dist/hooks/precommit.cjs), ${(2 * n).toLocaleString("en")} modified files (half tests)`,
      baseline: "node -e 0 && git diff --cached --name-status",
      ...pair,
      goal,
    });
  }
  return [
    ...modified,
    {
      name: "wf-task precommit (CLI), 2,000 staged files",
      baseline: "git diff --cached --name-status",
      ...endToEnd,
      goal: 10,
      note: `node -e 0 alone is ${(nodeAlone.subjectMs / nodeAlone.baselineMs).toFixed(1)}× this git call (no Node CLI can meet 10×): see docs/tdd.md`,
    },
    {
      name: "wf-task precommit (CLI), 2,000 staged files",
      baseline: "node -e 0 && git diff --cached --name-status",
      ...floor,
      goal: 3,
    },
    {
      name: "preCommit() in-process, 2,000 staged files",
      baseline: "git diff --cached --name-status (spawned)",
      ...inProcess,
      goal: 10,
    },
  ];
};
export default bench;
