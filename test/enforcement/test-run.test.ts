import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { git, gitRepo, json, runCli, writeFiles } from "../_support/index.ts";

/** Where the runs are recorded: git's common folder, shared by every worktree of the repository. */
const RUNS = ".git/wf-task/test-runs.json";
/** Where they were recorded before (still read, never written). */
const OLD_RUNS = ".ai/project/sessions/history/test-runs.json";
const nodeTest = (names: string[]) =>
  `import { test } from "node:test";\n` +
  `import assert from "node:assert";\n` +
  `${names.map((n) => `test(${JSON.stringify(n)}, () => assert.ok(true));`).join("\n")}\n`;

function project(scope: "staged" | "all" = "staged") {
  return gitRepo({
    "README.md": "# demo\n",
    ".workflowrc.json": JSON.stringify({
      enforcement: { tdd: { testCommand: "node --test --test-reporter=tap", testScope: scope } },
    }),
    "src/a.mjs": "export const a = 1;\n",
    "src/a.test.mjs": nodeTest(["one", "two"]),
    "src/b.mjs": "export const b = 1;\n",
    "src/b.test.mjs": nodeTest(["three", "four"]),
  });
}

/** A change to src/a.mjs that passes the gate (its run recorded), then committed. */
async function commitThroughGate(dir: string) {
  writeFiles(dir, { "src/a.mjs": "export const a = 2;\n" });
  git(dir, "add", "-A");
  assert.is((await runCli(["precommit"], { cwd: dir })).code, 0);
  git(dir, "commit", "-q", "--no-verify", "-m", "a = 2");
}

const run = suite("the gate's test run");

run(
  "staged scope runs the tests of the staged files only, their names passed as arguments, never as shell text",
  async () => {
    const dir = project();
    const odd = "src/c $(touch pwned).test.mjs";
    writeFiles(dir, { "src/a.mjs": "export const a = 2;\n", [odd]: nodeTest(["odd"]) });
    git(dir, "add", "-A");
    const r = await runCli(["precommit", "--json"], { cwd: dir });
    assert.is(r.code, 0, r.stderr);
    const t = json(r).tests;
    assert.equal(t.files, ["src/a.test.mjs", odd]);
    assert.equal([t.runner, t.count, t.exit_code, t.skipped], ["node:test", 3, 0, null]);
    assert.not.ok(existsSync(join(dir, "pwned")));
  },
);

run("nothing to run when no staged file has a test: skipped, allowed", async () => {
  const dir = project();
  writeFiles(dir, { "README.md": "# changed\n" });
  git(dir, "add", "-A");
  const r = await runCli(["precommit", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.match(json(r).tests.skipped, /no test file/);
});

run("on a feature branch, a count below the base branch's last recorded run is refused", async () => {
  const dir = project("all");
  await commitThroughGate(dir);
  assert.equal(
    JSON.parse(readFileSync(join(dir, RUNS), "utf8")).runs.map((r: { count: number; branch: string }) => [
      r.count,
      r.branch,
    ]),
    [[4, "main"]],
  );
  git(dir, "checkout", "-q", "-b", "feature");
  writeFiles(dir, { "src/b.test.mjs": nodeTest(["three"]) });
  git(dir, "add", "-A");
  const r = await runCli(["precommit", "--json"], { cwd: dir, env: { WF_TDD_BYPASS: "" } });
  assert.is(r.code, 1);
  const data = json(r);
  const v = data.violations.find((x: { kind: string }) => x.kind === "test_count");
  assert.match(
    v.message,
    /the test count fell from 4 to 3 \(node:test\) compared with the last recorded run on the base branch main/,
  );
  assert.equal(data.tests.previous.count, 4);
});

run(
  "a corrupt record of runs, where they are recorded or where they were, is reported with where, and left as it is (exit 2)",
  async () => {
    for (const file of [RUNS, OLD_RUNS]) {
      const dir = project("all");
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), '{"runs": [\n  {"key": "all",\n');
      writeFiles(dir, { "src/a.mjs": "export const a = 3;\n" });
      git(dir, "add", "-A");
      const r = await runCli(["precommit"], { cwd: dir });
      assert.is(r.code, 2, file);
      assert.match(r.stderr, /E_TDD_RUNS_CORRUPT.*not JSON/);
      assert.ok(r.stderr.includes(`${file}:3:1`), r.stderr);
      assert.is(readFileSync(join(dir, file), "utf8"), '{"runs": [\n  {"key": "all",\n');
    }
  },
);

run(
  "from a linked worktree, a count below the base branch's last run (recorded in the main checkout) is refused",
  async () => {
    const dir = project("all");
    await commitThroughGate(dir);
    const wt = join(dir, ".worktrees/agent");
    git(dir, "worktree", "add", "-q", "-b", "agent", wt);
    writeFiles(wt, { "src/b.test.mjs": nodeTest(["three"]) });
    git(wt, "add", "-A");
    const r = await runCli(["precommit", "--json"], { cwd: wt, env: { WF_TDD_BYPASS: "" } });
    assert.is(r.code, 1, r.stderr);
    const data = json(r);
    assert.match(
      data.violations.find((x: { kind: string }) => x.kind === "test_count")?.message ?? JSON.stringify(data),
      /the test count fell from 4 to 3 \(node:test\) compared with the last recorded run on the base branch main/,
    );
    // a green commit in the worktree is recorded where the main checkout sees it
    writeFiles(wt, { "src/b.test.mjs": nodeTest(["three", "four", "five"]) });
    git(wt, "add", "-A");
    assert.is((await runCli(["precommit"], { cwd: wt })).code, 0);
    assert.equal(
      JSON.parse(readFileSync(join(dir, RUNS), "utf8")).runs.map((r: { count: number; branch: string }) => [
        r.count,
        r.branch,
      ]),
      [
        [4, "main"],
        [5, "agent"],
      ],
    );
  },
);

run("the record stays out of every working tree: a team that commits .ai/ keeps a clean checkout", async () => {
  const dir = project("all");
  await commitThroughGate(dir);
  assert.is(git(dir, "status", "--porcelain", "--untracked-files=all"), "");
  assert.not.ok(existsSync(join(dir, OLD_RUNS)));
});

run("runs recorded in the old place (the sessions history) are still compared with, and left as they are", async () => {
  const dir = project("all");
  const record = { time: "2026-01-01T00:00:00.000Z", branch: "main", head: null, tree: null, key: "all", count: 5 };
  const old = `${JSON.stringify({ version: 1, runs: [{ ...record, runner: "node:test" }] }, null, 2)}\n`;
  mkdirSync(join(dir, ".ai/project/sessions/history"), { recursive: true });
  writeFileSync(join(dir, OLD_RUNS), old);
  writeFiles(dir, { "src/a.mjs": "export const a = 2;\n" });
  git(dir, "add", "-A");
  const r = await runCli(["precommit", "--json"], { cwd: dir, env: { WF_TDD_BYPASS: "" } });
  assert.is(r.code, 1, r.stderr);
  assert.match(json(r).violations[0].message, /the test count fell from 5 to 4/);
  assert.is(readFileSync(join(dir, OLD_RUNS), "utf8"), old);
});

run.run();
