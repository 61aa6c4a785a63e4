import { dirname, join, resolve } from "node:path";
import type { LoadedConfig } from "./types.ts";

/** Every state path wf-task uses, absolute, derived from the config. One place to look. */
export interface ProjectPaths {
  root: string;
  /** `.ai/project/sessions` (the progress file's folder; env PROGRESS_DIR). */
  sessionsDir: string;
  progressFile: string;
  /** `sessions/agents/<role>.af` */
  agentsDir: string;
  /** `sessions/history/` (state snapshots, bypass.log) */
  historyDir: string;
  /** `sessions/port_allocations.json` */
  portsFile: string;
  /** `.ai/project/features` */
  featuresDir: string;
  /** `.ai/workflow` (installed scripts and assets) */
  workflowDir: string;
  worktreeBase: string;
  learningsFile: string;
  metricsDir: string;
  claudeMd: string;
}

/** The absolute paths for a loaded config. */
export function projectPaths(loaded: Pick<LoadedConfig, "config" | "root">): ProjectPaths {
  const { config, root } = loaded;
  const abs = (p: string) => resolve(root, p);
  const progressFile = abs(config.harness.progressFile);
  const sessionsDir = dirname(progressFile);
  return {
    root,
    sessionsDir,
    progressFile,
    agentsDir: join(sessionsDir, "agents"),
    historyDir: join(sessionsDir, "history"),
    portsFile: join(sessionsDir, "port_allocations.json"),
    featuresDir: abs(config.specs.featuresDir),
    workflowDir: abs(".ai/workflow"),
    worktreeBase: abs(config.parallel.worktreeBase),
    learningsFile: abs(config.compound.learningsFile),
    metricsDir: abs(config.compound.metricsDir),
    claudeMd: abs(config.compound.claudeMd),
  };
}
