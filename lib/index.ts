// wf-task — the public API. One barrel; each layer exports from its own index.
export { defineConfig } from "./config/define.ts";
export { loadConfig } from "./config/load.ts";
export { defaultConfig } from "./config/defaults.ts";
export { ConfigSchema } from "./config/schema.ts";
export { projectPaths, type ProjectPaths } from "./config/paths.ts";
export type { Config, UserConfig, LoadedConfig, ConfigEnv } from "./config/types.ts";
export {
  defineCommand,
  defineTask,
  type CommandContext,
  type CommandDef,
  type TaskDef,
  type ArgsDef,
} from "./core/command.ts";
export { main, type MainOptions } from "./cli/main.ts";
export { WfError, isWfError, EXIT, ERROR_CODES, type ErrorCode } from "./core/errors.ts";
export { checkName, nameProblem, type NameKind } from "./core/names.ts";
export { run, runLight, runSync, runDetached, type RunOptions, type RunResult as ProcessResult } from "./core/run.ts";
export { openProject, type Project } from "./core/project.ts";
export type { Shell, ShellOutput } from "./core/shell.ts";
export { atomicWrite, atomicWriteSync } from "./util/atomic-write.ts";
export { withLock } from "./util/lock.ts";
export { VERSION } from "./version.ts";
export * from "./harness/index.ts";
export * from "./trust/index.ts";
export * from "./parallel/index.ts";
export * from "./specs/index.ts";
export * from "./enforcement/index.ts";
export * from "./context/index.ts";
export * from "./compound/index.ts";
export * from "./integrations/index.ts";
