import { suite } from "uvu";
import * as assert from "uvu/assert";
import { PassThrough, Readable } from "node:stream";
import { openProject } from "../../lib/core/project.ts";
import { readHookInput, sessionStartHook } from "../../lib/harness/hook.ts";
import { progressInit } from "../../lib/harness/progress-ops.ts";
import { tempDir, writeFiles } from "../_support/index.ts";

const ctx = (cwd: string, input: string | Readable) => ({
  cwd,
  env: {},
  stdin: typeof input === "string" ? Readable.from([input]) : input,
  project: (dir?: string) => openProject(dir ?? cwd, {}),
});

const hook = suite("sessionStartHook");

hook("reads Claude Code's input and returns the summary as SessionStart additionalContext", async () => {
  const dir = tempDir();
  await progressInit("auth-system", "backend", { file: `${dir}/.ai/project/sessions/claude-progress.txt` });
  const input = JSON.stringify({
    session_id: "abc",
    transcript_path: "/t.jsonl",
    cwd: dir,
    hook_event_name: "SessionStart",
    source: "startup",
  });
  const out = (await sessionStartHook(ctx(tempDir(), input))) as any;
  assert.is(out.hookSpecificOutput.hookEventName, "SessionStart");
  assert.match(out.hookSpecificOutput.additionalContext, /=== Session Restored ===\nFeature: auth-system/);
});

hook("never throws: bad input becomes a short additionalContext saying what went wrong", async () => {
  const out = (await sessionStartHook(ctx(tempDir(), "{not json"))) as any;
  assert.match(out.hookSpecificOutput.additionalContext, /^wf-task could not restore the previous session: .*JSON/);
});

hook("never throws: a corrupt progress file is named with its line", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".ai/project/sessions/claude-progress.txt": "## Session Info\n- started: someday\n" });
  const out = (await sessionStartHook(ctx(dir, "{}"))) as any;
  assert.match(out.hookSpecificOutput.additionalContext, /claude-progress\.txt:2: expected started to be a date/);
});

hook("returns {} when harness.autoRestore is off", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".workflowrc.json": JSON.stringify({ harness: { autoRestore: false } }) });
  assert.equal(await sessionStartHook(ctx(dir, "{}")), {});
});

// ---
const input = suite("readHookInput");

input("gives up waiting on a stdin nobody closes", async () => {
  const stdin = new PassThrough();
  const start = Date.now();
  assert.equal(await readHookInput(stdin, 100), {});
  assert.ok(Date.now() - start < 1000);
});

hook.run();
input.run();
