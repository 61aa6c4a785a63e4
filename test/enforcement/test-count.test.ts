import { test } from "uvu";
import * as assert from "uvu/assert";
import { readTestCount } from "../../lib/enforcement/test-count.ts";

const CASES: [string, string, { runner: string; total: number; failed: number | null } | null][] = [
  [
    "uvu",
    "\x1b[1mmath.test.ts\x1b[22m\n• • •   (3 / 3)\n\n  Total:     3\n  Passed:    3\n  Skipped:   0\n  Duration:  1.2ms\n",
    { runner: "uvu", total: 3, failed: 0 },
  ],
  ["uvu, a failure", "  Total:     3\n  Passed:    2\n  Skipped:   0\n", { runner: "uvu", total: 3, failed: 1 }],
  [
    "node:test tap",
    "TAP version 13\nok 1 - a\n1..4\n# tests 4\n# suites 0\n# pass 3\n# fail 1\n",
    { runner: "node:test", total: 4, failed: 1 },
  ],
  [
    "node:test spec",
    "✔ a (0.5ms)\nℹ tests 2\nℹ suites 0\nℹ pass 2\nℹ fail 0\n",
    { runner: "node:test", total: 2, failed: 0 },
  ],
  [
    "vitest",
    " Test Files  1 failed | 2 passed (3)\n      Tests  1 failed | 11 passed (12)\n   Start at  10:00:00\n",
    { runner: "vitest", total: 12, failed: 1 },
  ],
  [
    "jest",
    "Test Suites: 1 passed, 1 total\nTests:       1 failed, 4 passed, 5 total\nSnapshots:   0 total\n",
    { runner: "jest", total: 5, failed: 1 },
  ],
  [
    "pytest",
    "collected 4 items\n\ntest_a.py ..F.\n=========== 3 passed, 1 failed in 0.12s ===========\n",
    { runner: "pytest", total: 4, failed: 1 },
  ],
  ["pytest, skips", "==== 5 passed, 2 skipped, 1 xfailed in 1.01s ====\n", { runner: "pytest", total: 8, failed: 0 }],
  [
    "go test -v",
    "=== RUN   TestA\n--- PASS: TestA (0.00s)\n=== RUN   TestB\n    --- PASS: TestB/sub (0.00s)\n--- FAIL: TestB (0.00s)\nFAIL\n",
    { runner: "go", total: 3, failed: 1 },
  ],
  [
    "PHPUnit ok",
    "PHPUnit 10.5.0\n\n...   3 / 3 (100%)\n\nOK (3 tests, 5 assertions)\n",
    { runner: "phpunit", total: 3, failed: 0 },
  ],
  [
    "PHPUnit failures",
    "FAILURES!\nTests: 4, Assertions: 6, Failures: 1.\n",
    { runner: "phpunit", total: 4, failed: 1 },
  ],
  ["no known summary", "all good!\n", null],
];

for (const [name, output, want] of CASES) {
  test(`reads the test count of ${name}`, () => {
    assert.equal(readTestCount(output), want);
  });
}

test.run();
