import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { git, gitRepo, json, runCli, tempDir, writeFiles } from "../_support/index.ts";
import { worktreeCleanup } from "../../lib/parallel/cleanup.ts";
import { allocatePort, getPort } from "../../lib/parallel/ports.ts";
import { worktreeCreate } from "../../lib/parallel/worktrees.ts";
import { project, testEnv } from "./_helpers.ts";

const cleanup = suite("worktreeCleanup");

async function setup() {
  const repo = gitRepo();
  const env = testEnv();
  const p = await project(repo, env);
  const wt = await worktreeCreate(p, "backend", { feature: "f" });
  return { repo, env, p, wt };
}

function commit(dir: string, file: string, text: string) {
  writeFiles(dir, { [file]: text });
  git(dir, "add", file);
  git(dir, "commit", "-q", "-m", `add ${file}`);
  return git(dir, "rev-parse", "HEAD");
}

cleanup("removes a clean, merged worktree with its branch and its port", async () => {
  const { repo, p, wt } = await setup();
  await allocatePort(p, "backend", { worktree: wt.path });
  const r = await worktreeCleanup(p, "backend");
  assert.ok(r.removed && !r.refused && r.branch_deleted);
  assert.ok(r.port_released);
  assert.not.ok(existsSync(wt.path));
  assert.is(git(repo, "branch", "--list", wt.branch), "");
  assert.is(getPort(p, "backend"), null);
});

cleanup("refuses with uncommitted changes: exit 1, everything intact", async () => {
  const { repo, env, wt } = await setup();
  writeFiles(wt.path, { "README.md": "edited\n" });
  const r = await runCli(["worktree", "cleanup", "backend", "--json"], { cwd: repo, env });
  assert.is(r.code, 1);
  assert.ok(json(r).refused);
  assert.is(readFileSync(join(wt.path, "README.md"), "utf8"), "edited\n");
  assert.is(git(repo, "branch", "--list", wt.branch).replace("+", "").trim(), wt.branch);
});

cleanup("refuses with untracked files", async () => {
  const { p, wt } = await setup();
  writeFiles(wt.path, { "notes/todo.md": "x" });
  const r = await worktreeCleanup(p, "backend");
  assert.ok(r.refused);
  assert.equal(r.changes, ["?? notes/todo.md"]);
  assert.ok(existsSync(join(wt.path, "notes/todo.md")));
});

cleanup("refuses with commits not merged into the base nor on a remote", async () => {
  const { repo, env, wt } = await setup();
  const sha = commit(wt.path, "feature.ts", "export const x = 1;\n");
  const r = await runCli(["worktree", "cleanup", "backend"], { cwd: repo, env });
  assert.is(r.code, 1);
  assert.match(r.stdout, /1 commit\(s\) on feature\/f-backend not merged into main/);
  assert.ok(existsSync(wt.path));
  assert.is(git(repo, "rev-parse", wt.branch), sha);
});

cleanup("accepts commits merged into the base", async () => {
  const { repo, p, wt } = await setup();
  commit(wt.path, "feature.ts", "1\n");
  git(repo, "merge", "-q", "--no-edit", wt.branch);
  const r = await worktreeCleanup(p, "backend");
  assert.ok(r.removed && r.merged && r.branch_deleted);
});

cleanup("accepts commits that are on a remote branch, and keeps the local branch deletable", async () => {
  const { repo, p, wt } = await setup();
  const remote = tempDir();
  git(remote, "init", "-q", "--bare");
  git(repo, "remote", "add", "origin", remote);
  commit(wt.path, "feature.ts", "1\n");
  git(wt.path, "push", "-q", "origin", wt.branch);
  const r = await worktreeCleanup(p, "backend");
  assert.ok(r.removed && r.merged);
});

cleanup("detects squash-merged and cherry-picked work as merged", async () => {
  const { repo, p, wt } = await setup();
  commit(wt.path, "a.ts", "a\n");
  commit(wt.path, "b.ts", "b\n");
  git(repo, "merge", "-q", "--squash", wt.branch);
  git(repo, "commit", "-q", "-m", "squashed");
  const r = await worktreeCleanup(p, "backend");
  assert.ok(r.removed, r.reasons.join("; "));
  assert.ok(r.branch_deleted);

  const wt2 = await worktreeCreate(p, "qa");
  const c = commit(wt2.path, "c.ts", "c\n");
  git(repo, "cherry-pick", c);
  assert.ok((await worktreeCleanup(p, "qa")).removed);
});

cleanup("a squash that differs from the branch is reported as unmerged", async () => {
  const { repo, p, wt } = await setup();
  commit(wt.path, "a.ts", "a\n");
  commit(wt.path, "b.ts", "b\n");
  git(repo, "cherry-pick", git(wt.path, "rev-parse", "HEAD~1"));
  const r = await worktreeCleanup(p, "backend");
  assert.ok(r.refused);
  assert.is(r.unmerged.length, 1);
});

cleanup("--force saves a backup ref and a stash, then removes everything", async () => {
  const { repo, env, wt } = await setup();
  const sha = commit(wt.path, "feature.ts", "1\n");
  writeFiles(wt.path, { "wip.txt": "unsaved\n", "README.md": "edited\n" });
  const r = await runCli(["worktree", "cleanup", "backend", "--force", "--json"], { cwd: repo, env });
  assert.is(r.code, 0, r.stderr);
  const out = json(r);
  assert.match(out.backup_ref, /^refs\/wf-backup\/backend\/\d{8}T\d{6}Z$/);
  assert.is(git(repo, "rev-parse", out.backup_ref), sha, "the commit is kept by the backup ref");
  assert.not.ok(existsSync(wt.path));
  assert.ok(out.branch_deleted);
  assert.is(git(repo, "show", `${out.stash}^3:wip.txt`), "unsaved", "the untracked file is in the stash");
  assert.is(git(repo, "show", `${out.backup_ref}-stash:README.md`), "edited");
});

cleanup("ignores wf-task's own files: unchanged setup copies and session files", async () => {
  const repo = gitRepo({ "README.md": "x\n", ".gitignore": "" });
  writeFiles(repo, { ".env": "A=1\n" });
  const p = await project(repo);
  const wt = await worktreeCreate(p, "backend");
  writeFiles(wt.path, { ".ai/project/sessions/claude-progress.txt": "# progress\n" });
  assert.ok((await worktreeCleanup(p, "backend")).removed);

  writeFiles(repo, { ".worktreeinclude": "local.json\n", "local.json": "{}\n" });
  const wt2 = await worktreeCreate(p, "qa");
  writeFiles(wt2.path, { "local.json": '{"a": 1}\n' });
  assert.ok((await worktreeCleanup(p, "qa")).refused, "an edited copy counts as work (one not in parallel.preserve)");
});

cleanup("a role without a worktree is already clean", async () => {
  const { p } = await setup();
  const r = await worktreeCleanup(p, "ghost");
  assert.ok(r.removed && !r.refused);
});

cleanup("cleanup --all removes every clean agent worktree, refuses a dirty one unless --force", async () => {
  const { repo, env, p, wt } = await setup();
  const qa = await worktreeCreate(p, "qa", { feature: "f" });
  writeFiles(qa.path, { "README.md": "edited\n" });
  const r = await runCli(["worktree", "cleanup", "--all", "--json"], { cwd: repo, env });
  assert.is(r.code, 1, r.stderr);
  const out = json(r);
  assert.equal(out.removed, ["backend"]);
  assert.equal(out.refused, ["qa"]);
  assert.is(out.results.length, 2);
  assert.not.ok(existsSync(wt.path));
  assert.ok(existsSync(qa.path));
  const forced = await runCli(["worktree", "cleanup", "--all", "--force", "--json"], { cwd: repo, env });
  assert.is(forced.code, 0, forced.stderr);
  assert.equal(json(forced).removed, ["qa"]);
  assert.not.ok(existsSync(qa.path));
  const empty = await runCli(["worktree", "cleanup", "--all"], { cwd: repo, env });
  assert.is(empty.code, 0);
  assert.match(empty.stdout, /no agent worktrees/);
  assert.is((await runCli(["worktree", "cleanup", "backend", "--all"], { cwd: repo, env })).code, 2);
  assert.is((await runCli(["worktree", "cleanup"], { cwd: repo, env })).code, 2);
});

cleanup.run();
