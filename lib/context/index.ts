// Public API of the context layer (re-exported by lib/index.ts).
export { skeleton, skeletonOf, languageOf, LANGUAGES, type Language } from "./skeleton.ts";
export { countTokens, estimateTokens, tokenCounter, type TokenMode } from "./tokens.ts";
export {
  checkUsage,
  shouldClear,
  transcriptTokens,
  UsageSchema,
  type Usage,
  type ClearAdvice,
  type CheckUsageOptions,
} from "./usage.ts";
export { prioritize, RankedFileSchema, type RankedFile, type PrioritizeOptions } from "./rank.ts";
export { pack as packContext, type Pack } from "./pack.ts";
export { measureBudget, type Budget, type BudgetItem, type BudgetKind, type BudgetOptions } from "./budget.ts";
