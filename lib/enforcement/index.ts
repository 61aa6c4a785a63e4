// Public API of the enforcement layer (re-exported by lib/index.ts).
export { testRules, type TestRules, type TddConfig } from "./mapping.ts";
export { testSignals, type TestSignals } from "./test-signals.ts";
export { checkTestsExist, type TestCheck } from "./check-tests.ts";
export { readCoverage, COVERAGE_FILES, type CoverageReport } from "./coverage.ts";
export { verifyOrder, verifyOrderRange, type FileOrder, type OrderReport } from "./order.ts";
export {
  checkDeletion,
  analyzeTestChanges,
  type DeletionReport,
  type DeletionTarget,
  type Weakening,
} from "./deletions.ts";
export {
  preCommit,
  formatPreCommit,
  type PreCommitResult,
  type PreCommitOptions,
  type Violation,
} from "./precommit.ts";
export { readTestCount, type TestCount, type TestRunner } from "./test-count.ts";
export { readRuns as readTestRuns, type TestRunRecord, type TestRunResult } from "./test-run.ts";
export { BYPASS_ENV, logBypass, type BypassEntry } from "./bypass.ts";
export { trustGate, hasTrailer, type TrustViolation } from "./trust-gate.ts";
export {
  gitHooksStatus,
  installGitHooks,
  uninstallGitHooks,
  hookLayout,
  DEFAULT_HOOK_COMMAND,
  type HooksStatus,
  type WorktreeHookStatus,
  type InstallResult,
  type HookManager,
  type HookName,
} from "./hooks.ts";
