// The merge drivers of what agents keep in files they all write, for `parallel merge` (and the
// radar's predictions): the progress file (by section), the learnings (by rule) and CLAUDE.md's
// learned rules. git's line merge would stop every landing on them. The attributes go into
// `<git common folder>/info/attributes` (this clone only, every worktree; a name git does not know
// falls back to its own merge, so a plain `git merge` elsewhere is unchanged); the drivers
// themselves are given to git per call, through the environment, so no stale path to wf-task is
// ever left in the repository's config.
import { checkoutAt } from "../core/checkout.ts";
import { resolveWfTask } from "../core/launcher.ts";
import type { ParallelProject } from "./project.ts";
import { infoLine, rootedPattern } from "./git-info.ts";
import { shQuote } from "../core/shell.ts";

/** One driver: its name in git's attributes and config, the file it merges, and the wf-task command git runs. */
interface Driver {
  name: string;
  file: string;
  label: string;
  command: string;
}

function drivers(project: ParallelProject): Driver[] {
  const { progressFile, learningsFile, claudeMd } = project.paths;
  return [
    { name: "wf-progress", file: progressFile, label: "the progress file, by section", command: "progress merge-file" },
    { name: "wf-learnings", file: learningsFile, label: "the learnings, by rule", command: "compound merge-file" },
    {
      name: "wf-claude-md",
      file: claudeMd,
      label: "CLAUDE.md's learned rules, by rule",
      command: "compound merge-file --claude-md",
    },
  ];
}

/** Each driver with its attribute line; a file git's patterns cannot name (rootedPattern) has none. */
function lines(project: ParallelProject): { driver: Driver; line: string }[] {
  return drivers(project).flatMap((driver) => {
    const pattern = rootedPattern(project.root, driver.file);
    return pattern ? [{ driver, line: `${pattern} merge=${driver.name}` }] : [];
  });
}

/**
 * Adds the drivers' attributes to `<git common folder>/info/attributes` (parallel start, merge);
 * `progress: false` leaves the progress file's out (a sessions folder the team does not commit).
 */
export function recordMergeAttributes(
  project: ParallelProject,
  { progress = true }: { progress?: boolean } = {},
): void {
  const common = checkoutAt(project.root).commonDir;
  if (!common) return;
  for (const { driver, line } of lines(project))
    if (progress || driver.file !== project.paths.progressFile) infoLine(common, "attributes", line);
}

/**
 * `env` with git told how to merge these files (`merge.<driver>.driver`, through
 * `GIT_CONFIG_COUNT`); `record` adds the attributes that name them too (the radar, which only
 * reads, does not). `env` itself when no wf-task can be found to run (git's own merge then).
 */
export function withMergeDrivers(
  project: ParallelProject,
  env: Record<string, string | undefined>,
  { record = true }: { record?: boolean } = {},
): Record<string, string | undefined> {
  const named = lines(project);
  if (!named.length) return env;
  const wf = resolveWfTask(project.root, env);
  if (!wf) return env;
  if (record) recordMergeAttributes(project);
  let n = Number(env.GIT_CONFIG_COUNT) || 0;
  const out = { ...env };
  for (const { driver } of named) {
    out[`GIT_CONFIG_KEY_${n}`] = `merge.${driver.name}.name`;
    out[`GIT_CONFIG_VALUE_${n++}`] = `wf-task's merge of ${driver.label}`;
    out[`GIT_CONFIG_KEY_${n}`] = `merge.${driver.name}.driver`;
    out[`GIT_CONFIG_VALUE_${n++}`] = `${shQuote(wf.bin)} --quiet ${driver.command} %O %A %B`;
  }
  out.GIT_CONFIG_COUNT = String(n);
  return out;
}
