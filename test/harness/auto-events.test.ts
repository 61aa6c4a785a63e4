import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { json, runCli, tempDir, writeFiles } from "../_support/index.ts";

const EVENTS = ".ai/project/metrics/events.jsonl";
const events = (root: string) =>
  readFileSync(join(root, EVENTS), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

const auto = suite("automatic compound events");

auto("a session of progress calls alone fills compound metrics", async () => {
  const root = tempDir();
  const run = async (...argv: string[]) => {
    const r = await runCli(argv, { cwd: root });
    assert.is(r.code, 0, `${argv.join(" ")}: ${r.stderr}`);
    return r;
  };
  await run("progress", "init", "auth", "backend");
  await run("progress", "update", "BE-001", "in_progress");
  await run("progress", "update", "BE-001", "completed", "done");
  await run("progress", "update", "BE-002", "blocked", "--note", "waiting for keys");
  await run("progress", "blocker", "--clear", "BE-002");
  await run("progress", "update", "BE-002", "completed");
  await run("resume");
  const names = events(root).map((e) => e.event);
  assert.equal(names, [
    "session_started",
    "task_started",
    "task_completed",
    "task_blocked",
    "blocker_resolved",
    "task_completed",
    "session_started",
  ]);
  const done = events(root)[2];
  assert.is(done.task, "BE-001");
  assert.is(done.feature, "auth");
  assert.is(done.source, "progress");
  const m = json(await run("compound", "metrics", "--json"));
  assert.is(m.counts.tasks_completed, 2);
  assert.is(m.first_pass_rate, 1);
  assert.is(m.counts.sessions, 2);
  assert.is(m.context_reuse, 0.5);
});

auto("reopening a completed task records task_reopened and breaks first-pass", async () => {
  const root = tempDir();
  await runCli(["progress", "init", "auth", "backend"], { cwd: root });
  await runCli(["progress", "update", "BE-001", "completed"], { cwd: root });
  await runCli(["progress", "update", "BE-001", "in_progress"], { cwd: root });
  assert.equal(
    events(root).map((e) => e.event),
    ["session_started", "task_completed", "task_reopened"],
  );
  const m = json(await runCli(["compound", "metrics", "--json"], { cwd: root }));
  assert.is(m.first_pass_rate, 0);
});

auto("an update that changes nothing records nothing; compound.autoCapture: false records nothing at all", async () => {
  const root = tempDir();
  await runCli(["progress", "init", "auth", "backend"], { cwd: root });
  await runCli(["progress", "update", "BE-001", "completed"], { cwd: root });
  await runCli(["progress", "update", "BE-001", "completed"], { cwd: root });
  assert.is(events(root).length, 2);
  const off = tempDir();
  writeFiles(off, { ".workflowrc.json": JSON.stringify({ compound: { autoCapture: false } }) });
  await runCli(["progress", "init", "auth", "backend"], { cwd: off });
  await runCli(["progress", "update", "BE-001", "completed"], { cwd: off });
  assert.ok(!existsSync(join(off, EVENTS)));
});

auto.run();

// ---
const worktree = suite("automatic events in a parallel agent's worktree");

worktree("go to the main checkout's events file, so agents' branches carry none", async () => {
  const { git, gitRepo } = await import("../_support/index.ts");
  const { eventsFileFor } = await import("../../lib/harness/auto-events.ts");
  const main = gitRepo();
  const wt = join(main, ".worktrees/backend");
  git(main, "worktree", "add", "-q", "-b", "feature/x-backend", wt);
  assert.is(eventsFileFor(wt, join(wt, ".ai/project/metrics")), join(main, ".ai/project/metrics/events.jsonl"));
  assert.is(eventsFileFor(main, join(main, ".ai/project/metrics")), join(main, ".ai/project/metrics/events.jsonl"));
  await runCli(["progress", "init", "x", "backend"], { cwd: wt });
  await runCli(["progress", "update", "BE-1", "completed"], { cwd: wt });
  assert.not.ok(existsSync(join(wt, EVENTS)));
  assert.equal(
    events(main).map((e) => e.event),
    ["session_started", "task_completed"],
  );
});

worktree.run();
