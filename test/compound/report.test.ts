import { suite } from "uvu";
import * as assert from "uvu/assert";
import { computeMetrics } from "../../lib/compound/metrics.ts";
import { renderReport } from "../../lib/compound/report.ts";
import type { Learning } from "../../lib/compound/learnings.ts";

const test = suite("report");

test("renders the rates with their trend in points, then the learnings most used first", () => {
  const at = (d: string) => `${d}T12:00:00.000Z`;
  const metrics = computeMetrics(
    [
      { event: "task_completed", task: "A", ts: at("2026-02-20") },
      { event: "task_reopened", task: "A", ts: at("2026-02-21") },
      { event: "task_completed", task: "B", ts: at("2026-03-20") },
    ],
    [],
    { now: new Date("2026-03-31T00:00:00Z"), days: 30, windowDays: 7 },
  );
  const learning = (id: string, rule: string, count: number): Learning => ({
    id,
    type: "pattern",
    rule,
    count,
    description: "why",
    solution: "how",
    date: "2026-03-01T00:00:00.000Z",
    last_seen: "2026-03-01T00:00:00.000Z",
    author: "a",
    files: [],
    commit: null,
  });
  const md = renderReport(metrics, [learning("L-001", "once", 1), learning("L-002", "often", 3)]);
  assert.match(md, /\| first-pass rate \| 100% \| \(\+100 pts\) \| 1 of 1 tasks \|/);
  assert.match(md, /\| context reuse \| — \| — \| 0 of 0 sessions \|/);
  assert.match(
    md,
    /## Learnings \(2\)\n\n- \*\*L-002\*\* \(pattern, 3×, 2026-03-01\): often\n  - why → how\n- \*\*L-001\*\*/,
  );
});

test.run();
