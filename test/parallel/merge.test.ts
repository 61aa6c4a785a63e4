import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { git, gitRepo, installWfTask, pathWithoutWfTask, runCli, tempDir, writeFiles } from "../_support/index.ts";
import { parallelMerge } from "../../lib/parallel/merge.ts";
import { writeRun } from "../../lib/parallel/runs.ts";
import { worktreeCreate } from "../../lib/parallel/worktrees.ts";
import { isWfError } from "../../lib/core/errors.ts";
import { project, runState, testEnv } from "./_helpers.ts";

const test = suite("parallel merge");

const progress = (status: string) =>
  `# Progress: f\n` +
  `\n` +
  `## Session Info\n` +
  `- session_id: s1\n` +
  `- feature: f\n` +
  `- role: x\n` +
  `\n` +
  `## Current State\n` +
  `- status: ${status}\n` +
  `- current_task: none\n` +
  `\n` +
  `## Completed This Session\n` +
  `- [x] T-1: done\n`;

/** A run of feature f with worktrees for `roles` (no tmux needed for merging). */
async function runWith(
  roles: string[],
  files: Record<string, string> = { "README.md": "# r\n", "shared.txt": "1\n2\n3\n", "other.txt": "x\n" },
) {
  const repo = gitRepo(files);
  const p = await project(repo);
  const agents = [];
  for (const role of roles) {
    const wt = await worktreeCreate(p, role, { feature: "f", setup: false });
    agents.push({ role, branch: wt.branch, worktree: wt.path, port: null, pane_id: null });
  }
  writeRun(p, runState("f", agents));
  const work = (role: string, edits: Record<string, string>) => {
    const wt = join(repo, ".worktrees", role);
    writeFiles(wt, edits);
    git(wt, "add", ...Object.keys(edits));
    git(wt, "commit", "-q", "-m", `${role} work`);
  };
  return { repo, p, work };
}

const clean = (repo: string) => {
  assert.is(git(repo, "status", "--porcelain", "--untracked-files=no"), "");
  assert.not.ok(existsSync(join(repo, ".git", "MERGE_HEAD")));
};

test("without roles it merges the agents whose progress says completed", async () => {
  const { repo, p, work } = await runWith(["a", "b"]);
  work("a", { "shared.txt": "1\nA\n3\n" });
  work("b", { "other.txt": "B\n" });
  writeFiles(join(repo, ".worktrees/a"), { ".ai/project/sessions/claude-progress.txt": progress("completed") });
  writeFiles(join(repo, ".worktrees/b"), { ".ai/project/sessions/claude-progress.txt": progress("in_progress") });
  const r = await parallelMerge(p, { feature: "f" });
  assert.is(r.selected_by, "completed");
  assert.equal([r.order, r.landed, r.stopped_at], [["a"], ["a"], null]);
  assert.is(git(repo, "show", "main:shared.txt"), "1\nA\n3");
  clean(repo);
});

test("agents sharing a committed progress file: each one's tasks and notes land, by section, without a conflict", async () => {
  const file = ".ai/project/sessions/claude-progress.txt";
  const doc = (updated: string, status: string, done: string[], notes: string[]) =>
    [
      "# Progress: f",
      "",
      "## Session Info",
      "- session_id: s1",
      `- last_updated: ${updated}`,
      "- feature: f",
      "- role: lead",
      "",
      "## Current State",
      `- status: ${status}`,
      "- current_task: none",
      "",
      "## Completed This Session",
      ...done,
      "",
      "## Notes for Next Session",
      ...notes,
      "",
    ].join("\n");
  const base = doc("2026-12-04T10:00:00Z", "pending", [], ["- read the spec"]);
  const setup = async (withWfTask: boolean) => {
    const r = await runWith(["a", "b"], { "README.md": "# r\n", [file]: base });
    if (withWfTask) installWfTask(r.repo);
    r.work("a", {
      "a.txt": "A\n",
      [file]: doc("2026-12-04T10:05:00Z", "completed", ["- [x] T1: a"], ["- read the spec", "- a: done"]),
    });
    r.work("b", {
      "b.txt": "B\n",
      [file]: doc("2026-12-04T10:09:00Z", "completed", ["- [x] T2: b"], ["- read the spec", "- b: done"]),
    });
    return r;
  };
  const { repo, p } = await setup(true);
  const plan = await parallelMerge(p, { feature: "f", dryRun: true });
  assert.equal(
    plan.steps.map((s) => s.status),
    ["planned", "planned"],
  );
  const r = await parallelMerge(p, { feature: "f" });
  assert.equal([r.landed, r.stopped_at], [["a", "b"], null]);
  assert.is(
    git(repo, "show", `main:${file}`),
    doc(
      "2026-12-04T10:09:00Z",
      "completed",
      ["- [x] T1: a", "- [x] T2: b"],
      ["- read the spec", "- a: done", "- b: done"],
    ).trimEnd(),
  );
  assert.match(readFileSync(join(repo, ".git/info/attributes"), "utf8"), `/${file} merge=wf-progress\n`);
  clean(repo);
  // without a wf-task to run as the driver: git's own merge, which stops at the second landing
  const plain = await setup(false);
  (plain.p as { env: Record<string, string | undefined> }).env = { ...plain.p.env, PATH: pathWithoutWfTask() };
  const stopped = await parallelMerge(plain.p, { feature: "f" });
  assert.equal([stopped.landed, stopped.stopped_at], [["a"], "b"]);
});

test("agents that each captured a learning: both rules land, in the learnings file and in CLAUDE.md, without a conflict", async () => {
  const { repo, p } = await runWith(["a", "b"], {
    "README.md": "# r\n",
    "CLAUDE.md": "# CLAUDE.md\n\nRead the README.\n",
  });
  installWfTask(repo);
  const learn = async (role: string, type: string, rule: string) => {
    const wt = join(repo, ".worktrees", role);
    const r = await runCli(["compound", "capture", type, `${role} found it`, "fixed", rule, "--author", role], {
      cwd: wt,
    });
    assert.is(r.code, 0, r.stderr);
    writeFiles(wt, { ".ai/project/sessions/claude-progress.txt": progress("completed") });
    git(wt, "add", "-A");
    git(wt, "commit", "-q", "-m", `${role}: a learning`);
  };
  await learn("a", "pattern", "Retry idempotent calls with jittered backoff");
  await learn("b", "bug", "Store money as integer cents");
  const r = await parallelMerge(p, { feature: "f" });
  assert.equal([r.landed, r.stopped_at], [["a", "b"], null], JSON.stringify(r.steps));
  const learnings = git(repo, "show", "main:.ai/project/learnings.yaml");
  assert.match(learnings, /id: L-001\n\s+type: pattern/);
  assert.match(learnings, /id: L-002\n\s+type: bug/);
  const claude = git(repo, "show", "main:CLAUDE.md");
  assert.match(claude, "Read the README.");
  assert.match(claude, "### Bugs not to repeat\n- Store money as integer cents");
  assert.match(claude, "### Patterns to follow\n- Retry idempotent calls with jittered backoff");
  const attributes = readFileSync(join(repo, ".git/info/attributes"), "utf8");
  assert.match(attributes, "/.ai/project/learnings.yaml merge=wf-learnings\n");
  assert.match(attributes, "/CLAUDE.md merge=wf-claude-md\n");
  clean(repo);
  // the next capture renders the section from the merged file: the same rules
  const again = await runCli(["compound", "update-claude-md", "--json"], { cwd: repo });
  assert.is(again.code, 0, again.stderr);
  assert.is(JSON.parse(again.stdout).rules, 2);
});

test("a committed events log that the agents' events keep growing does not make the base dirty; it keeps its new lines", async () => {
  const events = ".ai/project/metrics/events.jsonl";
  const { repo, p, work } = await runWith(["a"], { "README.md": "# r\n", [events]: '{"event":"init"}\n' });
  work("a", { "a.txt": "A\n" });
  const grown = '{"event":"init"}\n{"event":"task_completed","role":"a"}\n';
  writeFileSync(join(repo, events), grown); // appended from a worktree, not committed
  const r = await parallelMerge(p, { feature: "f", roles: ["a"] });
  assert.equal(r.landed, ["a"]);
  assert.is(git(repo, "show", "main:a.txt"), "A");
  assert.is(readFileSync(join(repo, events), "utf8"), grown);
});

test("stops when the TDD gate says no on the merge result, base untouched", async () => {
  const { repo, p, work } = await runWith(["a", "b"]);
  work("a", { "other.txt": "A\n" });
  work("b", { "src/feature.ts": "export const x = 1;\n" });
  const before = git(repo, "rev-parse", "main");
  const r = await parallelMerge(p, { feature: "f", roles: ["b", "a"] });
  assert.equal(r.order, ["b", "a"]);
  assert.equal(
    r.steps.map((s) => s.status),
    ["gate_failed", "not_reached"],
  );
  assert.match(r.steps[0]!.violations.join("\n"), /src\/feature\.ts has no test file/);
  assert.equal([r.landed, r.left], [[], ["b", "a"]]);
  assert.is(git(repo, "rev-parse", "main"), before);
  clean(repo);
});

test("runs --test-command on the merge result and stops when it fails", async () => {
  const { repo, p, work } = await runWith(["a", "b"]);
  work("a", { "other.txt": "A\n" });
  work("b", { "shared.txt": "1\n2\nB\n" });
  // The tests of the merge result: `other.txt` must say A, and shared.txt must be unchanged.
  const r = await parallelMerge(p, {
    feature: "f",
    roles: ["a", "b"],
    testCommand: "grep -q A other.txt && grep -qx 3 shared.txt",
  });
  assert.equal(
    r.steps.map((s) => [s.role, s.status]),
    [
      ["a", "landed"],
      ["b", "tests_failed"],
    ],
  );
  assert.match(r.steps[1]!.reason!, /exited 1/);
  assert.is(git(repo, "show", "main:other.txt"), "A");
  assert.is(git(repo, "show", "main:shared.txt"), "1\n2\n3");
  clean(repo);
});

test("the test command sees the main checkout's node_modules, which stay when the scratch checkout goes", async () => {
  const { repo, p, work } = await runWith(["a"]);
  writeFiles(repo, { ".gitignore": "node_modules\n", "node_modules/dep/index.js": "module.exports = 1;\n" });
  git(repo, "add", ".gitignore");
  git(repo, "commit", "-q", "-m", "ignore node_modules");
  work("a", { "other.txt": "A\n" });
  const r = await parallelMerge(p, { feature: "f", roles: ["a"], testCommand: "test -f node_modules/dep/index.js" });
  assert.equal(r.landed, ["a"], r.reason ?? "");
  assert.ok(existsSync(join(repo, "node_modules/dep/index.js")));
  clean(repo);
});

test("--rebase brings the remaining agents up to date after a landing, refusing a dirty worktree", async () => {
  const { repo, p, work } = await runWith(["a", "b", "c", "d"]);
  work("a", { "other.txt": "A\n" });
  work("b", { "b.txt": "b\n" });
  work("c", { "c.txt": "c\n" });
  work("d", { "d.txt": "d\n" });
  writeFileSync(join(repo, ".worktrees/c/shared.txt"), "dirty\n");
  const r = await parallelMerge(p, { feature: "f", roles: ["a"], rebase: true });
  assert.equal(r.landed, ["a"]);
  assert.equal(r.rebased, []); // only the selected ones that remain are rebased: none
  const rest = await parallelMerge(p, { feature: "f", roles: ["b", "d", "c"], rebase: true });
  assert.equal(rest.landed, ["b", "d", "c"]);
  assert.equal(rest.warnings, [
    "c: 1 uncommitted change(s) in its worktree are not part of its branch, so not of the merge",
  ]);
  assert.equal(
    rest.rebased.map((x) => [x.after, x.role, x.status]),
    [
      ["b", "d", "synced"],
      ["b", "c", "dirty"],
      ["d", "c", "dirty"],
    ],
  );
  // d was rebased onto main (with a's and b's work) before it landed.
  assert.is(git(join(repo, ".worktrees/d"), "rev-list", "--count", "main..HEAD"), "0");
  assert.ok(existsSync(join(repo, ".worktrees/d/b.txt")));
  clean(repo);
});

test("refuses when the base checkout has uncommitted changes, and --dry-run changes nothing", async () => {
  const { repo, p, work } = await runWith(["a"]);
  work("a", { "other.txt": "A\n" });
  const plan = await parallelMerge(p, { feature: "f", roles: ["a"], dryRun: true });
  assert.equal(
    plan.steps.map((s) => s.status),
    ["planned"],
  );
  assert.is(plan.base_after, plan.base_before);
  writeFileSync(join(repo, "shared.txt"), "edited on main\n");
  try {
    await parallelMerge(p, { feature: "f", roles: ["a"] });
    assert.unreachable("should refuse");
  } catch (error) {
    assert.ok(isWfError(error));
    assert.is(error.code, "E_CHECK_BASE_DIRTY");
    assert.is(error.exitCode, 1);
  }
  assert.is(git(repo, "rev-parse", "main"), plan.base_before);
});

test("on git older than 2.38 it refuses with exit 3, changing nothing", async () => {
  const { repo, work } = await runWith(["a"]);
  work("a", { "other.txt": "A\n" });
  const real = spawnSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).stdout.trim();
  const bin = tempDir("wf-oldgit-");
  writeFileSync(
    join(bin, "git"),
    `#!/bin/sh\nif [ "$1" = version ]; then echo "git version 2.30.2"; exit 0; fi\nexec ${real} "$@"\n`,
  );
  chmodSync(join(bin, "git"), 0o755);
  const before = git(repo, "rev-parse", "main");
  try {
    await parallelMerge(await project(repo, testEnv({ PATH: `${bin}:${process.env.PATH}` })), {
      feature: "f",
      roles: ["a"],
    });
    assert.unreachable("should refuse");
  } catch (error) {
    assert.ok(isWfError(error));
    assert.is(error.code, "E_PREREQ_GIT_VERSION");
    assert.is(error.exitCode, 3);
    assert.match(error.message, /needs git ≥ 2\.38 .* found 2\.30\.2/);
  }
  assert.is(git(repo, "rev-parse", "main"), before);
});

test("a role not in the run is bad input", async () => {
  const { p } = await runWith(["a"]);
  try {
    await parallelMerge(p, { feature: "f", roles: ["zz"] });
    assert.unreachable("should refuse");
  } catch (error) {
    assert.ok(isWfError(error));
    assert.is(error.code, "E_USAGE_ROLE");
    assert.is(error.exitCode, 2);
  }
});

test.run();
