// Public API of the trust layer (re-exported by lib/index.ts).
export { loadTrustModel, readModelFile as readTrustModelFile, type TrustConfigInput } from "./load.ts";
export { buildModel as buildTrustModel, normalizeTaskType } from "./build.ts";
export { builtInModel as builtInTrustModel, TASK_TYPES as BUILTIN_TASK_TYPES } from "./defaults.ts";
export {
  assessPath,
  getLevel,
  canAutoApprove,
  getSupervision,
  evaluateTask,
  explainPath,
  combine as combineAssessments,
  type PathExplanation,
  type RuleMatch,
} from "./evaluate.ts";
export {
  compileGlob as compileTrustPattern,
  GlobError as TrustPatternError,
  type CompiledGlob as CompiledTrustPattern,
} from "./glob.ts";
export { TrustModelFileSchema } from "./schema.ts";
export {
  claudeHookDecision,
  explainCommand,
  type ClaudeHookOutput,
  type CommandReport,
  type CommandTargetReport,
} from "./hook-claude.ts";
export { judgeTarget, judgeTree, type TargetVerdict } from "./judge.ts";
export { modelToYaml as trustModelToYaml } from "./serialize.ts";
export type {
  Level as TrustLevel,
  Supervision,
  TrustModel,
  TrustRule,
  TrustLevelInfo,
  PathAssessment,
  TaskEvaluation,
} from "./model.ts";
