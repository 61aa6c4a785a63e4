// The gate re-runs the tests: a repo with a uvu suite of 3 tests and enforcement.tdd.testCommand
// set, real `git commit`s through the installed hook. Dropping a test case and breaking a test are
// refused; a commit that keeps the suite green goes in.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { CLI, GIT_ENV, ROOT, git, gitRepo, runBuilt, writeFiles } from "../_support/index.ts";

const UVU = join(ROOT, "node_modules/uvu/bin.js");
const source = (sum: string) => `export const add = (a, b) => ${sum};\nexport const neg = (a) => -a;\n`;
const cases = (n: number) =>
  [
    `test("adds", () => { assert.is(add(1, 2), 3); });`,
    `test("adds zero", () => { assert.is(add(5, 0), 5); });`,
    `test("negates", () => { assert.is(neg(2), -2); });`,
    `test("negates zero", () => { assert.is(neg(0), -0); });`,
  ].slice(0, n);
const suite = (n: number) =>
  `import { test } from "uvu";\nimport * as assert from "uvu/assert";\nimport { add, neg } from "./math.mjs";\n\n${cases(n).join("\n")}\n\ntest.run();\n`;

function commit(dir: string, message: string) {
  const r = spawnSync("git", ["commit", "-q", "-m", message], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ...GIT_ENV, NO_COLOR: "1" },
  });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

test("with testCommand set, a commit that drops a test case or breaks a test is refused; a green one goes in", () => {
  const dir = gitRepo({ "README.md": "# math\n", ".gitignore": "node_modules\n" });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  writeFiles(dir, {
    ".workflowrc.json": JSON.stringify({ enforcement: { tdd: { testCommand: `node ${UVU} src`, testScope: "all" } } }),
  });
  const install = runBuilt(["hooks", "install", "--command", `node ${CLI} precommit`], { cwd: dir });
  assert.is(install.code, 0, install.stderr);

  writeFiles(dir, { "src/math.mjs": source("a + b"), "src/math.test.mjs": suite(3) });
  git(dir, "add", "-A");
  const first = commit(dir, "math with 3 tests");
  assert.is(first.code, 0, first.output);
  const runs = JSON.parse(readFileSync(join(dir, ".git/wf-task/test-runs.json"), "utf8")).runs;
  assert.equal(
    runs.map((r: { runner: string; count: number; branch: string }) => [r.runner, r.count, r.branch]),
    [["uvu", 3, "main"]],
  );
  const head = git(dir, "rev-parse", "HEAD");

  writeFiles(dir, { "src/math.test.mjs": suite(2) });
  git(dir, "add", "-A");
  const dropped = commit(dir, "fewer tests");
  assert.is(dropped.code, 1, dropped.output);
  assert.match(dropped.output, "- the test count fell from 3 to 2 (uvu) compared with the last recorded run on main");
  assert.match(dropped.output, "Commit blocked. Make the tests pass and keep every test.");
  assert.is(git(dir, "rev-parse", "HEAD"), head);
  git(dir, "checkout", "-q", "HEAD", "--", "src/math.test.mjs");

  // The staged tree is what runs: the broken file is staged, the working copy is fixed again.
  writeFiles(dir, { "src/math.mjs": source("a - b") });
  git(dir, "add", "-A");
  writeFiles(dir, { "src/math.mjs": source("a + b") });
  const broken = commit(dir, "break add");
  assert.is(broken.code, 1, broken.output);
  assert.match(broken.output, /- the tests fail on the staged tree \(1 of 3 tests failed\)/);
  assert.is(git(dir, "rev-parse", "HEAD"), head);

  git(dir, "add", "-A");
  writeFiles(dir, { "src/math.test.mjs": suite(4) });
  git(dir, "add", "-A");
  const green = commit(dir, "one more test");
  assert.is(green.code, 0, green.output);
  assert.is.not(git(dir, "rev-parse", "HEAD"), head);
  const after = JSON.parse(readFileSync(join(dir, ".git/wf-task/test-runs.json"), "utf8")).runs;
  assert.equal(
    after.map((r: { count: number }) => r.count),
    [3, 4],
  );
  assert.ok(!existsSync(join(dir, "src/node_modules")));
});

test.run();
