import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CoverageReport } from "./coverage.ts";
import type { TestRules } from "./mapping.ts";

/** `tdd check --json`, one per file. */
export interface TestCheck {
  /** Repo-relative path of the checked file. */
  file: string;
  /** False for test files, exempt files and languages without a convention. */
  needs_test: boolean;
  /** Why no test is needed, when none is. */
  reason: "test file" | "exempt" | "unknown language" | null;
  has_tests: boolean;
  /** The first candidate that exists, or null. */
  test_file: string | null;
  /** Where tests were looked for, most expected first. */
  candidates: string[];
  /** Line coverage % of the file from a coverage report, or null (no report, or file not in it). */
  coverage: number | null;
}

/** checkTestsExist: whether `file` (repo-relative) has a test, looked for in the working tree under `root`. */
export function checkTestsExist(
  root: string,
  file: string,
  rules: TestRules,
  report: CoverageReport | null = null,
  exists = (p: string) => existsSync(join(root, p)),
): TestCheck {
  const reason = rules.isTest(file)
    ? "test file"
    : rules.isExempt(file)
      ? "exempt"
      : rules.needsTest(file)
        ? null
        : "unknown language";
  const candidates = reason === "test file" ? [] : rules.candidates(file);
  const testFile = candidates.find(exists) ?? null;
  return {
    file,
    needs_test: reason === null,
    reason,
    has_tests: testFile !== null,
    test_file: testFile,
    candidates,
    coverage: report?.files.get(file) ?? null,
  };
}
