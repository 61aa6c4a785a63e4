import { suite } from "uvu";
import * as assert from "uvu/assert";
import { computeMetrics, type CommitInfo } from "../../lib/compound/metrics.ts";
import type { CompoundEvent } from "../../lib/compound/events.ts";
import { git, gitRepo, json, runCli, writeFiles } from "../_support/index.ts";

const test = suite("metrics");
const e = (ts: string, event: string, extra: Record<string, unknown> = {}): CompoundEvent => ({
  ts: `${ts}T12:00:00.000Z`,
  event,
  ...extra,
});
const c = (date: string, subject: string, files: string[]): CommitInfo => ({
  sha: date,
  time: Date.parse(`${date}T12:00:00Z`) / 1000,
  subject,
  files,
});

// A scripted history: period = [03-01, 03-31), previous = [01-30, 03-01), first-pass window 7 days.
const events: CompoundEvent[] = [
  // previous period
  e("2026-02-10", "task_completed", { task: "T1", files: ["a.ts"] }), // first pass (its regression comes 10 days later)
  e("2026-02-12", "task_completed", { task: "T2", files: ["b.ts"] }),
  e("2026-02-14", "task_reopened", { task: "T2" }), // T2 not first pass
  e("2026-02-10", "session_started", { session: "s1" }),
  e("2026-02-12", "session_started", { session: "s2", resumed: true }),
  e("2026-02-20", "regression", { task: "T1" }),
  // current period
  e("2026-03-02", "task_completed", { task: "T3", files: ["c.ts"] }), // first pass
  e("2026-03-03", "task_completed", { task: "T2", files: ["b.ts"] }), // completed before: not counted again
  e("2026-03-05", "task_completed", { task: "T4", files: ["d.ts"] }), // a fix commit on d.ts 2 days later
  e("2026-03-10", "task_completed", { task: "T5", files: ["e.ts"] }), // a feat commit on e.ts: still first pass
  e("2026-03-12", "task_completed", { task: "T6", files: ["f.ts"] }),
  e("2026-03-15", "regression", { task: "T6" }), // T6 not first pass
  e("2026-03-20", "task_completed", { task: "T7", files: ["g.ts"] }), // a fix 9 days later: outside the window
  e("2026-03-25", "task_completed", { task: "T8", files: ["h.ts"] }),
  e("2026-03-26", "task_reopened", { task: "T8" }), // T8 not first pass
  e("2026-03-28", "task_completed", { task: "T9" }), // first pass
  e("2026-03-29", "regression", {}),
  e("2026-03-02", "session_started", { session: "s3", resumed: true }),
  e("2026-03-05", "session_started", { session: "s4" }),
  e("2026-03-10", "session_started", { session: "s5" }),
  e("2026-03-10", "context_loaded", { session: "s5" }),
  e("2026-03-20", "session_started", { session: "s6" }),
  e("2026-03-28", "session_started", { session: "s7", resumed: true }),
];
const commits = [
  c("2026-03-07", "fix: d overflow", ["d.ts"]),
  c("2026-03-11", "feat: extend e", ["e.ts"]),
  c("2026-03-29", "Fixes g rounding", ["g.ts"]),
];

test("metrics from a scripted event history match hand-computed values", () => {
  const m = computeMetrics(events, commits, { now: new Date("2026-03-31T00:00:00Z"), days: 30, windowDays: 7 });
  // current: completed T3 T4 T5 T6 T7 T8 T9 = 7; first pass T3 T5 T7 T9 = 4 → 4/7
  assert.equal(m.counts, { tasks_completed: 7, first_pass: 4, sessions: 5, sessions_reusing: 3, regressions: 2 });
  assert.is(m.first_pass_rate, 0.571);
  assert.is(m.context_reuse, 0.6); // s3 (resumed), s5 (context_loaded), s7 (resumed) of 5
  assert.is(m.regression_rate, 0.286); // 2 regressions / 7 tasks
  // previous: T1 first pass, T2 reopened → 1/2; s2 of s1 s2 → 1/2; 1 regression / 2 tasks
  assert.equal([m.previous.first_pass_rate, m.previous.context_reuse, m.previous.regression_rate], [0.5, 0.5, 0.5]);
  assert.equal(m.trend, { first_pass_rate: 0.071, context_reuse: 0.1, regression_rate: -0.214 });
  assert.is(m.from, "2026-03-01T00:00:00.000Z");
});

test("rates are null when nothing was counted", () => {
  const m = computeMetrics([], [], { now: new Date("2026-03-31T00:00:00Z"), days: 30, windowDays: 7 });
  assert.equal(
    [m.first_pass_rate, m.context_reuse, m.regression_rate, m.trend.first_pass_rate],
    [null, null, null, null],
  );
});

test("compound track and metrics read fix commits from real git history", async () => {
  const dir = gitRepo();
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const track = (event: string, meta: Record<string, unknown>) =>
    runCli(["compound", "track", event, JSON.stringify(meta), "--json"], { cwd: dir });
  assert.is((await track("task_completed", { task: "A", files: ["src/a.ts"], ts: day(2) })).code, 0);
  assert.is((await track("task_completed", { task: "B", files: ["src/b.ts"], ts: day(2) })).code, 0);
  assert.is((await track("session_started", { session: "x", resumed: true })).code, 0);
  writeFiles(dir, { "src/a.ts": "export const a = 2;\n" });
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "fix(a): off by one");
  const m = json(await runCli(["compound", "metrics", "--json"], { cwd: dir }));
  assert.equal([m.first_pass_rate, m.context_reuse, m.regression_rate], [0.5, 1, 0]);
  const report = await runCli(["compound", "report"], { cwd: dir });
  assert.match(report.stdout, /\| first-pass rate \| 50% \| — \| 1 of 2 tasks \|/);
});

test.run();
