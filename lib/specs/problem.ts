/** One error or warning found in a spec, with where it is. */
export interface SpecProblem {
  /** Stable code: E_SPEC_SCHEMA, E_SPEC_YAML, W_SPEC_DUPLICATE_ID, … */
  code: string;
  /** Key path as written in the YAML: `requirements.functional[0].id` (empty for the whole file). */
  path: string;
  /** 1-based line and column in the file. */
  line: number;
  col: number;
  message: string;
  /** The allowed values, when the value comes from a list. */
  allowed?: string[];
}

/** A key path as the user reads it: `requirements.functional[0].id`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${key}` : key;
  }
  return out;
}

/** `file:line:col: message` (and the allowed values), the form editors and agents jump to. */
export function formatProblem(file: string, problem: SpecProblem, kind: "error" | "warning" = "error"): string {
  const where = `${file}:${problem.line}:${problem.col}`;
  const allowed =
    problem.allowed && !problem.message.includes(problem.allowed.join("|"))
      ? ` (allowed: ${problem.allowed.join(", ")})`
      : "";
  return `${where}: ${kind}: ${problem.path ? `${problem.path}: ` : ""}${problem.message}${allowed}`;
}
