import type { Learning } from "./learnings.ts";
import type { Metrics } from "./metrics.ts";

const pct = (n: number | null) => (n === null ? "—" : `${Math.round(n * 1000) / 10}%`);
const delta = (n: number | null) => (n === null ? "" : ` (${n >= 0 ? "+" : ""}${Math.round(n * 1000) / 10} pts)`);

/** The metrics as a Markdown table, with the period and the trend. */
export function renderMetrics(metrics: Metrics): string {
  const c = metrics.counts;
  return [
    `Period: ${metrics.from.slice(0, 10)} → ${metrics.to.slice(0, 10)} (${metrics.days} days), trend against the ${metrics.days} days before.`,
    "",
    "| metric | value | trend | from |",
    "|---|---|---|---|",
    `| first-pass rate | ${pct(metrics.first_pass_rate)} | ` +
      `${delta(metrics.trend.first_pass_rate).trim() || "—"} | ${c.first_pass} of ${c.tasks_completed} tasks |`,
    `| context reuse | ${pct(metrics.context_reuse)} | ${delta(metrics.trend.context_reuse).trim() || "—"} | ${c.sessions_reusing} of ${c.sessions} sessions |`,
    `| regression rate | ${pct(metrics.regression_rate)} | ${delta(metrics.trend.regression_rate).trim() || "—"} | ${c.regressions} regressions |`,
  ].join("\n");
}

/** A Markdown report: the metrics with their trend, then the learnings by use. */
export function renderReport(metrics: Metrics, learnings: Learning[]): string {
  const lines = [
    "# Compound learning report",
    "",
    renderMetrics(metrics),
    "",
    `## Learnings (${learnings.length})`,
    "",
  ];
  if (!learnings.length) lines.push("None captured yet.");
  for (const l of [...learnings].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id))) {
    lines.push(
      `- **${l.id}** (${l.type}, ${l.count}×, ${l.date.slice(0, 10)}): ${l.rule}`,
      `  - ${l.description} → ${l.solution}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
