import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { git, gitRepo, installWfTask, json, runCli, tempDir, writeFiles } from "../_support/index.ts";
import { worktreeCreate, worktreeList, worktreeStatus } from "../../lib/parallel/worktrees.ts";
import { project, testEnv } from "./_helpers.ts";

const create = suite("worktreeCreate");

create("creates .worktrees/<role> on a new branch from the base", async () => {
  const repo = gitRepo();
  const p = await project(repo);
  const r = await worktreeCreate(p, "backend", { feature: "auth" });
  assert.is(r.path, join(repo, ".worktrees/backend"));
  assert.ok(existsSync(join(r.path, "README.md")));
  assert.is(r.branch, "feature/auth-backend");
  assert.ok(r.created && r.branch_created);
  assert.is(git(r.path, "rev-parse", "--abbrev-ref", "HEAD"), "feature/auth-backend");
});

create("names the default branch after the repo folder when no feature is given", async () => {
  const repo = gitRepo();
  const r = await worktreeCreate(await project(repo), "qa");
  assert.match(r.branch, /^feature\/wf-repo-.+-qa$/);
});

create("reuses an existing branch instead of failing", async () => {
  const repo = gitRepo();
  git(repo, "branch", "feature/x-backend");
  git(repo, "checkout", "-q", "feature/x-backend");
  writeFiles(repo, { "api.ts": "export {}\n" });
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "api");
  git(repo, "checkout", "-q", "main");
  const r = await worktreeCreate(await project(repo), "backend", { branch: "feature/x-backend" });
  assert.not.ok(r.branch_created);
  assert.ok(existsSync(join(r.path, "api.ts")), "the branch's own commit is checked out");
});

create("returns the existing worktree when run twice", async () => {
  const repo = gitRepo();
  const p = await project(repo);
  await worktreeCreate(p, "backend");
  const again = await worktreeCreate(p, "backend");
  assert.not.ok(again.created);
});

create("adds the worktree base to .git/info/exclude once", async () => {
  const repo = gitRepo();
  const p = await project(repo);
  await worktreeCreate(p, "a");
  await worktreeCreate(p, "b");
  const exclude = readFileSync(join(repo, ".git/info/exclude"), "utf8");
  assert.is(exclude.split("\n").filter((l) => l === "/.worktrees/").length, 1);
  assert.is(git(repo, "status", "--porcelain"), "", "the main checkout stays clean");
});

create("a committed sessions folder: the progress file merges by section; an uncommitted one is excluded", async () => {
  const progress = ".ai/project/sessions/claude-progress.txt";
  const committed = gitRepo({ "README.md": "# r\n", [progress]: "# Progress: f\n" });
  installWfTask(committed);
  await worktreeCreate(await project(committed), "a");
  assert.match(readFileSync(join(committed, ".git/info/attributes"), "utf8"), `/${progress} merge=wf-progress\n`);
  assert.not.match(readFileSync(join(committed, ".git/info/exclude"), "utf8"), "/.ai/project/sessions/");
  const local = gitRepo();
  installWfTask(local);
  await worktreeCreate(await project(local), "a");
  const attributes = readFileSync(join(local, ".git/info/attributes"), "utf8");
  assert.not.match(attributes, "wf-progress", "an uncommitted progress file needs no driver");
  assert.match(attributes, "/.ai/project/learnings.yaml merge=wf-learnings\n/CLAUDE.md merge=wf-claude-md\n");
  assert.match(readFileSync(join(local, ".git/info/exclude"), "utf8"), "/.ai/project/sessions/\n");
});

create("honours WORKTREE_BASE", async () => {
  const repo = gitRepo();
  const r = await worktreeCreate(await project(repo, testEnv({ WORKTREE_BASE: "agents" })), "qa");
  assert.is(r.path, join(repo, "agents/qa"));
});

create("copies .env files and .worktreeinclude entries, and runs setup commands into a log", async () => {
  const repo = gitRepo({ "README.md": "x\n", ".gitignore": ".env*\nsecrets/\n", ".worktreeinclude": "secrets/\n" });
  writeFiles(repo, { ".env": "A=1\n", ".env.local": "B=2\n", "secrets/key.txt": "k\n", "other.txt": "not copied\n" });
  writeFileSync(
    join(repo, ".workflowrc.json"),
    JSON.stringify({ parallel: { setup: { run: ["echo ran in $PWD > setup-proof.txt", "echo hello"] } } }),
  );
  const r = await worktreeCreate(await project(repo), "backend");
  assert.equal(r.setup!.copied.sort(), [".env", ".env.local", "secrets"]);
  assert.is(readFileSync(join(r.path, ".env"), "utf8"), "A=1\n");
  assert.ok(existsSync(join(r.path, "secrets/key.txt")));
  assert.not.ok(existsSync(join(r.path, "other.txt")));
  assert.ok(r.setup!.ok);
  assert.match(readFileSync(join(r.path, "setup-proof.txt"), "utf8"), /\.worktrees\/backend/);
  assert.match(readFileSync(r.setup!.log!, "utf8"), /\$ echo hello\nhello\n\[exit 0\]/);
});

create("a failing setup command keeps the worktree and makes the CLI exit 1", async () => {
  const repo = gitRepo();
  writeFileSync(join(repo, ".workflowrc.json"), JSON.stringify({ parallel: { setup: { run: ["exit 7"] } } }));
  const r = await runCli(["worktree", "create", "backend"], { cwd: repo, env: testEnv() });
  assert.is(r.code, 1);
  assert.match(r.stderr, /setup command failed/);
  assert.ok(existsSync(join(repo, ".worktrees/backend")));
});

create("refuses a base branch that does not exist (exit 2)", async () => {
  const r = await runCli(["worktree", "create", "backend", "--base", "nope"], { cwd: gitRepo(), env: testEnv() });
  assert.is(r.code, 2);
  assert.match(r.stderr, /base branch `nope` does not exist/);
});

create("exits 3 outside a git repository", async () => {
  const r = await runCli(["worktree", "list"], { cwd: tempDir(), env: testEnv() });
  assert.is(r.code, 3);
});

create("checks out with git's parallel workers unless checkout.workers is configured", async () => {
  // 120 files: over git's checkout.thresholdForParallelism (100).
  const files = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`src/f${i}.ts`, `export const v = ${i};\n`]));
  const repo = gitRepo(files);
  const trace = join(tempDir(), "trace");
  const p = await project(repo, testEnv({ GIT_TRACE: trace }));
  await worktreeCreate(p, "fast");
  assert.match(readFileSync(trace, "utf8"), /checkout--worker/, "workers check the files out");
  assert.ok(existsSync(join(repo, ".worktrees/fast/src/f119.ts")));
  git(repo, "config", "checkout.workers", "1");
  writeFileSync(trace, "");
  await worktreeCreate(p, "own");
  assert.not.match(readFileSync(trace, "utf8"), /checkout--worker/, "the repository's own setting is kept");
  assert.ok(existsSync(join(repo, ".worktrees/own/src/f119.ts")));
});

create(
  "the hook layout is read in the main checkout during the add, or in the worktree when each has its own config",
  async () => {
    const { setupListings } = await import("../../lib/parallel/setup.ts");
    const { BLOCK_END, BLOCK_START } = await import("../../lib/enforcement/hooks.ts");
    const repo = gitRepo();
    assert.equal(await setupListings(await project(repo)).hooks, { hooksPath: null });
    git(repo, "config", "core.hooksPath", ".husky/_");
    assert.equal(await setupListings(await project(repo)).hooks, { hooksPath: ".husky/_" });
    git(repo, "config", "--unset", "core.hooksPath");
    // each worktree its own config: the main checkout's hooksPath is not the new worktree's
    git(repo, "config", "extensions.worktreeConfig", "true");
    git(repo, "config", "--worktree", "core.hooksPath", join(repo, "main-only-hooks"));
    assert.is(await setupListings(await project(repo)).hooks, null);
    // the gate in the shared hooks folder, not in the main checkout's own: the setup says what git
    // says in the new worktree (recent git copies the main checkout's config.worktree to it)
    const hook = join(repo, ".git/hooks/pre-commit");
    writeFileSync(hook, `#!/bin/sh\n${BLOCK_START}\nexit 0\n${BLOCK_END}\n`, { mode: 0o755 });
    const r = await worktreeCreate(await project(repo), "backend", { feature: "auth" });
    const seen = spawnSync("git", ["config", "--get", "core.hooksPath"], {
      cwd: r.path,
      encoding: "utf8",
    }).stdout.trim();
    const warned = r.setup!.warnings.some((w) => /TDD gate is not installed/.test(w));
    assert.is(warned, seen !== "", `git in the worktree says core.hooksPath=${seen || "(unset)"}`);
  },
);

create("a locked worktree whose folder is gone is refused with how to clear it, not reused", async () => {
  const repo = gitRepo();
  const p = await project(repo);
  const first = await worktreeCreate(p, "backend", { feature: "auth" });
  git(repo, "worktree", "lock", first.path);
  rmSync(first.path, { recursive: true, force: true });
  try {
    await worktreeCreate(p, "backend", { feature: "auth" });
    assert.unreachable("a missing folder was reused");
  } catch (error) {
    const e = error as { code?: string; message: string; hint?: string };
    assert.is(e.code, "E_USAGE_EXISTS");
    assert.match(e.message, /registered and locked, but \.worktrees\/backend is gone/);
    assert.match(e.hint ?? "", /git worktree unlock \.worktrees\/backend && git worktree prune/);
  }
  // done as the hint says, it is created again
  git(repo, "worktree", "unlock", first.path);
  git(repo, "worktree", "prune");
  const again = await worktreeCreate(p, "backend", { feature: "auth" });
  assert.ok(again.created && existsSync(join(again.path, "README.md")));
});

create.run();

// ---

const list = suite("worktreeList");

list("lists agent worktrees as JSON, including one made by hand", async () => {
  const repo = gitRepo();
  const env = testEnv();
  await runCli(["worktree", "create", "backend"], { cwd: repo, env });
  const byHand = join(tempDir(), "manual");
  git(repo, "worktree", "add", "-q", "-b", "manual-branch", byHand);
  writeFiles(join(repo, ".worktrees/backend"), { "wip.txt": "x" });
  const r = await runCli(["worktree", "list", "--json"], { cwd: repo, env });
  assert.is(r.code, 0, r.stderr);
  const rows = json(r);
  assert.is(rows.length, 2);
  const backend = rows.find((w: any) => w.role === "backend");
  assert.is(backend.status, "dirty");
  assert.is(backend.uncommitted_changes, 1);
  for (const key of ["role", "path", "branch", "status", "port", "uncommitted_changes", "ahead", "behind"])
    assert.ok(key in backend, key);
  const manual = rows.find((w: any) => w.path === byHand);
  assert.is(manual.branch, "manual-branch");
  assert.is(manual.managed, false);
});

list("shows the main checkout only with --all", async () => {
  const repo = gitRepo();
  assert.is((await worktreeList(await project(repo))).length, 0);
  assert.is((await worktreeList(await project(repo), { all: true }))[0]!.path, repo);
});

list.run();

// ---

const status = suite("worktreeStatus");

status("detects changes, and counts commits ahead of and behind the base", async () => {
  const repo = gitRepo();
  const p = await project(repo);
  const { path } = await worktreeCreate(p, "backend");
  let s = await worktreeStatus(p, "backend");
  assert.equal([s.exists, s.clean, s.uncommitted_changes, s.ahead, s.behind], [true, true, 0, 0, 0]);
  writeFiles(path, { "a.ts": "1" });
  git(path, "add", "a.ts");
  git(path, "commit", "-q", "-m", "a");
  writeFiles(repo, { "m.ts": "1" });
  git(repo, "add", "m.ts");
  git(repo, "commit", "-q", "-m", "m");
  writeFiles(path, { "README.md": "changed\n", "new.txt": "n" });
  s = await worktreeStatus(p, "backend");
  assert.equal([s.clean, s.uncommitted_changes, s.ahead, s.behind], [false, 2, 1, 1]);
  assert.equal(s.changes.sort(), [" M README.md", "?? new.txt"]);
});

status("says exists: false for a role without a worktree", async () => {
  const r = await runCli(["worktree", "status", "ghost", "--json"], { cwd: gitRepo(), env: testEnv() });
  assert.is(r.code, 0);
  assert.is(json(r).exists, false);
});

status.run();
