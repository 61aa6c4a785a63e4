import { runSync } from "../core/run.ts";
import type { CompoundEvent } from "./events.ts";

/** A commit as the metrics see it. */
export interface CommitInfo {
  sha: string;
  /** Unix seconds. */
  time: number;
  subject: string;
  files: string[];
}

/** The three rates of one period, with the counts behind them. */
export interface PeriodMetrics {
  from: string;
  to: string;
  first_pass_rate: number | null;
  context_reuse: number | null;
  regression_rate: number | null;
  counts: {
    tasks_completed: number;
    first_pass: number;
    sessions: number;
    sessions_reusing: number;
    regressions: number;
  };
}

/** What `compound metrics --json` prints (the counts, plus the previous period and trend). */
export interface Metrics extends PeriodMetrics {
  days: number;
  previous: PeriodMetrics;
  /** Current minus previous, per rate; null when either is unknown. */
  trend: { first_pass_rate: number | null; context_reuse: number | null; regression_rate: number | null };
}

const DAY = 86_400_000;
const FIX = /^(fix|hotfix|bugfix)(\(.+\))?!?:|\bfix(e[sd])?\b/i;
const round = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);
const rate = (n: number, d: number) => (d === 0 ? null : round(n / d));

/**
 * The compound metrics over the `days` before `now` and the period before that:
 * - first_pass_rate: tasks first completed in the period with no `task_reopened` or `regression`
 *   for the same task, and no fix commit touching the task's files, within `windowDays` after.
 * - context_reuse: `session_started` events with `resumed: true`, or whose `session` id has a
 *   `context_loaded` or `learning_applied` event, over all sessions started.
 * - regression_rate: `regression` events over tasks completed, both in the period.
 */
export function computeMetrics(
  events: CompoundEvent[],
  commits: CommitInfo[],
  options: { now: Date; days: number; windowDays: number },
): Metrics {
  const to = options.now.getTime();
  const span = options.days * DAY;
  const current = period(events, commits, to - span, to, options.windowDays);
  const previous = period(events, commits, to - 2 * span, to - span, options.windowDays);
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : round(a - b));
  return {
    days: options.days,
    ...current,
    previous,
    trend: {
      first_pass_rate: diff(current.first_pass_rate, previous.first_pass_rate),
      context_reuse: diff(current.context_reuse, previous.context_reuse),
      regression_rate: diff(current.regression_rate, previous.regression_rate),
    },
  };
}

function period(
  events: CompoundEvent[],
  commits: CommitInfo[],
  from: number,
  to: number,
  windowDays: number,
): PeriodMetrics {
  const time = (e: CompoundEvent) => Date.parse(e.ts);
  const inPeriod = (e: CompoundEvent) => time(e) >= from && time(e) < to;
  const firstCompletion = new Map<string, CompoundEvent>();
  for (const e of events) {
    if (e.event !== "task_completed" || typeof e.task !== "string") continue;
    const prev = firstCompletion.get(e.task);
    if (!prev || time(e) < time(prev)) firstCompletion.set(e.task, e);
  }
  const completed = [...firstCompletion.values()].filter(inPeriod);
  const window = windowDays * DAY;
  const firstPass = completed.filter((done) => {
    const start = time(done);
    const end = start + window;
    const within = (t: number) => t > start && t <= end;
    const broken = events.some(
      (e) => (e.event === "task_reopened" || e.event === "regression") && e.task === done.task && within(time(e)),
    );
    if (broken) return false;
    const files = Array.isArray(done.files) ? (done.files as string[]) : [];
    return !commits.some((c) => within(c.time * 1000) && FIX.test(c.subject) && c.files.some((f) => files.includes(f)));
  });
  const sessions = events.filter((e) => e.event === "session_started" && inPeriod(e));
  const reusedIds = new Set(
    events.filter((e) => e.event === "context_loaded" || e.event === "learning_applied").map((e) => e.session),
  );
  const reusing = sessions.filter((s) => s.resumed === true || (s.session !== undefined && reusedIds.has(s.session)));
  const regressions = events.filter((e) => e.event === "regression" && inPeriod(e)).length;
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    first_pass_rate: rate(firstPass.length, completed.length),
    context_reuse: rate(reusing.length, sessions.length),
    regression_rate: rate(regressions, completed.length),
    counts: {
      tasks_completed: completed.length,
      first_pass: firstPass.length,
      sessions: sessions.length,
      sessions_reusing: reusing.length,
      regressions,
    },
  };
}

/** Design §3 getMetrics: reads events.jsonl and git history under `root`, then `computeMetrics`. */
export async function getMetrics(options: {
  root: string;
  eventsFile: string;
  days?: number;
  windowDays?: number;
  now?: Date;
}): Promise<Metrics> {
  const { readEvents } = await import("./events.ts");
  const now = options.now ?? new Date();
  const days = options.days ?? 30;
  const events = await readEvents(options.eventsFile);
  const commits = commitsSince(options.root, new Date(now.getTime() - 2 * days * DAY));
  return computeMetrics(events, commits, { now, days, windowDays: options.windowDays ?? 7 });
}

/** Commits since a time, with their files (empty outside a git repo). */
export function commitsSince(root: string, since: Date): CommitInfo[] {
  const r = runSync(
    "git",
    ["log", `--since=${since.toISOString()}`, "--no-merges", "--format=%x00%H%x09%ct%x09%s", "--name-only"],
    { cwd: root },
  );
  if (r.code !== 0) return [];
  const out: CommitInfo[] = [];
  for (const line of r.stdout.split("\n")) {
    if (line.startsWith("\0")) {
      const [sha, time, ...subject] = line.slice(1).split("\t");
      out.push({ sha: sha!, time: Number(time), subject: subject.join("\t"), files: [] });
    } else if (line.trim() && out.length) out.at(-1)!.files.push(line);
  }
  return out;
}
