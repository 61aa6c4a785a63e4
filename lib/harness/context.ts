import { projectPaths, type ProjectPaths } from "../config/paths.ts";
import type { CommandContext } from "../core/command.ts";
import type { ProgressOptions } from "./progress-ops.ts";
import { eventsFileFor } from "./auto-events.ts";

/** The state paths and progress options for a command: file, root, history folder. */
export async function harnessContext(ctx: Pick<CommandContext, "config"> & Partial<Pick<CommandContext, "warn">>): Promise<{ paths: ProjectPaths; options: ProgressOptions; config: Awaited<ReturnType<CommandContext["config"]>>["config"] }> {
  const loaded = await ctx.config();
  const paths = projectPaths(loaded);
  const events = loaded.config.compound.autoCapture ? { file: eventsFileFor(paths.root, paths.metricsDir), warn: ctx.warn, triggers: loaded.config.compound.triggers } : undefined;
  return { paths, config: loaded.config, options: { file: paths.progressFile, root: paths.root, historyDir: paths.historyDir, events } };
}
