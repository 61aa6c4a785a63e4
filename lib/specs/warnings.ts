import type { SpecProblem } from "./problem.ts";
import { formatPath } from "./problem.ts";
import type { SpecKind } from "./schemas/index.ts";

type Position = (path: readonly (string | number)[], atKey?: boolean) => { line: number; col: number };
type Obj = Record<string, any>;

const REQ_REF = /\bN?FR-\d+\b/g;

/** Soft problems of a schema-valid spec: duplicate ids, unknown references, empty acceptance lists. */
export function specWarnings(kind: SpecKind, value: unknown, position: Position): SpecProblem[] {
  const out: SpecProblem[] = [];
  const warn = (code: string, path: (string | number)[], message: string) =>
    out.push({ code, path: formatPath(path), ...position(path), message });
  const spec = value as Obj;
  const tasksByRole: Obj = spec.tasks ?? {};
  const taskIds = new Map<string, string>();
  for (const [role, tasks] of Object.entries(tasksByRole)) {
    (tasks as Obj[]).forEach((task, i) => {
      const path = ["tasks", role, i];
      const seen = taskIds.get(task.id);
      if (seen) warn("W_SPEC_DUPLICATE_ID", [...path, "id"], `task id ${task.id} is used twice (first at ${seen})`);
      else taskIds.set(task.id, formatPath(path));
      if (Array.isArray(task.acceptance_criteria) && task.acceptance_criteria.length === 0) {
        warn(
          "W_SPEC_EMPTY_ACCEPTANCE",
          [...path, "acceptance_criteria"],
          `task ${task.id} has an empty acceptance list: say how to know it is done`,
        );
      }
    });
  }
  if (kind === "feature_spec") {
    const ids = new Map<string, string>();
    const lists: [string, Obj[]][] = [
      ["functional", spec.requirements?.functional ?? []],
      ["non_functional", spec.requirements?.non_functional ?? []],
    ];
    for (const [list, items] of lists) {
      items.forEach((req, i) => {
        const path = ["requirements", list, i];
        const seen = ids.get(req.id);
        if (seen)
          warn("W_SPEC_DUPLICATE_ID", [...path, "id"], `requirement id ${req.id} is used twice (first at ${seen})`);
        else ids.set(req.id, formatPath(path));
        if (list === "functional" && !(req.acceptance_criteria?.length > 0)) {
          warn(
            "W_SPEC_EMPTY_ACCEPTANCE",
            req.acceptance_criteria ? [...path, "acceptance_criteria"] : path,
            `${req.id} has no acceptance criteria: list the checks that say it is met`,
          );
        }
      });
    }
    for (const [role, tasks] of Object.entries(tasksByRole)) {
      (tasks as Obj[]).forEach((task, i) => {
        for (const field of ["reference", "requirements"] as const) {
          const text = Array.isArray(task[field]) ? task[field].join(" ") : String(task[field] ?? "");
          for (const ref of new Set(text.match(REQ_REF) ?? [])) {
            if (!ids.has(ref))
              warn(
                "W_SPEC_UNKNOWN_REQUIREMENT",
                ["tasks", role, i, field],
                `task ${task.id} refers to ${ref}, which the spec does not define (known: ${[...ids.keys()].join(", ") || "none"})`,
              );
          }
        }
      });
    }
  }
  if (kind === "api_contract") {
    if (!spec.endpoints?.length && !spec.functions?.length)
      warn("W_SPEC_EMPTY_CONTRACT", [], "the contract describes no endpoints and no functions");
    const seen = new Set<string>();
    (spec.endpoints ?? []).forEach((e: Obj, i: number) => {
      const key = `${e.method} ${e.path}`;
      if (seen.has(key)) warn("W_SPEC_DUPLICATE_ID", ["endpoints", i], `endpoint ${key} is described twice`);
      seen.add(key);
    });
  }
  return out;
}
