import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { checkUsage, shouldClear, transcriptTokens } from "../../lib/context/usage.ts";
import { ROOT, runCli, tempDir, writeFiles, json } from "../_support/index.ts";

const transcript = join(ROOT, "test/context/fixtures/transcript.jsonl");
const test = suite("usage");

const progress = (files: string[], task = "BE-003") => `# Progress: auth

## Session Info
- session_id: s1
- started: 2026-03-02T09:00:00Z
- last_updated: 2026-03-02T09:00:00Z
- feature: auth
- role: backend

## Current State
- status: in_progress
- current_task: ${task}
- task_id: ${task}

## Completed This Session

## In Progress
- [ ] ${task}: refresh tokens (60% complete)

## Blockers

## Notes for Next Session

## Files Modified This Session
${files.map((f) => `- ${f}`).join("\n")}

## Key Decisions Made

## Questions for Human
`;

test("reads the last main-thread assistant usage of a transcript (input + cache read + cache creation)", async () => {
  assert.is(await transcriptTokens(transcript), 12 + 87000 + 3000);
});

test("usage at 90% of the threshold recommends compaction, from a transcript", async () => {
  const u = await checkUsage({ root: tempDir(), transcript, threshold: 100000 });
  assert.equal(
    [u.source, u.estimated_tokens, u.usage_percent, u.recommend_compaction],
    ["transcript", 90012, 90, true],
  );
});

test("usage at 90% of the threshold recommends compaction, without a transcript (progress files + CLAUDE.md)", async () => {
  const dir = tempDir();
  const body =
    "export function refresh(token: string): string {\n  return token.split('.').reverse().join('.');\n}\n".repeat(40);
  writeFiles(dir, { "CLAUDE.md": "# Rules\n- write tests first\n", "src/a.ts": body, "src/b.ts": body.slice(0, 900) });
  writeFiles(dir, { ".ai/project/sessions/claude-progress.txt": progress(["src/a.ts", "src/b.ts"]) });
  const files = ["CLAUDE.md", ".ai/project/sessions/claude-progress.txt", "src/a.ts", "src/b.ts"];
  const { readFileSync } = await import("node:fs");
  const total = files.reduce((s, f) => s + encode(readFileSync(join(dir, f), "utf8")).length, 0);
  const threshold = Math.round(total / 0.9);
  const r = await runCli(["context", "usage", "--threshold", String(threshold), "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const u = json(r);
  assert.is(u.source, "files");
  assert.is(u.estimated_tokens, total);
  assert.ok(Math.abs(u.usage_percent - 90) < 0.2, String(u.usage_percent));
  assert.is(u.recommend_compaction, true);
  const low = json(await runCli(["context", "usage", "--threshold", String(total * 2), "--json"], { cwd: dir }));
  assert.is(low.recommend_compaction, false);
});

test("the threshold defaults to enforcement.context.compactionThreshold", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".workflowrc.json": JSON.stringify({ enforcement: { context: { compactionThreshold: 95000 } } }) });
  const u = json(await runCli(["context", "usage", "--transcript", transcript, "--json"], { cwd: dir }));
  assert.is(u.threshold, 95000);
  assert.is(u.recommend_compaction, true);
});

test("should-clear advises /compact mid-task and /clear when the task is done, exit 0; exit 1 when below", () => {
  const usage = {
    estimated_tokens: 90000,
    threshold: 100000,
    usage_percent: 90,
    recommend_compaction: true,
    source: "transcript" as const,
    files: [],
  };
  assert.is(shouldClear(usage, { taskDone: false, currentTask: "BE-003" }).action, "compact");
  assert.is(shouldClear(usage, { taskDone: true, currentTask: null }).action, "clear");
  assert.is(
    shouldClear({ ...usage, usage_percent: 40, recommend_compaction: false }, { taskDone: true, currentTask: null })
      .advise,
    false,
  );
});

test("context should-clear exits 0 with the action and reason, 1 when not needed", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".ai/project/sessions/claude-progress.txt": progress([]) });
  const yes = await runCli(["context", "should-clear", "--transcript", transcript], { cwd: dir });
  assert.is(yes.code, 0, yes.stderr);
  assert.match(yes.stdout, /^\/compact: context at 90% of 100000 tokens mid-task \(BE-003\)/);
  const no = await runCli(["context", "should-clear", "--transcript", transcript, "--threshold", "1000000", "--json"], {
    cwd: dir,
  });
  assert.is(no.code, 1);
  assert.equal(json(no).action, null);
});

test("--hook takes the transcript_path from a Claude Code hook's JSON on stdin", async () => {
  const input = JSON.stringify({ session_id: "8c1f", transcript_path: transcript, cwd: "/x", hook_event_name: "Stop" });
  const r = await runCli(["context", "should-clear", "--hook", "--json"], { cwd: tempDir(), input });
  assert.is(r.code, 0, r.stderr);
  assert.is(json(r).usage.estimated_tokens, 90012);
  const bad = await runCli(["context", "usage", "--hook"], { cwd: tempDir(), input: "{}" });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /no transcript_path/);
});

test("enforcement.context.autoClearReminder: false silences the hook's reminder (asked directly, it still answers)", async () => {
  const input = JSON.stringify({ session_id: "8c1f", transcript_path: transcript, cwd: "/x", hook_event_name: "Stop" });
  const dir = tempDir();
  writeFiles(dir, { ".workflowrc.json": JSON.stringify({ enforcement: { context: { autoClearReminder: false } } }) });
  const off = await runCli(["context", "should-clear", "--hook", "--json"], { cwd: dir, input });
  assert.is(off.code, 1, off.stderr);
  assert.is(json(off).action, null);
  assert.match(json(off).reason, /autoClearReminder/);
  assert.is((await runCli(["context", "should-clear", "--transcript", transcript], { cwd: dir })).code, 0);
  assert.is((await runCli(["context", "should-clear", "--hook"], { cwd: tempDir(), input })).code, 0, "on by default");
});

test("a transcript line that is not JSON is an error with its line number", async () => {
  const dir = tempDir();
  writeFiles(dir, { "t.jsonl": '{"type":"user"}\nnot json\n{"type":"user"}\n' });
  const r = await runCli(["context", "usage", "--transcript", "t.jsonl"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /t\.jsonl:2: line 2 of the transcript is not JSON/);
});

test.run();
