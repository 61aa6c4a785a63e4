import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { WfError } from "../core/errors.ts";
import { atomicWriteSync } from "../util/atomic-write.ts";
import { fsError } from "../util/fs-errors.ts";
import { checkName } from "../core/names.ts";
import type { ParallelProject } from "./project.ts";
import { excludeState } from "./git-info.ts";

/** One agent of a parallel run. */
export const RunAgent = v.object({
  role: v.string(),
  branch: v.string(),
  worktree: v.string(),
  port: v.nullable(v.number()),
  pane_id: v.optional(v.nullable(v.string()), null),
});
export type RunAgent = v.InferOutput<typeof RunAgent>;

/** A parallel run's state, kept by the main checkout: `.ai/project/sessions/parallel/<feature>.json`. */
export const RunState = v.object({
  version: v.literal(1),
  feature: v.string(),
  session: v.string(),
  base: v.string(),
  agent_command: v.string(),
  started: v.string(),
  /** tmux server socket (`-L`), when not the default one. */
  socket: v.optional(v.nullable(v.string()), null),
  agents: v.array(RunAgent),
});
export type RunState = v.InferOutput<typeof RunState>;

/** The folder of run state files. */
export function runsDir(project: ParallelProject): string {
  return join(project.paths.sessionsDir, "parallel");
}

/** The state file of a feature's run. */
export function runFile(project: ParallelProject, feature: string): string {
  return join(runsDir(project), `${checkName("feature", feature)}.json`);
}

function parseRun(file: string): RunState {
  let data: unknown;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw fsError(error, file);
  }
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new WfError("E_STATE_CORRUPT", `cannot parse ${file}: ${(cause as Error).message}`, {
      cause,
      hint: "fix or remove the file; wf-task will not overwrite it",
    });
  }
  const parsed = v.safeParse(RunState, data);
  if (!parsed.success) {
    throw new WfError("E_STATE_CORRUPT", `unexpected content in ${file}: ${parsed.issues[0].message}`, {
      where: v.getDotPath(parsed.issues[0]) ?? undefined,
      hint: "fix or remove the file; wf-task will not overwrite it",
    });
  }
  return parsed.output;
}

/** A feature's run, or null. */
export function readRun(project: ParallelProject, feature: string): RunState | null {
  const file = runFile(project, feature);
  return existsSync(file) ? parseRun(file) : null;
}

/** Every run of the project, by feature name. */
/** Every run that reads, and the run files that do not (each with its error): one corrupt file does not hide the others. */
export function listRunsReporting(project: ParallelProject): {
  runs: RunState[];
  unreadable: { file: string; message: string }[];
} {
  const dir = runsDir(project);
  const runs: RunState[] = [];
  const unreadable: { file: string; message: string }[] = [];
  if (!existsSync(dir)) return { runs, unreadable };
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    try {
      runs.push(parseRun(join(dir, f)));
    } catch (error) {
      unreadable.push({ file: join(dir, f), message: (error as Error).message.split("\n")[0]! });
    }
  }
  return { runs, unreadable };
}

export function listRuns(project: ParallelProject): RunState[] {
  const dir = runsDir(project);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => parseRun(join(dir, f)));
}

/** Saves a run's state (atomically). */
export function writeRun(project: ParallelProject, run: RunState): void {
  excludeState(project.root, runsDir(project), true);
  atomicWriteSync(runFile(project, run.feature), `${JSON.stringify(run, null, 2)}\n`);
}

/** Forgets a run. */
export function removeRun(project: ParallelProject, feature: string): void {
  rmSync(runFile(project, feature), { force: true });
}
