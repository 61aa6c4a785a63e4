// The pre-commit gate as a user meets it: husky installed by `husky init`, `wf-task hooks install`,
// then real `git commit`s, in the main worktree and in a linked worktree.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CLI, GIT_ENV, ROOT, git, gitRepo, runBuilt, tempDir, writeFiles } from "../_support/index.ts";

const HUSKY = join(ROOT, "node_modules/husky/bin.js");

function commit(dir: string, message: string, env: Record<string, string> = {}): { code: number; output: string } {
  const r = spawnSync("git", ["commit", "-q", "-m", message], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ...GIT_ENV, NO_COLOR: "1", ...env },
  });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

function add(dir: string, files: Record<string, string>) {
  writeFiles(dir, files);
  git(dir, "add", "-A");
}

/** Blocked without tests, allowed with tests, blocked on a test deletion — in `dir`. */
function exercise(dir: string, name: string) {
  const head = git(dir, "rev-parse", "HEAD");
  add(dir, { [`src/${name}.php`]: `<?php class ${name} {}\n` });
  const blocked = commit(dir, `add ${name}`);
  assert.is(blocked.code, 1, blocked.output);
  assert.match(
    blocked.output,
    `ERROR: TDD Violation\n- src/${name}.php has no test file (expected: tests/Unit/${name}Test.php)\nCommit blocked. Write tests first.`,
  );
  assert.is(git(dir, "rev-parse", "HEAD"), head);

  add(dir, {
    [`tests/Unit/${name}Test.php`]:
      `<?php\n` +
      `class ${name}Test extends TestCase {\n` +
      `  public function testMake(): void { $this->assertInstanceOf(${name}::class, new ${name}()); }\n` +
      `}\n`,
  });
  const allowed = commit(dir, `add ${name} with its test`);
  assert.is(allowed.code, 0, allowed.output);
  assert.is.not(git(dir, "rev-parse", "HEAD"), head);

  git(dir, "rm", "-q", `tests/Unit/${name}Test.php`);
  const deleted = commit(dir, `drop ${name}'s test`);
  assert.is(deleted.code, 1, deleted.output);
  assert.match(deleted.output, `- tests/Unit/${name}Test.php was deleted`);
  git(dir, "reset", "-q", "--hard", "HEAD");
}

const e2e = suite("precommit e2e");

e2e("husky + hooks install: real commits are blocked and allowed in the main and a linked worktree", () => {
  const dir = gitRepo({
    "package.json": `${JSON.stringify({ name: "shop", private: true, scripts: { test: "exit 0" } }, null, 2)}\n`,
  });
  const init = spawnSync(process.execPath, [HUSKY, "init"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, npm_config_user_agent: "npm/11" },
  });
  assert.is(init.status, 0, init.stderr);
  assert.is(git(dir, "config", "core.hooksPath"), ".husky/_");

  const install = runBuilt(["hooks", "install", "--command", `node ${CLI} precommit`], { cwd: dir });
  assert.is(install.code, 0, install.stderr);
  const hook = readFileSync(join(dir, ".husky/pre-commit"), "utf8");
  assert.ok(hook.startsWith("# >>> wf-task >>>\n") && hook.endsWith("npm test\n"), hook);
  add(dir, {});
  const setup = commit(dir, "husky and the TDD gate");
  assert.is(setup.code, 0, setup.output);

  exercise(dir, "User");

  const wt = join(tempDir("wf-e2e-wt-"), "agent");
  git(dir, "worktree", "add", "-q", "-b", "agent", wt);
  const before = runBuilt(["hooks", "status", "--json"], { cwd: wt });
  assert.equal(
    JSON.parse(before.stdout).worktrees.map((w: { runs: boolean }) => w.runs),
    [true, false],
  );
  assert.is(runBuilt(["hooks", "install", "--command", `node ${CLI} precommit`], { cwd: wt }).code, 0);
  const after = runBuilt(["hooks", "status", "--json"], { cwd: wt });
  assert.is(after.code, 0, after.stdout);
  assert.equal(
    JSON.parse(after.stdout).worktrees.map((w: { path: string }) => w.path),
    [dir, wt],
  );

  exercise(wt, "Order");
});

e2e("plain git hook (no husky): installed once from a linked worktree, enforced in both", () => {
  const dir = gitRepo();
  const wt = join(tempDir("wf-e2e-wt-"), "agent");
  git(dir, "worktree", "add", "-q", "-b", "agent", wt);
  const install = runBuilt(["hooks", "install", "--command", `node ${CLI} precommit`], { cwd: wt });
  assert.is(install.code, 0, install.stderr);
  exercise(dir, "Cart");
  exercise(wt, "Invoice");
});

e2e("WF_TDD_BYPASS lets a real commit through and logs it", () => {
  const dir = gitRepo();
  assert.is(runBuilt(["hooks", "install", "--command", `node ${CLI} precommit`], { cwd: dir }).code, 0);
  add(dir, { "src/Hotfix.php": "<?php class Hotfix {}\n" });
  const r = commit(dir, "hotfix", { WF_TDD_BYPASS: "prod is down" });
  assert.is(r.code, 0, r.output);
  const entry = JSON.parse(readFileSync(join(dir, ".ai/project/sessions/history/bypass.log"), "utf8"));
  assert.is(entry.reason, "prod is down");
  assert.is(entry.tree, git(dir, "log", "-1", "--format=%T"));
});

e2e.run();
