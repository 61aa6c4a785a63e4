import { suite } from "uvu";
import * as assert from "uvu/assert";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { defaultConfig } from "../../lib/config/defaults.ts";
import { checkDeletion } from "../../lib/enforcement/deletions.ts";
import { testRules } from "../../lib/enforcement/mapping.ts";
import { git, gitRepo, writeFiles } from "../_support/index.ts";

const rules = testRules(defaultConfig().enforcement.tdd);
const cartTest = `import { it } from "uvu";\nit("adds", () => { expect(add(1)).toBe(1); });\nit("removes", () => { expect(rm(1)).toBe(0); });\n`;

function repoWithTests() {
  return gitRepo({
    "src/cart.ts": "export const add = (n) => n;\n",
    "test/cart.test.ts": cartTest,
    "tests/OrderTest.php": "<?php\nclass OrderTest { public function testTotal() { $this->assertSame(1, 1); } }\n",
  });
}

const deletions = suite("checkDeletion");

deletions("detects a commit that deletes a test file", async () => {
  const dir = repoWithTests();
  git(dir, "rm", "-q", "tests/OrderTest.php");
  git(dir, "commit", "-q", "-m", "drop order test");
  const r = await checkDeletion({ cwd: dir }, { commit: "HEAD" }, rules);
  assert.is(r.tests_deleted, true);
  assert.equal(r.deleted_tests, ["tests/OrderTest.php"]);
});

deletions("finds nothing in a commit that only adds code and tests", async () => {
  const dir = repoWithTests();
  writeFiles(dir, {
    "src/tax.ts": "export const tax = 1;\n",
    "test/tax.test.ts": `it("taxes", () => { expect(tax).toBe(1); });\n`,
  });
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "tax");
  const r = await checkDeletion({ cwd: dir }, { commit: "HEAD" }, rules);
  assert.equal([r.tests_deleted, r.deleted_tests, r.weakened], [false, [], []]);
});

deletions("detects a staged deletion and a test renamed to a non-test path", async () => {
  const dir = repoWithTests();
  git(dir, "rm", "-q", "tests/OrderTest.php");
  git(dir, "mv", "test/cart.test.ts", "src/cart-old.ts");
  const r = await checkDeletion({ cwd: dir }, { staged: true }, rules);
  assert.equal(r.deleted_tests.sort(), ["test/cart.test.ts", "tests/OrderTest.php"]);
  assert.equal(r.renamed_away, [{ from: "test/cart.test.ts", to: "src/cart-old.ts" }]);
});

deletions("detects a removed it( and an added .skip as weakened tests", async () => {
  const dir = repoWithTests();
  writeFiles(dir, {
    "test/cart.test.ts": `import { it } from "uvu";\nit.skip("adds", () => { expect(add(1)).toBe(1); });\n`,
  });
  git(dir, "add", "-A");
  const r = await checkDeletion({ cwd: dir }, { staged: true }, rules);
  const kinds = r.weakened.map((w) => `${w.kind} ${w.before}→${w.after}`);
  assert.equal(kinds, ["cases_removed 2→1", "skip_added 0→1", "assertions_dropped 2→1"]);
  assert.is(r.tests_deleted, false);
  assert.match(r.weakened[0]!.message, "test/cart.test.ts lost 1 test case (2 → 1)");
});

deletions("checks a range A..B as one net change, for CI", async () => {
  const dir = repoWithTests();
  const base = git(dir, "rev-parse", "HEAD");
  rmSync(join(dir, "tests/OrderTest.php"));
  git(dir, "commit", "-q", "-am", "one");
  writeFiles(dir, { "src/cart.ts": "export const add = (n) => n + 0;\n" });
  git(dir, "commit", "-q", "-am", "two");
  const r = await checkDeletion({ cwd: dir }, { range: `${base}..HEAD` }, rules);
  assert.equal(r.deleted_tests, ["tests/OrderTest.php"]);
});

deletions("handles the root commit (no parent)", async () => {
  const dir = repoWithTests();
  const root = git(dir, "rev-list", "--max-parents=0", "HEAD");
  const r = await checkDeletion({ cwd: dir }, { commit: root }, rules);
  assert.is(r.tests_deleted, false);
});

deletions("rejects a revision that looks like an option", async () => {
  const dir = repoWithTests();
  try {
    await checkDeletion({ cwd: dir }, { commit: "--output=/tmp/x" }, rules);
    assert.unreachable();
  } catch (error) {
    assert.is((error as { code: string }).code, "E_USAGE");
  }
});

deletions.run();
