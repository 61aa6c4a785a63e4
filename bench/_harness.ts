// The benchmark harness: each bench/*.bench.ts compares a subject with a baseline measured in
// the same run and reports the ratio (never absolute timings as pass/fail).
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";

export interface BenchRow {
  /** What is measured: "wf-task --version cold start". */
  name: string;
  /** What it is compared with: "node -e 0". */
  baseline: string;
  subjectMs: number;
  baselineMs: number;
  /**
   * subject/baseline, when measured run by run (`ratioPair`: the median of each pair's ratio);
   * otherwise the ratio of the two medians is taken.
   */
  ratio?: number;
  /** The ratio subject/baseline must stay at or under this. */
  goal: number;
  /** Extra figures worth recording (per-path cost, output tokens, …). */
  note?: string;
}

export interface BenchContext {
  /** This repository's root. */
  root: string;
  /** The package's bin (dist/wf-task.cjs), what `npx wf-task` runs. */
  cli: string;
  /** Repetitions per measurement (median taken). */
  runs: number;
  /** A temp folder removed after the run. */
  tempDir(): string;
}

export type Bench = (ctx: BenchContext) => Promise<BenchRow[]>;

/** Options of a timed command: its folder, environment and stdin. */
export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
}

/** One run of a command, timed (wall ms); throws when it exits other than 0 or 1. */
export function commandOnce(command: string, args: string[], options: CommandOptions = {}): () => number {
  return () => {
    const start = performance.now();
    const r = spawnSync(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      input: options.input,
      stdio: [options.input === undefined ? "ignore" : "pipe", "ignore", "pipe"],
      maxBuffer: 1 << 30,
    });
    const ms = performance.now() - start;
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`${command} ${args.join(" ")} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
    return ms;
  };
}

/** Median wall time in ms of running a command, after one warm-up run. */
export function timeCommand(command: string, args: string[], options: CommandOptions & { runs?: number } = {}): number {
  const once = commandOnce(command, args, options);
  once();
  return median(Array.from({ length: options.runs ?? 10 }, once));
}

/** Median wall time in ms of an async function. */
export async function timeFn(fn: () => Promise<unknown> | unknown, runs = 10): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Interleaves subject and baseline runs (so machine noise hits both alike) and returns both medians. */
export function timePair(
  subject: () => number,
  baseline: () => number,
  rounds = 5,
): { subjectMs: number; baselineMs: number } {
  const s: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    b.push(baseline());
    s.push(subject());
  }
  return { subjectMs: median(s), baselineMs: median(b) };
}

/**
 * Subject and baseline run by run, in turn (the order swapped every pair), after a warm-up of
 * each: the ratio is the median of the pairs' ratios, so that a machine getting slower or faster
 * during the measurement (a disk flushing, another process) moves both sides of a pair alike.
 */
export function ratioPair(
  subject: () => number,
  baseline: () => number,
  pairs: number,
): { subjectMs: number; baselineMs: number; ratio: number } {
  subject();
  baseline();
  const s: number[] = [];
  const b: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < pairs; i++) {
    let sm: number;
    let bm: number;
    if (i % 2) {
      sm = subject();
      bm = baseline();
    } else {
      bm = baseline();
      sm = subject();
    }
    s.push(sm);
    b.push(bm);
    r.push(sm / bm);
  }
  return { subjectMs: median(s), baselineMs: median(b), ratio: median(r) };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
