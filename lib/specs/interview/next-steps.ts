import type { InterviewResult } from "./run.ts";

/** What to do after an interview, as commands a person or an agent can run. */
export function nextSteps(result: Pick<InterviewResult, "feature" | "requirements" | "warnings">): string[] {
  const id = result.feature;
  return [
    ...(result.warnings
      ? [`add acceptance criteria to ${result.requirements.join(", ")} in the spec (spec validate warns until you do)`]
      : []),
    `wf-task spec validate ${id}`,
    `wf-task spec tasks ${id}    # a task breakdown by role for the plan`,
    `wf-task init ${id} <role>   # start the first session`,
    `wf-task spec check ${id}    # once tests and code name ${result.requirements[0] ?? "FR-101"}`,
  ];
}
