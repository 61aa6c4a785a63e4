import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { ProjectPaths } from "../config/paths.ts";
import { featureTasks, type FeatureTask } from "./feature-tasks.ts";
import { checkHandoff, parseHandoff, renderHandoff, type HandoffView } from "./handoff.ts";
import { progressToJson, readProgressDoc, type ProgressJson, type ProgressTask } from "./progress.ts";
import { block, taskLabel } from "./render.ts";
import { latestArchive, type ArchivedSession } from "./archive.ts";

/** The task a new session should pick up, and why. */
export interface NextTask {
  id: string;
  title?: string;
  status: string;
  percent?: number;
  reason: string;
  /** `progress`, or the workspace file it came from (spec.yaml, tasks.md). */
  source: string;
}

/** What `wf-task resume --json` prints. */
export interface ResumeSummary {
  restored: boolean;
  /** Why nothing was restored (no progress file), with what to do. */
  message?: string;
  progress_file: string;
  feature: string | null;
  role: string | null;
  status: string | null;
  last_task: Pick<ProgressTask, "id" | "title" | "status" | "percent"> | null;
  previous_session: {
    session_id: string | null;
    started: string | null;
    last_updated: string | null;
    completed: string[];
  } | null;
  files: string[];
  notes: string[];
  blockers: string[];
  questions: string[];
  decisions: string[];
  next_task: NextTask | null;
  state: { file: string; iteration_count: number | null; status: string | null } | null;
  /** What the last removed worktree of this feature and role left (its notes, decisions, blockers), or null. */
  archived: ArchivedSession | null;
  /** The progress file's `## Handoff` (written before a compaction), each file checked now; null when there is none. */
  handoff: HandoffView | null;
  warnings: string[];
}

/** Picks the next task: an interrupted in_progress one, a blocked one whose blocker is gone, the first pending, then the workspace's. */
export function suggestNextTask(p: ProgressJson, workspace: FeatureTask[] = []): NextTask | null {
  const active = p.tasks.filter((t) => t.status === "in_progress");
  const interrupted = active.find((t) => t.id === p.current_task) ?? active[0];
  if (interrupted)
    return {
      ...pick(interrupted),
      reason: "interrupted: it was in progress when the last session ended",
      source: "progress",
    };
  const unblocked = p.tasks.find((t) => t.status === "blocked" && !p.blockers.some((b) => b.startsWith(`${t.id}:`)));
  if (unblocked) return { ...pick(unblocked), reason: "its blocker was cleared", source: "progress" };
  const pending = p.tasks.find((t) => t.status === "pending");
  if (pending) return { ...pick(pending), reason: "the first pending task", source: "progress" };
  const known = new Set(p.tasks.map((t) => t.id));
  const fresh = workspace.find((t) => !known.has(t.id));
  if (fresh)
    return {
      id: fresh.id,
      ...(fresh.title ? { title: fresh.title } : {}),
      status: "pending",
      reason: `the first task of the feature's ${fresh.source} not started yet`,
      source: fresh.source,
    };
  return null;
}

const pick = (t: ProgressTask) => ({
  id: t.id,
  ...(t.title ? { title: t.title } : {}),
  status: t.status,
  ...(t.percent === undefined ? {} : { percent: t.percent }),
});

/** Loads progress, agent state and the feature's workspace tasks into a summary. Never writes. */
export async function resumeSession(
  paths: Pick<ProjectPaths, "progressFile" | "agentsDir" | "featuresDir" | "root">,
): Promise<ResumeSummary> {
  const doc = await readProgressDoc(paths.progressFile);
  const p = doc && progressToJson(doc);
  const empty: ResumeSummary = {
    restored: false,
    progress_file: paths.progressFile,
    feature: null,
    role: null,
    status: null,
    last_task: null,
    previous_session: null,
    files: [],
    notes: [],
    blockers: [],
    questions: [],
    decisions: [],
    next_task: null,
    state: null,
    archived: null,
    handoff: null,
    warnings: [],
  };
  if (!p) {
    return {
      ...empty,
      message:
        `No progress file at ${relative(paths.root, paths.progressFile) || paths.progressFile}: ` +
        "this looks like a first session. Start one with `wf-task init <feature> <role>`.",
    };
  }
  const warnings: string[] = [];
  const last =
    p.tasks.find((t) => t.id === p.current_task) ??
    p.tasks.filter((t) => t.status !== "completed").at(-1) ??
    p.tasks.at(-1) ??
    null;
  const workspace = p.feature ? featureTasks(join(paths.featuresDir, p.feature), p.role ?? undefined) : [];
  let state: ResumeSummary["state"] = null;
  if (p.role) {
    const file = join(paths.agentsDir, `${p.role}.af`);
    try {
      const af = JSON.parse(readFileSync(file, "utf8"));
      state = {
        file,
        iteration_count: typeof af?.state?.iteration_count === "number" ? af.state.iteration_count : null,
        status: af?.state?.status ?? null,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT")
        warnings.push(
          `agent state ${relative(paths.root, file)} unreadable: ${(error as Error).message.split("\n")[0]}`,
        );
    }
  }
  return {
    ...empty,
    restored: true,
    feature: p.feature,
    role: p.role,
    status: p.status,
    last_task: last && pick(last),
    previous_session: {
      session_id: p.session_id,
      started: p.started,
      last_updated: p.last_updated,
      completed: p.tasks.filter((t) => t.status === "completed").map((t) => taskLabel(t)),
    },
    files: p.files,
    notes: p.notes,
    blockers: p.blockers,
    questions: p.questions,
    decisions: p.decisions,
    next_task: suggestNextTask(p, workspace),
    state,
    archived: p.feature && p.role ? await latestArchive(paths.progressFile, paths.root, p.feature, p.role) : null,
    handoff: (() => {
      const h = parseHandoff(doc!.lines);
      return h && checkHandoff(h, paths.root);
    })(),
    warnings,
  };
}

/**
 * The "=== Session Restored ===" text people and the session-start hook read. `handoffFirst`
 * (after a compaction or a resume) puts the handoff before everything else; otherwise it comes last.
 */
export function renderResume(s: ResumeSummary, options: { handoffFirst?: boolean } = {}): string {
  if (!s.restored) return s.message ?? "Nothing to restore.";
  const handoff = s.handoff ? renderHandoff(s.handoff) : null;
  const text = renderSummary(s);
  if (!handoff) return text;
  return options.handoffFirst ? `${handoff}\n\n${text}` : `${text}\n\n${handoff}`;
}

function renderSummary(s: ResumeSummary): string {
  const prev = s.previous_session!;
  const next = s.next_task;
  return [
    "=== Session Restored ===",
    `Feature: ${s.feature ?? "?"}   Role: ${s.role ?? "?"}   Status: ${s.status ?? "?"}`,
    `Last task: ${s.last_task ? `${taskLabel(s.last_task)}${s.last_task.status === "in_progress" ? " — in progress" : ""}` : "none yet"}`,
    `Previous session: ${prev.session_id ?? "?"} (started ${prev.started ?? "?"}, last updated ${prev.last_updated ?? "?"})`,
    ...block("Completed", prev.completed, "nothing yet"),
    ...block("Files modified", s.files, "none"),
    ...block("Notes for this session", s.notes, "none"),
    ...block("Blockers", s.blockers, "none"),
    ...block("Open questions", s.questions),
    ...(s.archived
      ? [
          `From the last worktree of ${s.role} (session ${s.archived.session_id ?? "?"}, archived in ${s.archived.dir}):`,
          ...s.archived.notes.map((n) => `  note: ${n}`),
          ...s.archived.decisions.map((d) => `  decision: ${d}`),
          ...s.archived.blockers.map((b) => `  blocker: ${b}`),
        ]
      : []),
    ...(s.state
      ? [
          `Agent state: ${s.state.file.split(/[\\/]/).pop()}${s.state.iteration_count === null ? "" : `, iteration ${s.state.iteration_count}`}`,
        ]
      : []),
    ...s.warnings.map((w) => `Warning: ${w}`),
    next
      ? `Suggested next task: ${taskLabel(next)} — ${next.reason}`
      : "Suggested next task: none open — pick one from the spec (`wf-task spec tasks`) and record it with `wf-task progress update <task> in_progress`",
  ].join("\n");
}

/** A resumed session appends `session_started` with `resumed: true` (the context-reuse metric). */
export async function recordResume(
  s: ResumeSummary,
  events: import("./auto-events.ts").AutoEvents | undefined,
): Promise<void> {
  if (!s.previous_session) return;
  const { appendEvents } = await import("./auto-events.ts");
  await appendEvents(events, [
    {
      event: "session_started",
      session: s.previous_session.session_id,
      feature: s.feature,
      role: s.role,
      resumed: true,
      source: "resume",
    },
  ]);
}
