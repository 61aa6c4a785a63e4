import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { git, gitRepo, installWfTask, json, runCli, writeFiles } from "../_support/index.ts";
import { worktreeSync } from "../../lib/parallel/sync.ts";
import { worktreeCreate } from "../../lib/parallel/worktrees.ts";
import { project, testEnv } from "./_helpers.ts";

const sync = suite("worktreeSync");

function commit(dir: string, files: Record<string, string>, msg = "c") {
  writeFiles(dir, files);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", msg);
}

sync("merges new commits of main into the worktree", async () => {
  const repo = gitRepo();
  const env = testEnv();
  const p = await project(repo, env);
  const wt = await worktreeCreate(p, "backend");
  commit(wt.path, { "mine.ts": "1" });
  commit(repo, { "theirs.ts": "2" });
  const r = await runCli(["worktree", "sync", "backend", "--json"], { cwd: repo, env });
  assert.is(r.code, 0, r.stderr);
  assert.is(json(r).status, "synced");
  assert.is(readFileSync(join(wt.path, "theirs.ts"), "utf8"), "2");
  assert.is(git(wt.path, "rev-list", "--count", "main..HEAD"), "2", "my commit plus the merge commit");
});

sync(
  "the files every agent writes (learnings, CLAUDE.md) merge by rule when the base comes in, by merge or rebase",
  async () => {
    for (const strategy of ["merge", "rebase"] as const) {
      const repo = gitRepo({ "README.md": "# r\n" });
      installWfTask(repo);
      const p = await project(repo);
      const wt = await worktreeCreate(p, "backend", { setup: false });
      for (const [dir, rule] of [
        [wt.path, "Retry with backoff"],
        [repo, "Store money as cents"],
      ]) {
        const r = await runCli(["compound", "capture", "bug", "found", "fixed", rule!, "--author", "a"], { cwd: dir });
        assert.is(r.code, 0, r.stderr);
        git(dir!, "add", "-A");
        git(dir!, "commit", "-q", "-m", rule!);
      }
      const r = await worktreeSync(p, "backend", { strategy });
      assert.equal([r.status, r.conflicts], ["synced", []], strategy);
      const learnings = readFileSync(join(wt.path, ".ai/project/learnings.yaml"), "utf8");
      assert.match(learnings, "rule: Retry with backoff");
      assert.match(learnings, "rule: Store money as cents");
      assert.match(readFileSync(join(wt.path, "CLAUDE.md"), "utf8"), /- (Retry with backoff|Store money as cents)\n- /);
    }
  },
);

sync("rebases instead when asked", async () => {
  const repo = gitRepo();
  const p = await project(repo);
  const wt = await worktreeCreate(p, "backend");
  commit(wt.path, { "mine.ts": "1" });
  commit(repo, { "theirs.ts": "2" });
  const r = await worktreeSync(p, "backend", { strategy: "rebase" });
  assert.is(r.status, "synced");
  assert.is(git(wt.path, "rev-list", "--count", "main..HEAD"), "1");
  assert.is(git(wt.path, "rev-list", "--count", "HEAD..main"), "0");
});

sync("says up to date when there is nothing new", async () => {
  const repo = gitRepo();
  const p = await project(repo);
  await worktreeCreate(p, "backend");
  assert.is((await worktreeSync(p, "backend")).status, "up-to-date");
});

sync("refuses on a dirty tree (exit 1), changing nothing", async () => {
  const repo = gitRepo();
  const env = testEnv();
  const p = await project(repo, env);
  const wt = await worktreeCreate(p, "backend");
  commit(repo, { "theirs.ts": "2" });
  writeFiles(wt.path, { "README.md": "dirty\n" });
  const head = git(wt.path, "rev-parse", "HEAD");
  const r = await runCli(["worktree", "sync", "backend"], { cwd: repo, env });
  assert.is(r.code, 1);
  assert.match(r.stdout, /refused to sync backend: uncommitted changes/);
  assert.is(git(wt.path, "rev-parse", "HEAD"), head);
  assert.is(readFileSync(join(wt.path, "README.md"), "utf8"), "dirty\n");
});

for (const strategy of ["merge", "rebase"] as const) {
  sync(`a ${strategy} conflict is reported and aborted, leaving the tree as it was`, async () => {
    const repo = gitRepo();
    const p = await project(repo);
    const wt = await worktreeCreate(p, "backend");
    commit(wt.path, { "README.md": "mine\n" });
    commit(repo, { "README.md": "theirs\n" });
    const head = git(wt.path, "rev-parse", "HEAD");
    const r = await worktreeSync(p, "backend", { strategy });
    assert.is(r.status, "conflict");
    assert.equal(r.conflicts, ["README.md"]);
    assert.is(git(wt.path, "rev-parse", "HEAD"), head);
    assert.is(git(wt.path, "status", "--porcelain"), "");
    assert.is(readFileSync(join(wt.path, "README.md"), "utf8"), "mine\n");
  });
}

sync.run();
