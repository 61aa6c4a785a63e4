import { suite } from "uvu";
import * as assert from "uvu/assert";
import { git, gitRepo, runCli, writeFiles } from "../../_support/index.ts";

function commit(dir: string, files: Record<string, string>, message: string): string {
  writeFiles(dir, files);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", message);
  return git(dir, "rev-parse", "HEAD");
}

const check = suite("tdd check");

check("reports a missing test with the expected path and exits 1", async () => {
  const dir = gitRepo({ "src/User.php": "<?php\n" });
  const r = await runCli(["tdd", "check", "src/User.php"], { cwd: dir });
  assert.is(r.code, 1);
  assert.is(r.stdout.trim(), "✗ src/User.php has no test file (expected: tests/Unit/UserTest.php)");
});

check("prints {has_tests, test_file, candidates, coverage} with --json", async () => {
  const dir = gitRepo({ "src/cart.ts": "x\n", "test/cart.test.ts": "it('x', () => {});\n" });
  const r = await runCli(["tdd", "check", "src/cart.ts", "--json"], { cwd: dir });
  assert.is(r.code, 0);
  const body = JSON.parse(r.stdout);
  assert.equal([body.has_tests, body.test_file, body.coverage, body.ok], [true, "test/cart.test.ts", null, true]);
  assert.ok(body.candidates.includes("src/cart.test.ts"));
});

check("takes paths relative to the working directory", async () => {
  const dir = gitRepo({ "src/cart.ts": "x\n", "src/cart.test.ts": "it('x', () => {});\n" });
  const r = await runCli(["--cwd", `${dir}/src`, "tdd", "check", "cart.ts", "--json"]);
  assert.is(JSON.parse(r.stdout).file, "src/cart.ts");
});

check("refuses a path outside the project with exit 2", async () => {
  const dir = gitRepo();
  const r = await runCli(["tdd", "check", "../../etc/passwd"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, "E_USAGE");
});

// ---

const order = suite("tdd order");

order("says compliant for a test-first file and exits 0", async () => {
  const dir = gitRepo();
  commit(dir, { "tests/test_x.py": "def test_x():\n    assert True\n" }, "test");
  commit(dir, { "x.py": "x = 1\n" }, "code");
  const r = await runCli(["tdd", "order", "x.py", "--json"], { cwd: dir });
  assert.is(r.code, 0);
  const body = JSON.parse(r.stdout);
  assert.equal([body.compliant, body.test_first, body.file], [true, true, "x.py"]);
});

order("flags implementation-first with exit 1, over a range too", async () => {
  const dir = gitRepo();
  const base = git(dir, "rev-parse", "HEAD");
  const impl = commit(dir, { "src/cart.ts": "x\n" }, "code");
  commit(dir, { "src/cart.test.ts": "it('x', () => {});\n" }, "test");
  const one = await runCli(["tdd", "order", "src/cart.ts"], { cwd: dir });
  assert.is(one.code, 1);
  assert.match(one.stdout, `✗ src/cart.ts: implementation first — impl ${impl.slice(0, 7)}`);
  const range = await runCli(["tdd", "order", "--range", `${base}..HEAD`, "--json"], { cwd: dir });
  assert.is(range.code, 1);
  assert.equal(
    JSON.parse(range.stdout).violations.map((v: { file: string }) => v.file),
    ["src/cart.ts"],
  );
});

order("needs files or a range (exit 2)", async () => {
  const r = await runCli(["tdd", "order"], { cwd: gitRepo() });
  assert.is(r.code, 2);
});

// ---

const deletions = suite("tdd deletions");

deletions("reports a commit that deleted a test, exit 1", async () => {
  const dir = gitRepo({ "tests/OrderTest.php": "<?php\n" });
  git(dir, "rm", "-q", "tests/OrderTest.php");
  git(dir, "commit", "-q", "-m", "drop");
  const r = await runCli(["tdd", "deletions", "HEAD", "--json"], { cwd: dir });
  assert.is(r.code, 1);
  assert.equal(JSON.parse(r.stdout).deleted_tests, ["tests/OrderTest.php"]);
});

deletions("checks the staged changes by default and exits 0 when clean", async () => {
  const dir = gitRepo({ "tests/OrderTest.php": "<?php\n" });
  const r = await runCli(["tdd", "deletions"], { cwd: dir });
  assert.equal([r.code, r.stdout.trim()], [0, "No deleted or weakened tests (staged)."]);
});

deletions("says which commit is unknown, exit 2", async () => {
  const r = await runCli(["tdd", "deletions", "no-such-commit"], { cwd: gitRepo() });
  assert.is(r.code, 2);
  assert.match(r.stderr, "unknown commit `no-such-commit`");
});

check.run();
order.run();
deletions.run();
