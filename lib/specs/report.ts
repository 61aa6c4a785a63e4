import type { ComplianceReport } from "./compliance.ts";
import { formatProblem } from "./problem.ts";
import type { SpecValidation } from "./validate.ts";

/** Human lines of a validation run: `file:line:col: error: path: message`, then a summary. */
export function formatValidation(results: readonly SpecValidation[], mode: string): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const e of r.errors) lines.push(formatProblem(r.file, e, "error"));
    for (const w of r.warnings) lines.push(formatProblem(r.file, w, "warning"));
  }
  const invalid = results.filter((r) => !r.valid).length;
  const errors = results.reduce((n, r) => n + r.errors.length, 0);
  const warnings = results.reduce((n, r) => n + r.warnings.length, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const counts = [errors ? plural(errors, "error") : "", warnings ? plural(warnings, "warning") : ""]
    .filter(Boolean)
    .join(", ");
  if (results.length === 1)
    lines.push(
      `${results[0]!.file}: ${invalid ? "invalid" : "valid"} ${results[0]!.kind}${counts ? ` (${counts})` : ""}`,
    );
  else
    lines.push(
      `${plural(results.length, "spec")}: ${results.length - invalid} valid, ${invalid} invalid${counts ? ` (${counts})` : ""}`,
    );
  if (invalid && mode === "warn") lines.push("specs.validation is `warn`: reporting only, exit 0");
  return lines.join("\n");
}

/** Human lines of a compliance report: one line per requirement with where it was found. */
export function formatCompliance(report: ComplianceReport, spec: string): string {
  const lines: string[] = [];
  const refs = (list: { file: string; line: number }[]) =>
    list
      .slice(0, 3)
      .map((r) => `${r.file}:${r.line}`)
      .join(", ") + (list.length > 3 ? ` (+${list.length - 3} more)` : "");
  for (const r of report.requirements) {
    lines.push(`${r.status.padEnd(10)} ${r.id}  ${r.title}`);
    if (r.tests.length) lines.push(`             test: ${refs(r.tests)}`);
    else if (r.needs_test) lines.push("             test: none names it");
    if (r.implementation.length) lines.push(`             code: ${refs(r.implementation)}`);
    else lines.push("             code: none names it");
  }
  const total = report.requirements.length;
  lines.push(
    report.compliant
      ? `${spec}: compliant, ${total}/${total} requirements complete`
      : `${spec}: not compliant, ${report.complete.length}/${total} complete` +
          (report.missing.length ? `; missing ${report.missing.join(", ")}` : "") +
          (report.incomplete.length ? `; incomplete ${report.incomplete.join(", ")}` : ""),
  );
  return lines.join("\n");
}
