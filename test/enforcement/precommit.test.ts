import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { git, gitRepo, runCli, writeFiles } from "../_support/index.ts";

const orderTest = `<?php\nclass OrderTest extends TestCase {\n  public function testTotal(): void { $this->assertSame(3, (new Order())->total()); }\n}\n`;
const cartTest = `import { it } from "uvu";\nit("adds", () => { expect(add(1)).toBe(1); });\nit("removes", () => { expect(rm(1)).toBe(0); });\n`;

function project(config: object = {}) {
  return gitRepo({
    ".workflowrc.json": JSON.stringify(config),
    "src/Order.php": "<?php class Order { public function total() { return 3; } }\n",
    "tests/OrderTest.php": orderTest,
    "src/cart.ts": "export const add = (n: number) => n;\n",
    "src/cart.test.ts": cartTest,
  });
}

function stage(dir: string, files: Record<string, string>) {
  writeFiles(dir, files);
  git(dir, "add", "-A");
}

const gate = suite("precommit");

gate("blocks a new source file without a test, in the plan's message shape, exit 1", async () => {
  const dir = project();
  stage(dir, { "src/User.php": "<?php class User {}\n" });
  const r = await runCli(["precommit"], { cwd: dir });
  assert.is(r.code, 1);
  assert.is(
    r.stderr.trim(),
    "ERROR: TDD Violation\n- src/User.php has no test file (expected: tests/Unit/UserTest.php)\nCommit blocked. Write tests first.",
  );
});

gate("lets a new source file through with its test staged", async () => {
  const dir = project();
  stage(dir, {
    "src/User.php": "<?php class User {}\n",
    "tests/Unit/UserTest.php": "<?php class UserTest { public function testName() { $this->assertTrue(true); } }\n",
  });
  const r = await runCli(["precommit"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, "");
});

gate("lets a new source file through when its test is already committed", async () => {
  const dir = project();
  stage(dir, { "tests/UserTest.php": "<?php class UserTest {}\n" });
  git(dir, "commit", "-q", "-m", "test first");
  stage(dir, { "src/User.php": "<?php class User {}\n" });
  assert.is((await runCli(["precommit"], { cwd: dir })).code, 0);
});

gate("blocks a deleted test file", async () => {
  const dir = project();
  git(dir, "rm", "-q", "tests/OrderTest.php");
  const r = await runCli(["precommit"], { cwd: dir });
  assert.is(r.code, 1);
  assert.match(r.stderr, "- tests/OrderTest.php was deleted\n");
});

gate("blocks weakened tests: a removed it( and an added .skip", async () => {
  const dir = project();
  stage(dir, {
    "src/cart.test.ts": `import { it } from "uvu";\nit.skip("adds", () => { expect(add(1)).toBe(1); });\nit("x", () => { expect(1).toBe(1); });\n`,
  });
  let r = await runCli(["precommit", "--json"], { cwd: dir });
  assert.is(r.code, 1);
  assert.equal(
    JSON.parse(r.stdout).violations.map((v: { kind: string }) => v.kind),
    ["test_weakened"],
  );
  assert.match(JSON.parse(r.stdout).violations[0].message, "src/cart.test.ts adds 1 skipped or focused test");
  stage(dir, { "src/cart.test.ts": `import { it } from "uvu";\nit("adds", () => { expect(add(1)).toBe(1); });\n` });
  r = await runCli(["precommit"], { cwd: dir });
  assert.is(r.code, 1);
  assert.match(r.stderr, "- src/cart.test.ts lost 1 test case (2 → 1)");
});

gate("strictness warn prints the violations and exits 0", async () => {
  const dir = project({ enforcement: { tdd: { strictness: "warn" } } });
  stage(dir, { "src/User.php": "<?php class User {}\n" });
  const r = await runCli(["precommit"], { cwd: dir });
  assert.is(r.code, 0);
  assert.match(r.stderr, "WARNING: TDD Violation\n- src/User.php has no test file");
  assert.match(r.stderr, "Commit allowed (strictness: warn).");
});

gate("strictness off and enabled: false skip the gate", async () => {
  for (const tdd of [{ strictness: "off" }, { enabled: false }]) {
    const dir = project({ enforcement: { tdd } });
    stage(dir, { "src/User.php": "<?php class User {}\n" });
    const r = await runCli(["precommit"], { cwd: dir });
    assert.equal([r.code, r.stderr], [0, ""]);
  }
});

gate("WF_TDD_BYPASS lets one commit through and logs reason, user and commit; the next is blocked again", async () => {
  const dir = project();
  const parent = git(dir, "rev-parse", "HEAD");
  stage(dir, { "src/User.php": "<?php class User {}\n" });
  const r = await runCli(["precommit"], { cwd: dir, env: { WF_TDD_BYPASS: "hotfix for #12" } });
  assert.is(r.code, 0);
  assert.match(r.stderr, "Commit allowed by WF_TDD_BYPASS: hotfix for #12");
  const log = join(dir, ".ai/project/sessions/history/bypass.log");
  const entry = JSON.parse(readFileSync(log, "utf8").trim());
  assert.equal(
    [entry.reason, entry.user, entry.parent, entry.branch],
    ["hotfix for #12", "Test <test@example.com>", parent, "main"],
  );
  assert.equal(entry.violations, ["src/User.php has no test file (expected: tests/Unit/UserTest.php)"]);
  git(dir, "commit", "-q", "-m", "bypassed");
  assert.is(git(dir, "log", "-1", "--format=%T"), entry.tree);
  stage(dir, { "src/Invoice.php": "<?php class Invoice {}\n" });
  assert.is((await runCli(["precommit"], { cwd: dir, env: { WF_TDD_BYPASS: "" } })).code, 1);
});

gate("ignores exempt files, test files and modified source files", async () => {
  const dir = project();
  stage(dir, {
    "docs/guide.md": "# guide\n",
    "src/types.d.ts": "export type A = 1;\n",
    "src/cart.ts": "export const add = (n: number) => n + 0;\n",
    "styles/site.css": "a{}\n",
  });
  const r = await runCli(["precommit", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stdout);
  assert.equal(JSON.parse(r.stdout).staged, { files: 4, sources: 0, tests: 0 });
});

gate("blocks when a coverage report is below minCoverage", async () => {
  const dir = project({ enforcement: { tdd: { minCoverage: 80 } } });
  writeFiles(dir, { "coverage/lcov.info": "SF:src/cart.ts\nLF:10\nLH:5\nend_of_record\n" });
  const r = await runCli(["precommit"], { cwd: dir });
  assert.is(r.code, 1);
  assert.match(r.stderr, "- line coverage 50% is below the minimum 80% (coverage/lcov.info)");
});

gate("trust gate: a staged low-trust path needs the Human-Reviewed trailer", async () => {
  const dir = project({ enforcement: { trust: { gate: true } } });
  stage(dir, {
    "src/auth/login.ts": "export const login = 1;\n",
    "src/auth/login.test.ts": "it('logs in', () => expect(login).toBe(1));\n",
  });
  writeFiles(dir, { "msg.txt": "add login\n" });
  let r = await runCli(["precommit", "--message-file", join(dir, "msg.txt")], { cwd: dir });
  assert.is(r.code, 1);
  assert.match(r.stderr, /^ERROR: Trust Gate Violation\n/);
  assert.match(r.stderr, '- src/auth/login.ts is low trust: add a "Human-Reviewed: <name>" trailer');
  writeFiles(dir, { "msg.txt": "add login\n\nHuman-Reviewed: Ada\n" });
  r = await runCli(["precommit", "--message-file", join(dir, "msg.txt")], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
});

gate("trust gate: enforcement.trust.allow lets a low-trust glob through", async () => {
  const dir = project({ enforcement: { trust: { gate: true, allow: ["src/auth/**"] } } });
  stage(dir, { "src/auth/login.ts": "export const login = 1;\n" });
  writeFiles(dir, { "msg.txt": "add login\n" });
  assert.is((await runCli(["precommit", "--message-file", join(dir, "msg.txt")], { cwd: dir })).code, 0);
  assert.not.ok(existsSync(join(dir, ".ai/project/sessions/history/bypass.log")));
});

gate.run();
