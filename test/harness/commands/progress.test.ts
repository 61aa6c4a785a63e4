import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { json, runCli, tempDir } from "../../_support/index.ts";

const FILE = ".ai/project/sessions/claude-progress.txt";
const cli = suite("wf-task progress");

cli("init, update, note, file, decision, question, blocker: read --json shows each", async () => {
  const dir = tempDir();
  const run = (...argv: string[]) => runCli(argv, { cwd: dir });
  assert.is((await run("progress", "init", "shop", "backend")).code, 0);
  await run("progress", "update", "BE-1", "in_progress", "--title", "Cart", "--percent", "20");
  await run("progress", "update", "BE-0", "completed");
  await run("progress", "note", "look", "at", "the", "cache");
  await run("progress", "file", "src/cart.ts");
  await run("progress", "decision", "Redis for sessions");
  await run("progress", "question", "Which currency?");
  await run("progress", "blocker", "staging down", "--task", "BE-1");
  const p = json(await run("progress", "read"));
  assert.equal(
    {
      feature: p.feature,
      role: p.role,
      status: p.status,
      current_task: p.current_task,
      completed: p.completed,
      notes: p.notes,
      files: p.files,
      decisions: p.decisions,
      questions: p.questions,
      blockers: p.blockers,
    },
    {
      feature: "shop",
      role: "backend",
      status: "blocked",
      current_task: "BE-1",
      completed: ["BE-0"],
      notes: ["look at the cache"],
      files: ["src/cart.ts"],
      decisions: ["Redis for sessions"],
      questions: ["Which currency?"],
      blockers: ["BE-1: staging down"],
    },
  );
  for (const key of ["session_id", "started", "last_updated", "tasks"]) assert.ok(key in p, key);
  const cleared = json(await run("progress", "blocker", "--clear", "BE-1", "--json"));
  assert.equal(cleared.cleared, ["BE-1: staging down"]);
  assert.match((await run("progress", "show")).stdout, /Progress: shop — role backend — in_progress/);
});

cli("bad status, empty task id, bad feature id, missing and corrupt file: exit 2, file unchanged", async () => {
  const dir = tempDir();
  const run = (...argv: string[]) => runCli(argv, { cwd: dir });
  const missing = await run("progress", "read");
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /E_PROGRESS_MISSING.*\n.*wf-task init/);
  await run("progress", "init", "shop", "backend");
  const file = join(dir, FILE);
  const before = readFileSync(file, "utf8");
  const bad = await run("progress", "update", "BE-1", "finished");
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /hint: one of: pending, in_progress, completed, blocked, skipped, failed/);
  assert.is((await run("progress", "update", "", "completed")).code, 2);
  assert.is((await run("progress", "init", "Shop", "backend")).code, 2);
  assert.is(readFileSync(file, "utf8"), before);
  const corrupt = before.replace("- status: pending", "<<<<<<< HEAD\n- status: pending");
  writeFileSync(file, corrupt);
  const r = await run("progress", "note", "x");
  assert.is(r.code, 2);
  assert.match(
    r.stderr,
    new RegExp(
      `claude-progress\\.txt:${corrupt.split("\n").findIndex((l) => l.startsWith("<<<<<<<")) + 1}: unresolved merge conflict`,
    ),
  );
  assert.is(readFileSync(file, "utf8"), corrupt);
});

cli.run();
