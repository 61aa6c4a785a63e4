import { readFileSync } from "node:fs";
import * as v from "valibot";
import { WfError } from "../core/errors.ts";
import { STATUSES, normalizeStatus } from "./names.ts";
import {
  checkValues,
  isNone,
  isPlaceholder,
  joinDoc,
  keyValues,
  parseTask,
  scan,
  section,
  splitDoc,
  type ProgressDoc,
  type SectionKey,
} from "./progress-doc.ts";

export type { ProgressDoc } from "./progress-doc.ts";

const Status = v.picklist(STATUSES);

/** One task of the progress file. */
export const ProgressTaskSchema = v.object({
  id: v.string(),
  title: v.optional(v.string()),
  status: Status,
  percent: v.optional(v.number()),
  /** Sub-items written under the task. */
  notes: v.optional(v.array(v.string())),
});

/** What `progress read --json` prints. */
export const ProgressJsonSchema = v.object({
  session_id: v.nullable(v.string()),
  feature: v.nullable(v.string()),
  role: v.nullable(v.string()),
  status: v.nullable(Status),
  /** Id of the task being worked on. */
  current_task: v.nullable(v.string()),
  started: v.nullable(v.string()),
  last_updated: v.nullable(v.string()),
  tasks: v.array(ProgressTaskSchema),
  /** Ids of completed tasks. */
  completed: v.array(v.string()),
  blockers: v.array(v.string()),
  notes: v.array(v.string()),
  files: v.array(v.string()),
  decisions: v.array(v.string()),
  questions: v.array(v.string()),
});
export type ProgressTask = v.InferOutput<typeof ProgressTaskSchema>;
export type ProgressJson = v.InferOutput<typeof ProgressJsonSchema>;

/** Parses progress text into the lossless line model; throws E_PROGRESS_CORRUPT with file:line. */
export function parseProgress(text: string, file?: string): ProgressDoc {
  const doc = splitDoc(text, file);
  checkValues(doc, scan(doc));
  return doc;
}

/** The text of a progress document: untouched lines come back byte for byte. */
export function serializeProgress(doc: ProgressDoc): string {
  return joinDoc(doc);
}

/** The JSON view of a progress document. */
export function progressToJson(doc: ProgressDoc): ProgressJson {
  const sections = scan(doc);
  const info = keyValues(doc, section(sections, "info"));
  const state = keyValues(doc, section(sections, "state"));
  const val = (m: typeof info, k: string) => {
    const x = m.get(k)?.value;
    return isNone(x) ? null : x!;
  };
  const tasks: ProgressTask[] = [];
  for (const key of ["completed", "inProgress"] as const) {
    for (const item of section(sections, key)?.items ?? []) {
      const task = parseTask(doc, item, key === "completed");
      if (!task || tasks.some((t) => t.id === task.id)) continue;
      tasks.push(item.sub.length ? { ...task, notes: item.sub } : task);
    }
  }
  const list = (key: SectionKey) =>
    (section(sections, key)?.items ?? []).map((it) => it.text).filter((t) => t && !isPlaceholder(t));
  const status = normalizeStatus(val(state, "status") ?? undefined) ?? null;
  return {
    session_id: val(info, "session_id"),
    feature: val(info, "feature"),
    role: val(info, "role"),
    status,
    current_task: val(state, "task_id") ?? val(state, "current_task"),
    started: val(info, "started"),
    last_updated: val(info, "last_updated"),
    tasks,
    completed: tasks.filter((t) => t.status === "completed").map((t) => t.id),
    blockers: list("blockers"),
    notes: list("notes"),
    files: list("files").map((f) => f.replace(/^`(.*)`$/, "$1")),
    decisions: list("decisions"),
    questions: list("questions"),
  };
}

/** Reads a progress file as JSON; null when it does not exist, E_PROGRESS_CORRUPT (exit 2) when it does not parse. */
export async function readProgressFile(file: string): Promise<ProgressJson | null> {
  const doc = await readProgressDoc(file);
  return doc && progressToJson(doc);
}

/** Reads and parses a progress file; null when missing. */
export async function readProgressDoc(file: string): Promise<ProgressDoc | null> {
  let text: string;
  try {
    // Read at once: a progress file is small, and node:fs/promises costs ~5 ms to load in a hook.
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    throw new WfError("E_PROGRESS_READ", `cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
      hint: "check the file's permissions",
    });
  }
  return parseProgress(text, file);
}

/** The text of a new progress file. */
export function progressTemplate(fields: { feature: string; role: string; sessionId: string; now: string }): string {
  const { feature, role, sessionId, now } = fields;
  return [
    `# Progress: ${feature}`,
    "<!-- Kept by wf-task (`wf-task progress …`). Edit freely: keep the ## headings; other lines are left as they are. -->",
    "",
    "## Session Info",
    `- session_id: ${sessionId}`,
    `- started: ${now}`,
    `- last_updated: ${now}`,
    `- feature: ${feature}`,
    `- role: ${role}`,
    "",
    "## Current State",
    "- status: pending",
    "- current_task: none",
    "- task_id: none",
    "",
    "## Completed This Session",
    "",
    "## In Progress",
    "",
    "## Blockers",
    "",
    "## Notes for Next Session",
    "",
    "## Files Modified This Session",
    "",
    "## Key Decisions Made",
    "",
    "## Questions for Human",
    "",
  ].join("\n");
}
