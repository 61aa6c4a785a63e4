// Arming a worktree at creation and archiving what it made at removal.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { chmodSync, existsSync, lstatSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { git, gitRepo, installWfTask, writeFiles } from "../_support/index.ts";
import { project, testEnv } from "./_helpers.ts";
import { worktreeCreate } from "../../lib/parallel/worktrees.ts";
import { worktreeCleanup } from "../../lib/parallel/cleanup.ts";
import { installClaudeHooks } from "../../lib/integrations/claude-settings.ts";
import { installGitHooks } from "../../lib/enforcement/hooks.ts";
import { resumeSession } from "../../lib/harness/resume.ts";
import { projectPaths } from "../../lib/config/paths.ts";
import { shimText } from "../../lib/migrate/shim.ts";
import { loadConfig } from "../../lib/config/load.ts";

const arm = suite("arming a worktree");

arm(
  "links node_modules, copies the uncommitted Claude Code files, and keeps both out of the agent's commits",
  async () => {
    const repo = gitRepo({ ".gitignore": "node_modules/\n" });
    installWfTask(repo);
    await installClaudeHooks({ root: repo });
    installGitHooks({ git: { cwd: repo }, command: "true" });
    const p = await project(repo);
    const wt = await worktreeCreate(p, "backend", { feature: "shop" });
    assert.equal(wt.setup!.linked, ["node_modules"]);
    assert.ok(lstatSync(join(wt.path, "node_modules")).isSymbolicLink());
    assert.is(readlinkSync(join(wt.path, "node_modules")), join(repo, "node_modules"));
    assert.equal(wt.setup!.copied.sort(), [".claude/hooks/wf-task", ".claude/settings.json"]);
    assert.equal(wt.setup!.warnings, [], "every guard armed");
    writeFiles(wt.path, { ".ai/project/sessions/claude-progress.txt": "# progress\n", "src/a.ts": "1\n" });
    git(wt.path, "add", "-A");
    assert.equal(
      git(wt.path, "diff", "--cached", "--name-only").split("\n"),
      ["src/a.ts"],
      "only the agent's work is staged",
    );
  },
);

arm("a guard that cannot be armed is a warning, and parallel.setup.install replaces the link", async () => {
  const repo = gitRepo({
    ".workflowrc.json": JSON.stringify({ parallel: { setup: { install: "echo installed > installed.txt" } } }),
  });
  writeFiles(repo, { "node_modules/x/index.js": "1\n" });
  const p = await project(repo);
  const wt = await worktreeCreate(p, "qa");
  assert.equal(wt.setup!.linked, []);
  assert.is(readFileSync(join(wt.path, "installed.txt"), "utf8"), "installed\n");
  assert.match(wt.setup!.warnings.join("\n"), "the TDD gate is not installed");
  assert.match(wt.setup!.warnings.join("\n"), "Claude Code's trust and session hooks are not installed");
});

arm("a migrated team's own hooks (the pre_commit_tdd and session_start shims) count as armed", async () => {
  const shim = (sh: string, functions: Record<string, string[]> = {}) =>
    shimText({ sh, mjs: sh.replace(/\.sh$/, ""), functions }, `.ai/workflow/.bash-backup/${sh}`);
  const repo = gitRepo({
    ".ai/workflow/hooks/pre_commit_tdd.sh": shim("hooks/pre_commit_tdd.sh", { tdd_pre_commit: [] }),
    ".ai/workflow/hooks/session_start.sh": shim("hooks/session_start.sh"),
    ".claude/settings.json": JSON.stringify({
      hooks: { SessionStart: [{ hooks: [{ type: "command", command: "bash .ai/workflow/hooks/session_start.sh" }] }] },
    }),
  });
  writeFiles(repo, { ".git/hooks/pre-commit": "#!/bin/sh\nexec .ai/workflow/hooks/pre_commit_tdd.sh\n" });
  chmodSync(join(repo, ".git/hooks/pre-commit"), 0o755);
  const p = await project(repo);
  const wt = await worktreeCreate(p, "qa");
  assert.equal(
    wt.setup!.warnings.filter((w) => !/wf-task is found neither/.test(w)),
    ["Claude Code's trust hook is not installed: run `wf-task hooks install --claude` in the main checkout"],
  );
  // installed in the main checkout, the tracked settings file not committed: the worktree has the committed one
  await installClaudeHooks({ root: repo });
  const next = await worktreeCreate(p, "fe");
  assert.equal(
    next.setup!.warnings.filter((w) => /Claude Code/.test(w)),
    [
      "Claude Code's trust hook is in the main checkout's .claude/settings.json but not committed, so not here: commit .claude/settings.json",
    ],
  );
});

const archive = suite("archiving a worktree at cleanup");

archive(
  "saves the session memory and changed preserved files, skips untouched copies, and resume shows the notes",
  async () => {
    const repo = gitRepo({ ".gitignore": ".env\n*.db\n" });
    writeFiles(repo, { ".env": "A=1\n", ".env.test": "T=1\n" });
    const env = testEnv();
    const p = await project(repo, env);
    const wt = await worktreeCreate(p, "backend", { feature: "shop" });
    writeFiles(wt.path, {
      ".ai/project/sessions/claude-progress.txt":
        "# Session Progress\n\n## Session Info\n- feature: shop\n- role: backend\n\n## Notes for Next Session\n- the refund rule is in src/refund.ts\n",
      ".ai/project/sessions/agents/backend.af": "{}\n",
      ".env": "A=2\n",
      "data/local.db": "rows",
    });
    const r = await worktreeCleanup(p, "backend", { feature: "shop", now: new Date("2026-12-02T10:00:00Z") });
    assert.ok(r.removed && !r.refused, r.reasons.join("; "));
    const dir = join(repo, ".ai/project/sessions/archive/shop/backend/20261202T100000Z");
    assert.is(r.archived!.dir, dir);
    assert.equal(r.archived!.files, [
      ".ai/project/sessions/agents/backend.af",
      ".ai/project/sessions/claude-progress.txt",
      ".env",
      "data/local.db",
    ]);
    assert.is(readFileSync(join(dir, "files/.env"), "utf8"), "A=2\n");
    assert.is(readFileSync(join(dir, "files/data/local.db"), "utf8"), "rows");
    assert.ok(existsSync(join(dir, "agents/backend.af")));
    assert.not.ok(existsSync(join(dir, "files/.env.test")), "an untouched copy is not archived");

    // A new worktree of the role, in a new session: resume shows what the last one left.
    const again = await worktreeCreate(p, "backend", { feature: "shop" });
    writeFiles(again.path, {
      ".ai/project/sessions/claude-progress.txt":
        "# Session Progress\n\n## Session Info\n- feature: shop\n- role: backend\n",
    });
    const summary = await resumeSession(projectPaths(await loadConfig({ cwd: again.path, env })));
    assert.equal(summary.archived?.notes, ["the refund rule is in src/refund.ts"]);
    assert.is(summary.archived?.dir, dir);
  },
);

archive("--force archives too, before it removes unmerged work", async () => {
  const repo = gitRepo();
  const p = await project(repo);
  const wt = await worktreeCreate(p, "api", { feature: "shop" });
  writeFiles(wt.path, { "a.txt": "1\n", ".ai/project/sessions/claude-progress.txt": "# mine\n" });
  git(wt.path, "add", "a.txt");
  git(wt.path, "commit", "-q", "-m", "work");
  const r = await worktreeCleanup(p, "api", { feature: "shop", force: true });
  assert.ok(r.removed && r.backup_ref);
  assert.equal(r.archived?.files, [".ai/project/sessions/claude-progress.txt"]);
  assert.is(readFileSync(join(r.archived!.dir, "claude-progress.txt"), "utf8"), "# mine\n");
});

archive("a worktree with unmerged commits is refused and nothing is archived", async () => {
  const repo = gitRepo();
  const p = await project(repo);
  const wt = await worktreeCreate(p, "api", { feature: "shop" });
  writeFiles(wt.path, { "a.txt": "1\n", ".ai/project/sessions/claude-progress.txt": "# x\n" });
  git(wt.path, "add", "a.txt");
  git(wt.path, "commit", "-q", "-m", "work");
  const r = await worktreeCleanup(p, "api", { feature: "shop" });
  assert.ok(r.refused);
  assert.is(r.archived, null);
  assert.not.ok(existsSync(join(repo, ".ai/project/sessions/archive")));
});

arm.run();
archive.run();
