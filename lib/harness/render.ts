import type { ProgressJson, ProgressTask } from "./progress.ts";

/** `BE-003: Implement initializer (60% complete)`. */
export function taskLabel(task: Pick<ProgressTask, "id" | "title" | "percent"> & { status: string }): string {
  const meta = [
    task.status === "in_progress" || task.status === "completed" ? "" : task.status,
    task.percent === undefined ? "" : `${task.percent}% complete`,
  ]
    .filter(Boolean)
    .join(", ");
  return `${task.id}${task.title ? `: ${task.title}` : ""}${meta ? ` (${meta})` : ""}`;
}

/** A titled list, or nothing when empty. */
export function block(title: string, items: string[], empty?: string): string[] {
  if (!items.length) return empty === undefined ? [] : [`${title}: ${empty}`];
  return [`${title}:`, ...items.map((i) => `  - ${i}`)];
}

/** The human view of a progress file (`wf-task progress show`). */
export function renderProgress(p: ProgressJson, file: string): string {
  const open = p.tasks.filter((t) => t.status !== "completed");
  return [
    `Progress: ${p.feature ?? "(no feature)"} — role ${p.role ?? "?"} — ${p.status ?? "?"}`,
    `  file: ${file}`,
    `  session ${p.session_id ?? "?"}, started ${p.started ?? "?"}, last updated ${p.last_updated ?? "?"}`,
    `  current task: ${p.current_task ?? "none"}`,
    ...block("Completed", p.tasks.filter((t) => t.status === "completed").map(taskLabel)),
    ...block("Open tasks", open.map(taskLabel)),
    ...block("Blockers", p.blockers),
    ...block("Notes for next session", p.notes),
    ...block("Files modified", p.files),
    ...block("Decisions", p.decisions),
    ...block("Questions for human", p.questions),
  ].join("\n");
}
