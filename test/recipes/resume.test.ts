import { suite } from "uvu";
import * as assert from "uvu/assert";
import { json, runCli, tempDir, writeFiles } from "../_support/index.ts";

const resume = suite("wf-task resume");

resume("prints Session Restored after init and progress updates", async () => {
  const dir = tempDir();
  await runCli(["init", "shop", "backend", "--quiet"], { cwd: dir });
  await runCli(["progress", "update", "BE-1", "in_progress", "--title", "Cart", "--percent", "40"], { cwd: dir });
  const r = await runCli(["resume"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /=== Session Restored ===/);
  assert.match(r.stdout, /Suggested next task: BE-1: Cart \(40% complete\)/);
  const j = json(await runCli(["resume", "--json"], { cwd: dir }));
  assert.is(j.restored, true);
  assert.is(j.next_task.id, "BE-1");
});

resume("exits 0 with a pointer at init when there is no progress file", async () => {
  const r = await runCli(["resume"], { cwd: tempDir() });
  assert.is(r.code, 0);
  assert.match(r.stdout, /wf-task init <feature> <role>/);
  assert.is(json(await runCli(["resume", "--json"], { cwd: tempDir() })).restored, false);
});

resume("--hook claude prints the hook JSON and exits 0 even when the progress file is corrupt", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".ai/project/sessions/claude-progress.txt": "garbage\n" });
  const r = await runCli(["resume", "--hook", "claude"], {
    cwd: dir,
    input: JSON.stringify({ session_id: "x", cwd: dir, source: "startup" }),
  });
  assert.is(r.code, 0);
  const out = json(r);
  assert.is(out.hookSpecificOutput.hookEventName, "SessionStart");
  assert.match(out.hookSpecificOutput.additionalContext, /not a progress file/);
});

resume.run();
