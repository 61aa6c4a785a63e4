import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type { LoadedConfig } from "../config/types.ts";
import { analyzeTestChangesAsync, deletionLines } from "./deletions.ts";
import { blobIdSpecs, inIndex, readStagedBlobs, stagedChangesWithIds, type GitEnv } from "./git.ts";
import { testRules } from "./mapping.ts";
import type { TestRunOutcome, TestRunResult } from "./test-run.ts";

/** One reason the gate says no. */
export interface Violation {
  kind: "missing_test" | "test_deleted" | "test_weakened" | "coverage" | "trust" | "test_failed" | "test_count";
  file: string | null;
  /** The line shown after "- ". */
  message: string;
  /** For missing tests: the test file expected first. */
  expected?: string;
}

/** `wf-task precommit --json`. */
export interface PreCommitResult {
  /** The commit may go on (no violation, or warn/off, or a bypass). */
  allowed: boolean;
  /** "pre-commit" checks tests; "commit-msg" (with --message-file) runs the trust gate. */
  stage: "pre-commit" | "commit-msg";
  strictness: "strict" | "warn" | "off";
  violations: Violation[];
  bypassed: boolean;
  bypass_reason: string | null;
  /** Where the bypass was logged. */
  bypass_log: string | null;
  staged: { files: number; sources: number; tests: number };
  /** The test run (enforcement.tdd.testCommand), or null when none is configured. */
  tests: TestRunResult | null;
}

export interface PreCommitOptions {
  git: GitEnv;
  loaded: LoadedConfig;
  /** The commit message file (commit-msg hook): runs the trust gate instead of the TDD checks. */
  messageFile?: string;
  /** WF_TDD_BYPASS's value. */
  bypass?: string;
}

/** preCommit: runs the gate on the staged changes. Exit 1 when `allowed` is false. */
export async function preCommit(options: PreCommitOptions): Promise<PreCommitResult> {
  const { loaded, git } = options;
  const tdd = loaded.config.enforcement.tdd;
  const stage = options.messageFile ? "commit-msg" : "pre-commit";
  const strictness = tdd.enabled ? tdd.strictness : "off";
  const result: PreCommitResult = {
    allowed: true,
    stage,
    strictness,
    violations: [],
    bypassed: false,
    bypass_reason: null,
    bypass_log: null,
    staged: { files: 0, sources: 0, tests: 0 },
    tests: null,
  };
  if (stage === "commit-msg" ? !loaded.config.enforcement.trust.gate : strictness === "off") return result;

  const changes = stagedChangesWithIds(git);
  const rules = testRules(tdd);
  let run: TestRunOutcome | undefined;
  const present = changes.filter((c) => c.status !== "D");
  result.staged.files = changes.length;
  result.staged.tests = present.filter((c) => rules.isTest(c.path)).length;

  if (stage === "commit-msg") {
    const { trustGate } = await import("./trust-gate.ts");
    const message = readFileSync(options.messageFile!, "utf8");
    for (const v of await trustGate(
      loaded,
      present.map((c) => c.path),
      message,
    ))
      result.violations.push({ kind: "trust", file: v.file, message: v.message });
  } else {
    const stagedPaths = new Set(present.map((c) => c.path));
    const fresh = changes.filter(
      (c) => (c.status === "A" || c.status === "C" || c.status === "R") && rules.needsTest(c.path),
    );
    result.staged.sources = fresh.length;
    if (tdd.requireTestFirstCommits) {
      const unresolved = fresh
        .map((c) => ({ path: c.path, candidates: rules.candidates(c.path) }))
        .filter((f) => !f.candidates.some((t) => stagedPaths.has(t)));
      const found = unresolved.length
        ? inIndex(
            git,
            unresolved.flatMap((f) => f.candidates),
          )
        : new Set<string>();
      for (const f of unresolved) {
        if (f.candidates.some((t) => found.has(t))) continue;
        const expected = f.candidates[0] ?? "a test file";
        result.violations.push({
          kind: "missing_test",
          file: f.path,
          expected,
          message: `${f.path} has no test file (expected: ${expected})`,
        });
      }
    }
    if (tdd.preventTestDeletion) {
      const report = await analyzeTestChangesAsync(
        changes,
        rules,
        blobIdSpecs(changes),
        async (specs) => (await readStagedBlobs(git, changes, specs)).blobs,
      );
      const lines = deletionLines(report);
      lines.forEach((message, i) => {
        const deleted = i < report.deleted_tests.length;
        result.violations.push({
          kind: deleted ? "test_deleted" : "test_weakened",
          file: deleted ? report.deleted_tests[i]! : report.weakened[i - report.deleted_tests.length]!.file,
          message,
        });
      });
    }
    if (tdd.minCoverage > 0) {
      const { readCoverage } = await import("./coverage.ts");
      const report = readCoverage(loaded.root);
      if (report?.total != null && report.total < tdd.minCoverage) {
        result.violations.push({
          kind: "coverage",
          file: report.file,
          message: `line coverage ${report.total}% is below the minimum ${tdd.minCoverage}% (${report.file})`,
        });
      }
    }
    if (tdd.testCommand.trim()) {
      const { runGateTests, runsFiles } = await import("./test-run.ts");
      run = await runGateTests({ git, loaded, rules, changes, ...runsFiles(git, loaded) });
      result.tests = run.result;
      for (const p of run.problems) result.violations.push(p);
    }
  }

  if (!result.violations.length || (stage === "pre-commit" && strictness === "warn")) {
    await run?.record();
    return result;
  }
  if (options.bypass?.trim()) {
    const { logBypass } = await import("./bypass.ts");
    const { projectPaths } = await import("../config/paths.ts");
    const { join } = await import("node:path");
    const log = join(projectPaths(loaded).historyDir, "bypass.log");
    await logBypass(
      git,
      log,
      options.bypass.trim(),
      result.violations.map((v) => v.message),
    );
    Object.assign(result, {
      bypassed: true,
      bypass_reason: options.bypass.trim(),
      bypass_log: relative(loaded.root, log),
    });
    await run?.record();
    return result;
  }
  result.allowed = false;
  return result;
}

/** The gate's message, in the bash workflow's shape: `ERROR: TDD Violation` / `- …` / `Commit blocked. Write tests first.` */
export function formatPreCommit(result: PreCommitResult): string {
  if (!result.violations.length) return "";
  const lines = result.violations.map((v) => `- ${v.message}`);
  const trust = result.stage === "commit-msg";
  const title = trust ? "Trust Gate Violation" : "TDD Violation";
  if (result.bypassed) {
    return [
      `WARNING: ${title} (bypassed)`,
      ...lines,
      `Commit allowed by WF_TDD_BYPASS: ${result.bypass_reason}`,
      `Logged to ${result.bypass_log}.`,
    ].join("\n");
  }
  if (result.allowed) return [`WARNING: ${title}`, ...lines, "Commit allowed (strictness: warn)."].join("\n");
  const ran = result.violations.some((v) => v.kind === "test_failed" || v.kind === "test_count");
  const next = trust
    ? "Commit blocked. Get a human review, then add the trailer."
    : ran
      ? "Commit blocked. Make the tests pass and keep every test."
      : "Commit blocked. Write tests first.";
  return [`ERROR: ${title}`, ...lines, next].join("\n");
}
