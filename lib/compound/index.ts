// Public API of the compound layer (re-exported by lib/index.ts).
export {
  capture,
  readLearnings,
  ruleKey,
  LearningSchema,
  LEARNING_TYPES,
  type Learning,
  type LearningType,
  type CaptureInput,
} from "./learnings.ts";
export {
  updateClaudeMd,
  renderRules,
  replaceSection,
  MAX_SECTION_TOKENS,
  START_MARKER as CLAUDE_MD_START_MARKER,
  END_MARKER as CLAUDE_MD_END_MARKER,
} from "./claude-md.ts";
export { trackEvent, readEvents, KNOWN_EVENTS, type CompoundEvent } from "./events.ts";
export {
  getMetrics,
  computeMetrics,
  commitsSince,
  type Metrics,
  type PeriodMetrics,
  type CommitInfo,
} from "./metrics.ts";
export { renderReport, renderMetrics } from "./report.ts";
export { findStale, type StaleLearning, type StaleReason, type StaleOptions } from "./stale.ts";
export { archive as archiveLearnings } from "./learnings.ts";
