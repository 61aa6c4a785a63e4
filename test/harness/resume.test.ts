import { suite } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { projectPaths } from "../../lib/config/paths.ts";
import { defaultConfig } from "../../lib/config/defaults.ts";
import { progressToJson, parseProgress, progressTemplate } from "../../lib/harness/progress.ts";
import { addNote, addQuestion, clearBlocker, markFile, progressInit, update } from "../../lib/harness/progress-ops.ts";
import { renderResume, resumeSession, suggestNextTask } from "../../lib/harness/resume.ts";
import { saveState } from "../../lib/harness/state.ts";
import { tempDir, writeFiles } from "../_support/index.ts";

const setup = () => {
  const root = tempDir();
  const paths = projectPaths({ config: defaultConfig(), root });
  return { root, paths, o: { file: paths.progressFile, root } };
};
const empty = () =>
  progressToJson(
    parseProgress(progressTemplate({ feature: "f", role: "qa", sessionId: "s", now: "2026-01-01T00:00:00Z" })),
  );

const resume = suite("resumeSession");

resume(
  "loads the progress and shows feature, role, last task, previous session, files, notes, blockers, questions",
  async () => {
    const { paths, o } = setup();
    await progressInit("auth-system", "backend", { ...o, sessionId: "s-prev" });
    await update("BE-001", "completed", { ...o, title: "Structure" });
    await update("BE-003", "in_progress", { ...o, title: "Initializer", percent: 60 });
    await markFile("src/init.ts", o);
    await addNote("finish the welcome message", o);
    await addQuestion("which shell?", o);
    await update("BE-004", "blocked", { ...o, note: "no API keys" });
    const s = await resumeSession(paths);
    assert.ok(s.restored);
    assert.is(s.feature, "auth-system");
    assert.is(s.role, "backend");
    assert.equal(s.last_task, { id: "BE-003", title: "Initializer", status: "in_progress", percent: 60 });
    assert.is(s.previous_session?.session_id, "s-prev");
    assert.equal(s.previous_session?.completed, ["BE-001: Structure"]);
    assert.equal(s.files, ["src/init.ts"]);
    assert.equal(s.notes, ["finish the welcome message"]);
    assert.equal(s.blockers, ["BE-004: no API keys"]);
    assert.equal(s.questions, ["which shell?"]);
    assert.is(s.next_task?.id, "BE-003");
    const text = renderResume(s);
    for (const line of [
      "=== Session Restored ===",
      "Feature: auth-system",
      "Last task: BE-003: Initializer (60% complete)",
      "Previous session: s-prev",
      "  - src/init.ts",
      "Notes for this session:",
      "  - BE-004: no API keys",
      "Open questions:",
      "Suggested next task: BE-003: Initializer (60% complete) — interrupted",
    ]) {
      assert.ok(text.includes(line), `missing: ${line}\n${text}`);
    }
  },
);

resume("handles a missing progress file with a message pointing at init", async () => {
  const { paths } = setup();
  const s = await resumeSession(paths);
  assert.is(s.restored, false);
  assert.match(renderResume(s), /wf-task init <feature> <role>/);
});

resume("reports the agent state's iteration when one was saved", async () => {
  const { paths, o } = setup();
  await progressInit("f", "qa", o);
  await saveState("qa", { paths, config: defaultConfig() });
  const s = await resumeSession(paths);
  assert.is(s.state?.iteration_count, 1);
  assert.match(renderResume(s), /Agent state: qa\.af, iteration 1/);
});

resume("suggests the first task of the feature's spec when progress has no open task", async () => {
  const { paths, o } = setup();
  await progressInit("auth-system", "backend", o);
  await update("BE-001", "completed", o);
  writeFiles(join(paths.featuresDir, "auth-system"), {
    "spec.yaml":
      "tasks:\n  backend:\n    - id: BE-001\n      title: Done already\n    - id: BE-002\n      title: Token endpoint\n",
  });
  const s = await resumeSession(paths);
  assert.equal(s.next_task, {
    id: "BE-002",
    title: "Token endpoint",
    status: "pending",
    reason: "the first task of the feature's spec.yaml not started yet",
    source: "spec.yaml",
  });
});

// ---
const next = suite("suggestNextTask");

next("prefers an interrupted in_progress task, the current one first", () => {
  const p = {
    ...empty(),
    current_task: "B",
    tasks: [
      { id: "A", status: "in_progress" as const },
      { id: "B", status: "in_progress" as const },
      { id: "C", status: "pending" as const },
    ],
  };
  assert.is(suggestNextTask(p)?.id, "B");
});

next("then a blocked task whose blocker was cleared, not one still blocked", async () => {
  const { o, paths } = setup();
  await progressInit("f", "qa", o);
  await update("A", "blocked", { ...o, note: "waiting" });
  await update("B", "blocked", { ...o, note: "waiting too" });
  await update("C", "pending", o);
  await clearBlocker("B", o);
  const s = await resumeSession(paths);
  assert.equal([s.next_task?.id, s.next_task?.reason], ["B", "its blocker was cleared"]);
});

next("then the first pending task, then nothing", () => {
  assert.is(
    suggestNextTask({
      ...empty(),
      tasks: [
        { id: "A", status: "completed" },
        { id: "P", status: "pending" },
      ],
    })?.id,
    "P",
  );
  assert.is(suggestNextTask({ ...empty(), tasks: [{ id: "A", status: "completed" }] }), null);
});

resume.run();
next.run();
