// Public API of the harness layer (re-exported by lib/index.ts).
export {
  parseProgress,
  serializeProgress,
  progressToJson,
  readProgressFile,
  readProgressDoc,
  progressTemplate,
  ProgressJsonSchema,
  ProgressTaskSchema,
  type ProgressDoc,
  type ProgressJson,
  type ProgressTask,
} from "./progress.ts";
export {
  progressInit,
  update as progressUpdate,
  read as progressRead,
  addNote as progressAddNote,
  markFile as progressMarkFile,
  addDecision as progressAddDecision,
  setBlocker as progressSetBlocker,
  clearBlocker as progressClearBlocker,
  addQuestion as progressAddQuestion,
  save as progressSave,
  mutateProgress,
  newSessionId,
  type ProgressOptions,
  type InitResult,
} from "./progress-ops.ts";
export { STATUSES as PROGRESS_STATUSES, type TaskStatus } from "./names.ts";
export {
  AgentStateSchema,
  saveState,
  loadState,
  buildState,
  importState,
  parseState,
  stateFile,
  history as stateHistory,
  type AgentState as AgentFile,
  type StateOptions,
} from "./state.ts";
export {
  initializeSession,
  openSession,
  featureContext,
  initReport,
  renderInit,
  type InitReport,
  type InitOptions,
  type SessionOpened,
} from "./init.ts";
export { projectEvents, progressOptions, harnessContext } from "./context.ts";
export { legacyGateInputs } from "./legacy-env.ts";
export { gateEvents, appendEvents, type AutoEvents } from "./auto-events.ts";
export {
  resumeSession,
  renderResume,
  recordResume,
  suggestNextTask,
  type ResumeSummary,
  type NextTask,
} from "./resume.ts";
export {
  sessionStartHook,
  sessionStartOutput,
  readHookInput,
  type SessionStartInput,
  type SessionStartOutput,
} from "./hook.ts";
export { featureTasks, type FeatureTask } from "./feature-tasks.ts";
export {
  preCompactHook,
  readTranscript,
  parseHandoff,
  checkHandoff,
  renderHandoff,
  type Handoff,
  type HandoffView,
  type PreCompactInput,
} from "./handoff.ts";
