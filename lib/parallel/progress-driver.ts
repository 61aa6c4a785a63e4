// The progress file's merge driver for `parallel merge` (and the radar's predictions): agents that
// share a committed progress file each add their tasks and notes, and git's line merge would stop
// every landing on it. The attribute goes into `<git common folder>/info/attributes` (this clone
// only, every worktree; a name git does not know falls back to its own merge, so a plain
// `git merge` elsewhere is unchanged); the driver itself is given to git per call, through the
// environment, so no stale path to wf-task is ever left in the repository's config.
import { checkoutAt } from "../core/checkout.ts";
import { resolveWfTask } from "../core/launcher.ts";
import type { ParallelProject } from "./project.ts";
import { infoLine, rootedPattern } from "./git-info.ts";
import { shQuote } from "../core/shell.ts";

/** The merge driver's name in git's attributes and config. */
export const PROGRESS_DRIVER = "wf-progress";

/** The attribute line for the progress file, or null when git's patterns cannot name it (rootedPattern). */
function attributeLine(project: ParallelProject): string | null {
  const pattern = rootedPattern(project.root, project.paths.progressFile);
  return pattern && `${pattern} merge=${PROGRESS_DRIVER}`;
}

/** Adds the progress file's attribute to `<git common folder>/info/attributes` (parallel start, merge). */
export function recordProgressAttribute(project: ParallelProject): void {
  const line = attributeLine(project);
  const common = checkoutAt(project.root).commonDir;
  if (line && common) infoLine(common, "attributes", line);
}

/**
 * `env` with git told how to merge the progress file (`merge.wf-progress.driver`, through
 * `GIT_CONFIG_COUNT`); `record` adds the attribute that names it too (the radar, which only reads,
 * does not). `env` itself when the progress file is outside the checkout or no wf-task can be
 * found to run (git's own merge then, as before).
 */
export function withProgressDriver(
  project: ParallelProject,
  env: Record<string, string | undefined>,
  { record = true }: { record?: boolean } = {},
): Record<string, string | undefined> {
  if (!attributeLine(project)) return env;
  const wf = resolveWfTask(project.root, env);
  if (!wf) return env;
  if (record) recordProgressAttribute(project);
  const n = Number(env.GIT_CONFIG_COUNT) || 0;
  return {
    ...env,
    GIT_CONFIG_COUNT: String(n + 2),
    [`GIT_CONFIG_KEY_${n}`]: `merge.${PROGRESS_DRIVER}.name`,
    [`GIT_CONFIG_VALUE_${n}`]: "wf-task's merge of the progress file, by section",
    [`GIT_CONFIG_KEY_${n + 1}`]: `merge.${PROGRESS_DRIVER}.driver`,
    [`GIT_CONFIG_VALUE_${n + 1}`]: `${shQuote(wf.bin)} --quiet progress merge-file %O %A %B`,
  };
}
