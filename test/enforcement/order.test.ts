import { suite } from "uvu";
import * as assert from "uvu/assert";
import { defaultConfig } from "../../lib/config/defaults.ts";
import { testRules } from "../../lib/enforcement/mapping.ts";
import { verifyOrder, verifyOrderRange } from "../../lib/enforcement/order.ts";
import { git, gitRepo, writeFiles } from "../_support/index.ts";

const rules = testRules(defaultConfig().enforcement.tdd);

function commit(dir: string, files: Record<string, string>, message: string): string {
  writeFiles(dir, files);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", message);
  return git(dir, "rev-parse", "HEAD");
}

const order = suite("verifyOrder");

order("is compliant when the test was committed before the implementation", async () => {
  const dir = gitRepo();
  const t = commit(dir, { "tests/Unit/UserTest.php": "<?php\n" }, "test first");
  const i = commit(dir, { "src/User.php": "<?php\n" }, "then code");
  const r = await verifyOrder({ cwd: dir }, ["src/User.php"], rules);
  assert.equal(r.files[0], {
    file: "src/User.php",
    compliant: true,
    test_commit: t,
    impl_commit: i,
    test_first: true,
    test_file: "tests/Unit/UserTest.php",
  });
  assert.is(r.compliant, true);
});

order("is compliant when test and implementation come in the same commit", async () => {
  const dir = gitRepo();
  const c = commit(dir, { "src/cart.ts": "x\n", "src/cart.test.ts": "it('x', () => {});\n" }, "both");
  const r = await verifyOrder({ cwd: dir }, ["src/cart.ts"], rules);
  assert.equal(
    [r.compliant, r.files[0]!.test_first, r.files[0]!.test_commit, r.files[0]!.impl_commit],
    [true, false, c, c],
  );
});

order("flags an implementation committed before its test", async () => {
  const dir = gitRepo();
  const i = commit(dir, { "src/cart.ts": "x\n" }, "code first");
  const t = commit(dir, { "test/cart.test.ts": "it('x', () => {});\n" }, "test later");
  const r = await verifyOrder({ cwd: dir }, ["src/cart.ts"], rules);
  assert.is(r.compliant, false);
  assert.equal(
    r.violations.map((v) => [v.impl_commit, v.test_commit, v.test_first]),
    [[i, t, false]],
  );
});

order("flags an implementation with no test at all", async () => {
  const dir = gitRepo();
  commit(dir, { "pkg/x.py": "x = 1\n" }, "code only");
  const r = await verifyOrder({ cwd: dir }, ["pkg/x.py"], rules);
  assert.equal([r.compliant, r.files[0]!.test_commit], [false, null]);
});

order("checks every implementation file added in a range", async () => {
  const dir = gitRepo();
  commit(dir, { "tests/test_old.py": "def test_a():\n    assert True\n" }, "old test");
  const base = git(dir, "rev-parse", "HEAD");
  commit(dir, { "src/good.ts": "x\n", "src/good.test.ts": "it('x', () => {});\n" }, "good");
  commit(dir, { "src/bad.ts": "x\n" }, "bad");
  commit(dir, { "old.py": "x\n", "docs/readme.md": "# x\n" }, "old code, test came before the range");
  const r = await verifyOrderRange({ cwd: dir }, `${base}..HEAD`, rules);
  assert.equal(r.files.map((f) => [f.file, f.compliant]).sort(), [
    ["old.py", true],
    ["src/bad.ts", false],
    ["src/good.ts", true],
  ]);
  assert.equal(
    r.violations.map((v) => v.file),
    ["src/bad.ts"],
  );
  assert.is(r.files.find((f) => f.file === "old.py")!.test_before_range, true);
});

order.run();
