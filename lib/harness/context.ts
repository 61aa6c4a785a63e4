import type { ProjectPaths } from "../config/paths.ts";
import type { CommandContext } from "../core/command.ts";
import type { Project } from "../core/project.ts";
import type { ProgressOptions } from "./progress-ops.ts";
import { eventsFileFor, type AutoEvents } from "./auto-events.ts";

/** The compound events a project's harness commands append, when `compound.autoCapture` is on. */
export function projectEvents(project: Project, warn?: (text: string) => void): AutoEvents | undefined {
  if (!project.config.compound.autoCapture) return undefined;
  return {
    file: eventsFileFor(project.paths.root, project.paths.metricsDir),
    warn,
    triggers: project.config.compound.triggers,
  };
}

/** The progress options of a project: its progress file, root, history folder and events. */
export function progressOptions(project: Project, warn?: (text: string) => void): ProgressOptions {
  const { paths } = project;
  return {
    file: paths.progressFile,
    root: paths.root,
    historyDir: paths.historyDir,
    events: projectEvents(project, warn),
  };
}

/** The state paths and progress options for a command: file, root, history folder. */
export async function harnessContext(
  ctx: Pick<CommandContext, "project"> & Partial<Pick<CommandContext, "warn">>,
): Promise<{ paths: ProjectPaths; options: ProgressOptions; config: Project["config"] }> {
  const project = await ctx.project();
  return { paths: project.paths, config: project.config, options: progressOptions(project, ctx.warn) };
}
