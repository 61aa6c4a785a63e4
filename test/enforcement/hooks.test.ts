import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  armHooks,
  callsMigratedGate,
  gitHooksStatus,
  installGitHooks,
  uninstallGitHooks,
} from "../../lib/enforcement/hooks.ts";
import { shimText } from "../../lib/migrate/shim.ts";
import { ROOT, git, gitRepo, runCli, tempDir, writeFiles } from "../_support/index.ts";

const HUSKY = join(ROOT, "node_modules/husky/bin.js");

function huskyRepo(): string {
  const dir = gitRepo({ "package.json": JSON.stringify({ name: "shop", scripts: { test: "exit 0" } }) });
  const r = spawnSync(process.execPath, [HUSKY, "init"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, npm_config_user_agent: "npm/11" },
  });
  assert.is(r.status, 0, r.stderr);
  return dir;
}

function linkedWorktree(dir: string, name = "wt"): string {
  const path = join(tempDir("wf-wt-"), name);
  git(dir, "worktree", "add", "-q", "-b", name, path);
  return path;
}

const plain = suite("plain git hooks");

plain("writes an executable .git/hooks/pre-commit calling the gate, once", () => {
  const dir = gitRepo();
  const first = installGitHooks({ git: { cwd: dir } });
  const file = join(dir, ".git/hooks/pre-commit");
  assert.equal(
    first.files.map((f) => [f.action, f.file]),
    [["created", file]],
  );
  assert.match(readFileSync(file, "utf8"), '"$wf" precommit || exit $?');
  assert.ok(statSync(file).mode & 0o100);
  assert.is(installGitHooks({ git: { cwd: dir } }).files[0]!.action, "unchanged");
  assert.is(installGitHooks({ git: { cwd: dir }, command: "node cli.js precommit" }).files[0]!.action, "updated");
  assert.match(readFileSync(file, "utf8"), "node cli.js precommit || exit $?");
});

plain("warns when the default command cannot find wf-task in the project", () => {
  const dir = gitRepo();
  assert.match(
    installGitHooks({ git: { cwd: dir }, env: { PATH: "/usr/bin:/bin" } }).warnings.join("\n"),
    "wf-task is installed neither in this project nor on PATH",
  );
  assert.equal(installGitHooks({ git: { cwd: dir }, command: "node cli.js precommit" }).warnings, []);
});

plain("refuses another tool's hook without --force; with it keeps that hook and runs it first", () => {
  const dir = gitRepo();
  const file = join(dir, ".git/hooks/pre-commit");
  writeFileSync(file, "#!/bin/sh\necho lint\n", { mode: 0o755 });
  assert.throws(
    () => installGitHooks({ git: { cwd: dir } }),
    (e: { code: string }) => e.code === "E_HOOK_FOREIGN",
  );
  assert.is(readFileSync(file, "utf8"), "#!/bin/sh\necho lint\n");
  const r = installGitHooks({ git: { cwd: dir }, force: true });
  assert.is(r.files[0]!.backup, `${file}.pre-wf-task`);
  assert.match(readFileSync(file, "utf8"), '"$(dirname "$0")/pre-commit.pre-wf-task" "$@" || exit $?');
  assert.equal(uninstallGitHooks({ git: { cwd: dir }, hooks: ["pre-commit"] }).files[0]!.action, "restored");
  assert.is(readFileSync(file, "utf8"), "#!/bin/sh\necho lint\n");
});

plain("respects core.hooksPath", () => {
  const dir = gitRepo();
  git(dir, "config", "core.hooksPath", "githooks");
  installGitHooks({ git: { cwd: dir } });
  assert.ok(existsSync(join(dir, "githooks/pre-commit")));
  assert.not.ok(existsSync(join(dir, ".git/hooks/pre-commit")));
});

plain("installs once from inside a linked worktree, and every worktree runs it", async () => {
  const dir = gitRepo();
  const wt = linkedWorktree(dir);
  installGitHooks({ git: { cwd: wt } });
  assert.ok(existsSync(join(dir, ".git/hooks/pre-commit")));
  const status = await gitHooksStatus(dir);
  assert.equal(
    status.worktrees.map((w) => [w.path, w.branch, w.runs]),
    [
      [dir, "main", true],
      [wt, "wt", true],
    ],
  );
});

plain("uninstall deletes a hook wf-task created", () => {
  const dir = gitRepo();
  installGitHooks({ git: { cwd: dir }, hooks: ["pre-commit", "commit-msg"] });
  assert.match(readFileSync(join(dir, ".git/hooks/commit-msg"), "utf8"), '--message-file "$1"');
  const r = uninstallGitHooks({ git: { cwd: dir } });
  assert.equal(
    r.files.map((f) => f.action),
    ["deleted", "deleted"],
  );
  assert.not.ok(existsSync(join(dir, ".git/hooks/pre-commit")));
});

// ---

const husky = suite("husky");

husky("adds the gate to .husky/pre-commit, keeping the lines already there", () => {
  const dir = huskyRepo();
  const r = installGitHooks({ git: { cwd: dir } });
  assert.is(r.manager, "husky");
  const text = readFileSync(join(dir, ".husky/pre-commit"), "utf8");
  assert.ok(text.startsWith("# >>> wf-task >>>\n"), `the gate runs before the project's steps:\n${text}`);
  assert.ok(text.endsWith("# <<< wf-task <<<\nnpm test\n"), text);
  assert.match(text, '"$wf" precommit || exit $?');
  const removed = uninstallGitHooks({ git: { cwd: dir }, hooks: ["pre-commit"] });
  assert.is(removed.files[0]!.action, "removed");
  assert.is(readFileSync(join(dir, ".husky/pre-commit"), "utf8"), "npm test\n");
});

husky("status shows a linked worktree where husky's runner is missing, and install fixes it", async () => {
  const dir = huskyRepo();
  installGitHooks({ git: { cwd: dir } });
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "--no-verify", "-m", "hooks");
  const wt = linkedWorktree(dir);
  let status = await gitHooksStatus(dir);
  assert.equal(
    status.worktrees.map((w) => w.runs),
    [true, false],
  );
  assert.match(status.worktrees[1]!.problem!, ".husky/_/pre-commit is missing in this worktree");
  const r = installGitHooks({ git: { cwd: wt } });
  assert.equal(r.worktrees_fixed, [wt]);
  status = await gitHooksStatus(wt);
  assert.equal(
    status.worktrees.map((w) => w.runs),
    [true, true],
  );
});

husky("`hooks status` exits 1 and names the problem when the gate is not installed", async () => {
  const dir = gitRepo();
  const r = await runCli(["hooks", "status"], { cwd: dir });
  assert.is(r.code, 1);
  assert.match(r.stdout, `✗ ${dir} [main] .git/hooks/pre-commit does not exist`);
  writeFiles(dir, {});
  assert.is((await runCli(["hooks", "install", "--json"], { cwd: dir })).code, 0);
  assert.is((await runCli(["hooks", "status"], { cwd: dir })).code, 0);
});

husky(
  "a hook that runs `wf-task migrate`'s gate (the pre_commit_tdd shim) counts as the gate: not added twice",
  async () => {
    const dir = huskyRepo();
    const shim = shimText(
      { sh: "hooks/pre_commit_tdd.sh", mjs: "hooks/pre_commit_tdd", functions: { tdd_pre_commit: [] } },
      ".ai/workflow/.bash-backup/hooks/pre_commit_tdd.sh",
    );
    writeFiles(dir, {
      ".husky/pre-commit": ".ai/workflow/hooks/pre_commit_tdd.sh\n",
      ".ai/workflow/hooks/pre_commit_tdd.sh": shim,
    });
    const status = await gitHooksStatus(dir);
    assert.equal(
      status.worktrees.map((w) => [w.installed, w.runs, w.problem]),
      [[true, true, null]],
    );
    const r = installGitHooks({ git: { cwd: dir } });
    assert.is(r.files[0]!.action, "unchanged");
    assert.is(readFileSync(join(dir, ".husky/pre-commit"), "utf8"), ".ai/workflow/hooks/pre_commit_tdd.sh\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "--no-verify", "-m", "migrated");
    const wt = linkedWorktree(dir);
    assert.equal(armHooks({ cwd: wt }, wt, dir).warnings, []);
    // the bash original (a branch from before the migration) is not wf-task's gate
    writeFiles(wt, { ".ai/workflow/hooks/pre_commit_tdd.sh": "#!/usr/bin/env bash\necho ok\n" });
    assert.match(armHooks({ cwd: wt }, wt, dir).warnings.join("\n"), "the TDD gate is not installed");
    const stale = await gitHooksStatus(dir);
    assert.equal(
      stale.worktrees.map((w) => w.runs),
      [true, false],
    );
    assert.match(
      stale.worktrees[1]!.problem!,
      "runs .ai/workflow/hooks/pre_commit_tdd.sh, which is still the bash original on this branch: bring the migration in",
    );
  },
);

plain("the migrated gate is found however the hook line writes its path, and not in a comment", () => {
  const dir = tempDir("wf-gate-");
  const shim = shimText(
    { sh: "hooks/pre_commit_tdd.sh", mjs: "hooks/pre_commit_tdd", functions: { tdd_pre_commit: [] } },
    ".ai/workflow/.bash-backup/hooks/pre_commit_tdd.sh",
  );
  writeFiles(dir, { ".ai/workflow/hooks/pre_commit_tdd.sh": shim });
  for (const line of [
    ".ai/workflow/hooks/pre_commit_tdd.sh",
    "bash .ai/workflow/hooks/pre_commit_tdd.sh || exit 1",
    "./.ai/workflow/hooks/pre_commit_tdd.sh",
    '"$(git rev-parse --show-toplevel)/.ai/workflow/hooks/pre_commit_tdd.sh" "$@"',
    `${dir}/.ai/workflow/hooks/pre_commit_tdd.sh`,
  ])
    assert.ok(callsMigratedGate(`#!/bin/sh\n${line}\n`, dir), line);
  for (const line of ["# .ai/workflow/hooks/pre_commit_tdd.sh", "npm test", "other/pre_commit_tdd.sh"])
    assert.not.ok(callsMigratedGate(`#!/bin/sh\n${line}\n`, dir), line);
  writeFiles(dir, { ".ai/workflow/hooks/pre_commit_tdd.sh": "#!/usr/bin/env bash\necho ok\n" });
  assert.not.ok(callsMigratedGate(".ai/workflow/hooks/pre_commit_tdd.sh\n", dir), "the bash original");
});

plain.run();
husky.run();
