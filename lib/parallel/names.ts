import { WfError } from "../core/errors.ts";
import { checkName } from "../core/names.ts";

/** Splits and checks a comma list of roles (`backend,frontend`), without duplicates. */
export function parseRoles(value: string | readonly string[]): string[] {
  const words = (typeof value === "string" ? value.split(",") : value.flatMap((v) => v.split(","))).map((w) =>
    w.trim(),
  );
  const roles: string[] = [];
  for (const word of words) {
    checkName("role", word);
    if (!roles.includes(word)) roles.push(word);
  }
  if (roles.length === 0)
    throw new WfError("E_USAGE_NAME", "expected at least one role", { hint: "e.g. --roles backend,frontend" });
  return roles;
}

/** The tmux session of a feature's parallel run: `workflow-<feature>` (dots become `_`, as tmux would). */
export function sessionName(feature: string): string {
  return `workflow-${checkName("feature", feature).replace(/\./g, "_")}`;
}
