// Public API of the trust layer (re-exported by lib/index.ts).
export { loadTrustModel, readModelFile, type TrustConfigInput } from "./load.ts";
export { buildModel, normalizeTaskType } from "./build.ts";
export { builtInModel, TASK_TYPES, LEVEL_DEFAULTS } from "./defaults.ts";
export { assessPath, getLevel, canAutoApprove, getSupervision, evaluateTask, explainPath, combine, modelPath, type PathExplanation, type RuleMatch } from "./evaluate.ts";
export { compileGlob, normalizePath, GlobError, type CompiledGlob } from "./glob.ts";
export { TrustModelFileSchema } from "./schema.ts";
export { claudeHookDecision, type ClaudeHookOutput } from "./hook-claude.ts";
export { modelToYaml } from "./serialize.ts";
export type { Level, Supervision, TrustModel, TrustRule, TrustLevelInfo, PathAssessment, TaskEvaluation } from "./model.ts";
