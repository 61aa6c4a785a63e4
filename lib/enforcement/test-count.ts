// The number of tests a runner reports, read from its own summary: uvu, node:test, vitest, jest,
// pytest, go test (-v), PHPUnit. The last summary in the output wins (a runner that prints one
// per file prints the total last).

export type TestRunner = "uvu" | "node:test" | "vitest" | "jest" | "pytest" | "go" | "phpunit";

export interface TestCount {
  runner: TestRunner;
  /** Tests run (passed, failed and skipped). */
  total: number;
  failed: number | null;
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

function last(re: RegExp, text: string): RegExpExecArray | null {
  let found: RegExpExecArray | null = null;
  const g = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
  for (let m = g.exec(text); m; m = g.exec(text)) found = m;
  return found;
}

/** Reads the test count from a runner's output, or null when no known summary is in it. */
export function readTestCount(output: string): TestCount | null {
  const text = output.replace(ANSI, "").replace(/\r/g, "");
  // jest: "Tests:       1 failed, 2 passed, 3 total"
  let m = last(/^Tests:\s+(.*?)(\d+) total\s*$/m, text);
  if (m) return { runner: "jest", total: +m[2]!, failed: num(/(\d+) failed/.exec(m[1]!)) };
  // vitest: "      Tests  1 failed | 2 passed (3)"
  m = last(/^\s*Tests\s+(.*?)\((\d+)\)\s*$/m, text);
  if (m) return { runner: "vitest", total: +m[2]!, failed: num(/(\d+) failed/.exec(m[1]!)) };
  // uvu: "  Total:     3" … "  Passed:    2"
  m = last(/^\s*Total:\s+(\d+)\s*$/m, text);
  if (m) {
    const passed = last(/^\s*Passed:\s+(\d+)\s*$/m, text);
    return { runner: "uvu", total: +m[1]!, failed: passed ? +m[1]! - +passed[1]! : null };
  }
  // node:test: "# tests 3" (tap) or "ℹ tests 3" (spec), with "# fail 1".
  m = last(/^(?:#|ℹ)\s*tests (\d+)\s*$/m, text);
  if (m) return { runner: "node:test", total: +m[1]!, failed: num(last(/^(?:#|ℹ)\s*fail (\d+)\s*$/m, text)) };
  // PHPUnit: "OK (3 tests, 5 assertions)" or "Tests: 3, Assertions: 5, Failures: 1."
  m = last(/^OK \((\d+) tests?, \d+ assertions?\)/m, text);
  if (m) return { runner: "phpunit", total: +m[1]!, failed: 0 };
  m = last(/^Tests: (\d+), Assertions: \d+(.*)$/m, text);
  if (m)
    return {
      runner: "phpunit",
      total: +m[1]!,
      failed: (num(/Failures: (\d+)/.exec(m[2]!)) ?? 0) + (num(/Errors: (\d+)/.exec(m[2]!)) ?? 0),
    };
  // pytest: "==== 2 passed, 1 failed, 1 skipped in 0.12s ===="
  m = last(/^=+ (.*?) in [\d.]+s(?: \([^)]*\))? =+\s*$/m, text);
  if (m && /\d+ (passed|failed|error|errors|skipped|xfailed|xpassed)\b/.test(m[1]!)) {
    let total = 0;
    for (const part of m[1]!.matchAll(/(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)\b/g)) total += +part[1]!;
    return {
      runner: "pytest",
      total,
      failed: (num(/(\d+) failed/.exec(m[1]!)) ?? 0) + (num(/(\d+) errors?/.exec(m[1]!)) ?? 0),
    };
  }
  // go test -v: one "--- PASS: TestX" line per test and subtest.
  const go = text.match(/^\s*--- (PASS|FAIL|SKIP): \S+/gm);
  if (go) return { runner: "go", total: go.length, failed: go.filter((l) => l.includes("FAIL")).length };
  return null;
}

function num(m: RegExpExecArray | null): number | null {
  return m ? +m[1]! : null;
}
