import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readEvents, trackEvent } from "../../lib/compound/events.ts";
import { json, runCli, tempDir } from "../_support/index.ts";

const test = suite("events");

test("appends one JSON line per event, and parallel writers lose nothing", async () => {
  const file = join(tempDir(), "metrics/events.jsonl");
  await Promise.all(Array.from({ length: 20 }, (_, i) => trackEvent(file, "task_started", { task: `T${i}` })));
  const events = await readEvents(file);
  assert.is(events.length, 20);
  assert.equal(new Set(events.map((e) => e.task)).size, 20);
  assert.is(readFileSync(file, "utf8").split("\n").length, 21);
});

test("a torn last line is skipped; a bad line in the middle is an error with its line", async () => {
  const file = join(tempDir(), "events.jsonl");
  await trackEvent(file, "session_started", {}, new Date("2026-01-01T00:00:00Z"));
  appendFileSync(file, '{"event":"task_st');
  assert.is((await readEvents(file)).length, 1);
  appendFileSync(file, '\n{"event":"x","ts":"2026-01-01T00:00:00Z"}\n');
  const error = await readEvents(file).then(
    () => undefined,
    (e: Error) => e,
  );
  assert.match(String(error?.message), /line 2 of the events file is not JSON/);
});

test("compound track validates the event name and the metadata", async () => {
  const dir = tempDir();
  const bad = await runCli(["compound", "track", "Task Done"], { cwd: dir });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /snake_case/);
  const notObject = await runCli(["compound", "track", "task_completed", "[1]"], { cwd: dir });
  assert.is(notObject.code, 2);
  const ok = json(await runCli(["compound", "track", "task_completed", '{"task":"BE-3"}', "--json"], { cwd: dir }));
  assert.is(ok.task, "BE-3");
  assert.match(readFileSync(join(dir, ".ai/project/metrics/events.jsonl"), "utf8"), /"event":"task_completed"/);
});

test.run();
