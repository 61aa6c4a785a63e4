import { suite } from "uvu";
import * as assert from "uvu/assert";
import { mergeProgress } from "../../lib/harness/progress-merge.ts";
import { scan, splitDoc } from "../../lib/harness/progress-doc.ts";

const t = suite("progress merge (git's merge driver for the progress file)");

/** A progress file as `wf-task init` writes it, with what a session changed. */
function doc(
  o: { updated?: string; status?: string; completed?: string[]; notes?: string[]; inProgress?: string[] } = {},
) {
  return [
    "# Progress: demo",
    "<!-- Kept by wf-task (`wf-task progress …`). Edit freely: keep the ## headings; other lines are left as they are. -->",
    "",
    "## Session Info",
    "- session_id: 20261204-221734-6756da",
    "- started: 2026-12-04T22:17:34Z",
    `- last_updated: ${o.updated ?? "2026-12-04T22:17:34Z"}`,
    "- feature: demo",
    "- role: lead",
    "",
    "## Current State",
    `- status: ${o.status ?? "pending"}`,
    "- current_task: none",
    "- task_id: none",
    "",
    "## Completed This Session",
    ...(o.completed ?? []),
    "",
    "## In Progress",
    ...(o.inProgress ?? []),
    "",
    "## Blockers",
    "",
    "## Notes for Next Session",
    ...(o.notes ?? []),
    "",
    "## Files Modified This Session",
    "",
  ].join("\n");
}

t("two agents that each completed a task: both tasks, the later update, no conflict", () => {
  const base = doc();
  const ours = doc({ updated: "2026-12-04T22:17:41Z", status: "completed", completed: ["- [x] T1: b"] });
  const theirs = doc({ updated: "2026-12-04T22:17:49Z", status: "completed", completed: ["- [x] T2: c"] });
  const merged = mergeProgress(base, ours, theirs);
  assert.is(
    merged,
    doc({ updated: "2026-12-04T22:17:49Z", status: "completed", completed: ["- [x] T1: b", "- [x] T2: c"] }),
  );
  scan(splitDoc(merged!)); // still a progress file wf-task reads
});

t("a line one side removed (a task moved on) goes; lines both added are kept once, ours first", () => {
  const base = doc({ inProgress: ["- [ ] T3: shared"], notes: ["- old note"] });
  const ours = doc({
    updated: "2026-12-04T23:00:00Z",
    inProgress: [],
    completed: ["- [x] T3: shared"],
    notes: ["- old note", "- ours"],
  });
  const theirs = doc({
    updated: "2026-12-04T22:30:00Z",
    inProgress: ["- [ ] T3: shared"],
    notes: ["- old note", "- theirs", "- ours"],
  });
  assert.is(
    mergeProgress(base, ours, theirs),
    doc({
      updated: "2026-12-04T23:00:00Z",
      completed: ["- [x] T3: shared"],
      notes: ["- old note", "- ours", "- theirs"],
    }),
  );
});

t("a value both sides changed comes from the side updated last", () => {
  const base = doc();
  const early = doc({ updated: "2026-12-04T10:00:00Z", status: "in_progress" });
  const late = doc({ updated: "2026-12-04T11:00:00Z", status: "blocked" });
  assert.is(mergeProgress(base, early, late), late);
  assert.is(mergeProgress(base, late, early), late);
});

t("one side unchanged: the other side, whatever it is; both the same: that", () => {
  const base = doc();
  const changed = `${doc({ notes: ["- x"] })}free text the user wrote\n`;
  assert.is(mergeProgress(base, base, changed), changed);
  assert.is(mergeProgress(base, changed, base), changed);
  assert.is(mergeProgress(base, changed, changed), changed);
});

t(
  "what it cannot tell apart is a conflict (undefined): the title changed both ways, a section's prose both ways",
  () => {
    const base = doc();
    assert.is(mergeProgress(base, base.replace("demo\n", "one\n"), base.replace("demo\n", "two\n")), undefined);
    const prose = (s: string) => base.replace("## Blockers\n", `## Blockers\nWe wait for ${s}, who said so.\n`);
    assert.is(mergeProgress(base, prose("Ann"), prose("Bob")), undefined);
  },
);

t("notes that look like `key: value` are a list: `- TODO: a` and `- TODO: b` both stay", () => {
  const base = doc({ notes: ["- TODO: first"] });
  const ours = doc({ notes: ["- TODO: first", "- TODO: a"] });
  const theirs = doc({ notes: ["- TODO: first", "- TODO: b"] });
  assert.is(mergeProgress(base, ours, theirs), doc({ notes: ["- TODO: first", "- TODO: a", "- TODO: b"] }));
});

t.run();
