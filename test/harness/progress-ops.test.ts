import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isWfError } from "../../lib/core/errors.ts";
import {
  addDecision,
  addNote,
  addQuestion,
  clearBlocker,
  markFile,
  progressInit,
  read,
  save,
  setBlocker,
  update,
  type ProgressOptions,
} from "../../lib/harness/progress-ops.ts";
import { parseProgress, readProgressFile, serializeProgress } from "../../lib/harness/progress.ts";
import { ROOT, tempDir } from "../_support/index.ts";

let tick = 0;
/** A progress file in a fresh temp dir, with a clock that advances a minute per call. */
function setup(): ProgressOptions & { dir: string } {
  const dir = tempDir();
  tick = 0;
  return {
    dir,
    file: join(dir, "sessions/claude-progress.txt"),
    root: dir,
    sessionId: "s-test",
    now: () => new Date(Date.UTC(2026, 0, 27, 10, tick++)),
  };
}
const text = (o: ProgressOptions) => readFileSync(o.file, "utf8");

async function rejects(fn: () => Promise<unknown>, code: string): Promise<void> {
  try {
    await fn();
  } catch (error) {
    assert.ok(isWfError(error), String(error));
    assert.is(error.code, code);
    assert.is(error.exitCode, 2);
    return;
  }
  assert.unreachable(`expected ${code}`);
}

const init = suite("progressInit");

init("creates the progress file with feature, role, session id and start time", async () => {
  const o = setup();
  const r = await progressInit("auth-system", "backend", o);
  assert.ok(existsSync(o.file));
  assert.ok(r.created);
  const p = await read(o);
  assert.is(p.feature, "auth-system");
  assert.is(p.role, "backend");
  assert.is(p.session_id, "s-test");
  assert.is(p.started, "2026-01-27T10:00:00Z");
  assert.match(text(o), /^## Session Info$/m);
  assert.match(text(o), /^## Questions for Human$/m);
});

init("changes nothing when run twice for the same feature and role", async () => {
  const o = setup();
  await progressInit("auth-system", "backend", o);
  const before = text(o);
  const r = await progressInit("auth-system", "backend", o);
  assert.is(r.created, false);
  assert.is(r.changed, false);
  assert.is(text(o), before);
});

init(
  "another role of the same feature takes the file over: its state starts pending, the feature's tasks stay",
  async () => {
    const o = setup();
    await progressInit("auth-system", "backend", o);
    await update("T1", "completed", { ...o, title: "Login" });
    await update("T2", "in_progress", { ...o, title: "Logout" });
    await update("T2", "completed", o);
    assert.is((await read(o)).status, "completed");
    const r = await progressInit("auth-system", "qa", o);
    assert.ok(r.changed);
    const p = await read(o);
    assert.equal([p.role, p.status, p.current_task], ["qa", "pending", null]);
    assert.equal(
      p.tasks.map((t) => [t.id, t.status]),
      [
        ["T1", "completed"],
        ["T2", "completed"],
      ],
    );
    // its first task of its own moves the state on
    await update("T3", "in_progress", { ...o, title: "Tests" });
    assert.is((await read(o)).status, "in_progress");
  },
);

init("archives another feature's file to history before starting the new one", async () => {
  const o = setup();
  await progressInit("old-feature", "backend", o);
  await addNote("remember me", o);
  const r = await progressInit("new-feature", "qa", o);
  assert.ok(r.created);
  assert.is(r.previousFeature, "old-feature");
  assert.ok(r.archived && existsSync(r.archived));
  assert.match(readFileSync(r.archived!, "utf8"), /remember me/);
  assert.is((await read(o)).feature, "new-feature");
});

init("refuses a feature id outside ^[a-z0-9][a-z0-9-]*$ and writes nothing", async () => {
  const o = setup();
  for (const bad of ["../x", "Auth", "", "a b", "-x"])
    await rejects(() => progressInit(bad, "backend", o), "E_USAGE_NAME");
  assert.not.ok(existsSync(o.file));
});

init("takes the roles `wf-task parallel` takes, and refuses unsafe ones", async () => {
  for (const role of ["BE_007", "v1.2", "qa"]) {
    const o = setup();
    await progressInit("auth", role, o);
    assert.is((await readProgressFile(o.file))!.role, role, "and the file it wrote reads back");
  }
  const o = setup();
  for (const bad of ["../x", "a..b", "a b", "$(id)", "-rf", "x."])
    await rejects(() => progressInit("auth", bad, o), "E_USAGE_NAME");
  assert.not.ok(existsSync(o.file));
});

init("refuses to replace a corrupt file and leaves it unchanged", async () => {
  const o = setup();
  await progressInit("auth-system", "backend", o);
  const corrupt = text(o).replace("- status: pending", "- status: ???");
  writeFileSync(o.file, corrupt);
  await rejects(() => progressInit("other", "backend", o), "E_PROGRESS_CORRUPT");
  assert.is(text(o), corrupt);
});

// ---
const upd = suite("update");

upd("changes a task's status and percent, and makes an in_progress task current", async () => {
  const o = setup();
  await progressInit("f", "backend", o);
  await update("BE-003", "in_progress", { ...o, title: "Implement initializer", percent: 60 });
  const p = await read(o);
  assert.equal(p.tasks, [{ id: "BE-003", title: "Implement initializer", status: "in_progress", percent: 60 }]);
  assert.is(p.current_task, "BE-003");
  assert.is(p.status, "in_progress");
  assert.match(text(o), /- \[ \] BE-003: Implement initializer \(60% complete\)/);
  assert.is(p.last_updated, "2026-01-27T10:01:00Z");
});

upd("moves a completed task to the completed list and clears the current task", async () => {
  const o = setup();
  await progressInit("f", "backend", o);
  await update("BE-001", "in_progress", { ...o, title: "Structure", note: "dirs made" });
  await update("BE-001", "completed", o);
  const p = await read(o);
  assert.equal(p.completed, ["BE-001"]);
  assert.equal(p.tasks, [{ id: "BE-001", title: "Structure", status: "completed", notes: ["dirs made"] }]);
  assert.is(p.current_task, null);
  assert.is(p.status, "completed");
  assert.match(text(o), /## Completed This Session\n- \[x\] BE-001: Structure\n {2}- dirs made\n/);
  assert.not.match(text(o).split("## In Progress")[1]!.split("##")[0]!, /BE-001/);
});

upd("records a blocker for a blocked task, and the session is blocked until it is cleared", async () => {
  const o = setup();
  await progressInit("f", "backend", o);
  await update("BE-004", "blocked", { ...o, note: "waiting for API keys" });
  let p = await read(o);
  assert.equal(p.blockers, ["BE-004: waiting for API keys"]);
  assert.is(p.tasks[0]!.status, "blocked");
  assert.is(p.status, "blocked");
  const cleared = await clearBlocker("BE-004", o);
  assert.equal(cleared.result, ["BE-004: waiting for API keys"]);
  p = await read(o);
  assert.equal(p.blockers, []);
  assert.is(p.status, "pending");
});

upd("moving a blocked task back to in_progress clears its own blockers, not others", async () => {
  const o = setup();
  await progressInit("f", "backend", o);
  await update("BE-4", "blocked", { ...o, note: "keys" });
  await setBlocker("CI is red", o);
  await update("BE-4", "in_progress", o);
  const p = await read(o);
  assert.equal(p.blockers, ["CI is red"]);
  assert.is(p.tasks[0]!.status, "in_progress");
});

upd("rejects an unknown status, an empty task id and a bad percent with exit 2, file unchanged", async () => {
  const o = setup();
  await progressInit("f", "backend", o);
  const before = text(o);
  await rejects(() => update("BE-1", "done", o), "E_USAGE_STATUS");
  await rejects(() => update("", "completed", o), "E_USAGE_TASK");
  await rejects(() => update("has space", "completed", o), "E_USAGE_TASK");
  await rejects(() => update("BE-1", "in_progress", { ...o, percent: 120 }), "E_USAGE_PERCENT");
  assert.is(text(o), before);
});

upd("reports a missing progress file with a hint to run init", async () => {
  const o = setup();
  await rejects(() => update("BE-1", "completed", o), "E_PROGRESS_MISSING");
  assert.not.ok(existsSync(o.file));
});

upd("leaves hand-written lines and unknown sections untouched", async () => {
  const o = setup();
  await progressInit("f", "backend", o);
  writeFileSync(
    o.file,
    text(o).replace(
      "## Blockers",
      "## Ideas\nA line a person wrote.\n- a hand-made idea\n<!-- keep -->\n\n## Blockers",
    ),
  );
  await update("BE-1", "in_progress", o);
  await addNote("n", o);
  assert.match(
    text(o),
    /\n- \[ \] BE-1\n\n## Ideas\nA line a person wrote\.\n- a hand-made idea\n<!-- keep -->\n\n## Blockers\n/,
  );
});

// ---
const lists = suite("notes, files, decisions, questions, blockers");

lists("addNote appends notes for the next session in order", async () => {
  const o = setup();
  await progressInit("f", "backend", o);
  await addNote("first", o);
  await addNote("second\nline", o);
  assert.equal((await read(o)).notes, ["first", "second line"]);
});

lists("markFile tracks each file once, relative to the root", async () => {
  const o = setup();
  await progressInit("f", "backend", o);
  await markFile(["src/a.ts", join(o.dir, "src/b.ts")], o);
  const again = await markFile("./src/a.ts", o);
  assert.equal(again.result, []);
  assert.is(again.changed, false);
  assert.equal((await read(o)).files, ["src/a.ts", "src/b.ts"]);
});

lists("decisions, questions and blockers are recorded and a blocker is cleared by position", async () => {
  const o = setup();
  await progressInit("f", "backend", o);
  await addDecision("use Markdown", o);
  await addQuestion("which OAuth provider?", o);
  await setBlocker("CI is red", o);
  await setBlocker("no keys", { ...o, task: "BE-9" });
  await clearBlocker("1", o);
  const p = await read(o);
  assert.equal(
    [p.decisions, p.questions, p.blockers],
    [["use Markdown"], ["which OAuth provider?"], ["BE-9: no keys"]],
  );
  await rejects(() => clearBlocker("nothing-like-it", o), "E_USAGE_NOT_FOUND");
  await rejects(() => addNote("  ", o), "E_USAGE_TEXT");
});

lists("a `- None` placeholder is replaced by the first real entry", async () => {
  const o = setup();
  await progressInit("f", "backend", o);
  writeFileSync(o.file, text(o).replace("## Questions for Human\n", "## Questions for Human\n- None\n"));
  await addQuestion("q1", o);
  assert.match(text(o), /## Questions for Human\n- q1\n$/);
});

lists("a missing section is added back in the standard order", async () => {
  const o = setup();
  await progressInit("f", "backend", o);
  writeFileSync(o.file, text(o).replace("## Notes for Next Session\n\n", ""));
  await addNote("back", o);
  assert.match(text(o), /## Blockers\n\n## Notes for Next Session\n- back\n\n## Files Modified/);
  assert.is(serializeProgress(parseProgress(text(o))), text(o));
});

// ---
const persist = suite("save and concurrency");

persist("save writes the file to disk with a fresh last_updated", async () => {
  const o = setup();
  await progressInit("f", "backend", o);
  const p = await save(o);
  assert.is(p.last_updated, "2026-01-27T10:01:00Z");
  assert.is((await readProgressFile(o.file))!.last_updated, "2026-01-27T10:01:00Z");
});

persist("twenty writers at once in one process lose no note", async () => {
  const o = setup();
  await progressInit("f", "backend", o);
  await Promise.all(Array.from({ length: 20 }, (_, i) => addNote(`note ${i}`, { file: o.file })));
  const notes = (await read(o)).notes;
  assert.is(notes.length, 20);
  for (let i = 0; i < 20; i++) assert.ok(notes.includes(`note ${i}`));
});

persist("a writer killed while holding the lock leaves the old file intact, and its lock is broken", async () => {
  const o = setup();
  await progressInit("f", "backend", o);
  await addNote("before", o);
  const before = text(o);
  // A real process takes the lock, then dies (SIGKILL) mid-update.
  const script = `import { withLock } from ${JSON.stringify(join(ROOT, "lib/util/lock.ts"))};
await withLock(${JSON.stringify(o.file)}, async () => { process.stdout.write("locked\\n"); await new Promise(() => setInterval(() => {}, 1000)); });`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => child.stdout!.on("data", (d) => String(d).includes("locked") && resolve()));
  child.kill("SIGKILL");
  await new Promise((resolve) => child.on("exit", resolve));
  assert.ok(existsSync(`${o.file}.lock`), "the dead writer's lock is left behind");
  assert.is(text(o), before);
  await addNote("after", { ...o, lock: { timeoutMs: 5000 } });
  assert.equal((await read(o)).notes, ["before", "after"]);
  assert.equal(
    readdirSync(join(o.dir, "sessions")).filter((f) => f.endsWith(".tmp") || f.includes(".lock")),
    [],
  );
});

init.run();
upd.run();
lists.run();
persist.run();
