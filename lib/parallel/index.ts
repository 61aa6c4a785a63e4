// Public API of the parallel layer (re-exported by lib/index.ts).
export { parseRoles, sessionName } from "./names.ts";
export { parallelProject, mainCheckout, type ParallelProject } from "./project.ts";
export {
  worktreeCreate,
  worktreeList,
  worktreeStatus,
  worktreePath,
  parseWorktreeList,
  resolveBase,
  type CreateResult,
  type WorktreeInfo,
  type WorktreeStatus,
} from "./worktrees.ts";
export { worktreeCleanup, unmergedCommits, type CleanupResult } from "./cleanup.ts";
export { worktreeSync, type SyncResult } from "./sync.ts";
export { setupWorktree, type SetupResult } from "./setup.ts";
export { allocatePort, releasePort, getPort, listPorts, readPorts, type AllocateResult } from "./ports.ts";
export { portInUse, portListening } from "./port-probe.ts";
export {
  createSession,
  addPane,
  sendToPane,
  capturePane,
  killSession,
  listSessions,
  listPanes,
  hasSession,
  attachSession,
  requireTmux,
  type TmuxTarget,
  type PaneSpec,
  type PaneInfo,
} from "./tmux.ts";
export {
  monitor,
  deriveState,
  renderDashboard,
  type MonitorState,
  type AgentStatus,
  type MonitorReport,
} from "./monitor.ts";
export { startParallel, stopParallel, type StartResult, type StopResult } from "./start.ts";
export { readRun, listRuns, type RunState } from "./runs.ts";
export {
  radar,
  predictMerge,
  renderRadar,
  type RadarReport,
  type RadarPair,
  type RadarConflict,
  type RadarBehind,
} from "./radar.ts";
export { projectOf, tmuxOf, socketArg, table } from "./cli.ts";
export { MONITOR_DETAILS } from "./commands/monitor.ts";
export { mergeCommand } from "./commands/merge.ts";
export {
  parallelMerge,
  mergeOrder,
  renderMerge,
  type MergeResult,
  type MergeStep,
  type MergeOptions,
} from "./merge.ts";
