import type { FeatureSpec, Task } from "./schemas/index.ts";

const title = (role: string) => role.charAt(0).toUpperCase() + role.slice(1).replace(/[-_]/g, " ");

function taskBlock(task: Task): string[] {
  const lines = [`### ${task.id}: ${task.title}`, ""];
  if (task.priority) lines.push(`**Priority**: ${task.priority.toUpperCase()}`);
  if (task.reference) lines.push(`**Reference**: ${task.reference}`);
  lines.push(`**Methodology**: ${task.methodology ?? "TDD"}`);
  lines.push(`**Max Iterations**: ${task.max_iterations ?? 10}`);
  if (task.requirements?.length) lines.push(`**Requirements**: ${task.requirements.join(", ")}`);
  lines.push("");
  if (task.acceptance_criteria?.length) {
    lines.push("**Acceptance Criteria**:", ...task.acceptance_criteria.map((c) => `- [ ] ${c}`), "");
  }
  if (task.done_when) lines.push(`**Done When**: ${task.done_when}`, "");
  lines.push("---", "");
  return lines;
}

/**
 * A Markdown task breakdown by role, ready to paste into a plan (the bash workflow's
 * `spec_generate_tasks`). A spec without tasks gets one TDD task per functional requirement.
 */
export function generateTasks(spec: FeatureSpec): string {
  const lines = [`# Tasks: ${spec.feature.name} (${spec.feature.id})`, "", `> ${spec.objective.summary}`, ""];
  let tasks = spec.tasks ?? {};
  if (!Object.keys(tasks).length) {
    tasks = {
      requirements: spec.requirements.functional.map((req, i) => ({
        id: `TASK-${String(i + 1).padStart(3, "0")}`,
        title: `${req.id}: ${req.title}`,
        reference: req.id,
        priority: req.priority,
        methodology: req.test_coverage === "none" ? "standard" : "TDD",
        max_iterations: 10,
        acceptance_criteria: req.acceptance_criteria?.length ? req.acceptance_criteria : undefined,
        done_when: `${req.id} is implemented${req.test_coverage === "none" ? "" : " and a test names it"} (\`wf-task spec check\`)`,
      })),
    };
  }
  for (const [role, list] of Object.entries(tasks)) {
    if (!list.length) continue;
    lines.push(`## ${title(role)}`, "");
    for (const task of list) lines.push(...taskBlock(task));
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
