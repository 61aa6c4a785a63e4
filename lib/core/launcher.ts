import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { checkoutAt, findTop } from "./checkout.ts";

/**
 * How hooks find wf-task from whichever checkout they run in: the checkout's own
 * `node_modules/.bin/wf-task`, else the main checkout's (found through git's common folder), else
 * `wf-task` on PATH. The same order is written three times, in the three languages that need it:
 * the Claude Code launcher (sh), the git hook block (sh) and `resolveWfTask` (for warnings and doctor).
 */

/** The launcher Claude Code's hooks call, relative to the project (`"$CLAUDE_PROJECT_DIR"/.claude/hooks/wf-task`). */
export const LAUNCHER_FILE = ".claude/hooks/wf-task";

/** How a Claude Code hook command calls the launcher. */
export const LAUNCHER_BIN = `"$CLAUDE_PROJECT_DIR"/${LAUNCHER_FILE}`;

const NOT_FOUND =
  "wf-task was found neither in this worktree, nor in the main checkout, nor on PATH: run npm i -D wf-task in the main checkout";

/** Claude Code's hook entries (dist/hooks/<entry>.cjs) by the words a hook command starts with; other commands go to the CLI. */
export const HOOK_ENTRIES: Record<string, string> = {
  "trust hook claude": "trust-claude",
  "resume --hook claude": "resume-claude",
  "resume --hook claude-precompact": "resume-claude",
};

/**
 * The launcher's text. A hook command runs its hook entry (one small file, not the whole CLI) from
 * the package next to the `wf-task` found; with no wf-task, the trust hook answers `ask` (never a
 * silent allow) and the others say so on stderr.
 */
export function launcherScript(): string {
  const cases = Object.entries(HOOK_ENTRIES)
    .map(([words, entry]) => `"${words}") hook=${entry} ;;`)
    .join(" ");
  return `#!/bin/sh
# wf-task for Claude Code's hooks, written by \`wf-task hooks install --claude\`.
# Runs the wf-task of this worktree, else of the main checkout, else the one on PATH.
dir=\${CLAUDE_PROJECT_DIR:-$PWD}
hook=
case "$1 $2 $3" in ${cases} esac
top=$dir
if [ ! -x "$top/node_modules/.bin/wf-task" ]; then
  # A linked worktree names its git folder in .git, whose commondir leads to the main checkout's.
  top=
  if [ -f "$dir/.git" ]; then
    read -r gitdir < "$dir/.git"
    gitdir=\${gitdir#gitdir: }
    case $gitdir in /*) ;; *) gitdir=$dir/$gitdir ;; esac
    if [ -f "$gitdir/commondir" ]; then
      read -r common < "$gitdir/commondir"
      case $common in /*) ;; *) common=$gitdir/$common ;; esac
      top=$common/..
    fi
  fi
  if [ ! -x "$top/node_modules/.bin/wf-task" ]; then
    common=$(git -C "$dir" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)
    top=\${common%/.git}
  fi
fi
if [ -n "$top" ] && [ -x "$top/node_modules/.bin/wf-task" ]; then
  entry="$top/node_modules/wf-task/dist/hooks/$hook.cjs"
  if [ -n "$hook" ] && [ -f "$entry" ]; then exec node "$entry" "$@"; fi
  exec "$top/node_modules/.bin/wf-task" "$@"
fi
if command -v wf-task >/dev/null 2>&1; then exec wf-task "$@"; fi
if [ "$1 $2" = "trust hook" ]; then
  echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"ask","permissionDecisionReason":"${NOT_FOUND}"}}'
  exit 0
fi
echo "${NOT_FOUND}" >&2
exit 127
`;
}

/**
 * The lines of a git hook that run `wf-task <args>` found the same way (the gate through its hook
 * entry when the package is installed next to it); a commit is refused when there is none.
 */
export function gateLines(args: string): string[] {
  return [
    "# The wf-task of this worktree, else of the main checkout, else on PATH.",
    "wf=$(git rev-parse --show-toplevel)/node_modules/.bin/wf-task",
    '[ -x "$wf" ] || wf=$(git rev-parse --path-format=absolute --git-common-dir)/../node_modules/.bin/wf-task',
    `[ -x "$wf" ] || wf=$(command -v wf-task) || { echo "${NOT_FOUND} (commit refused)" >&2; exit 1; }`,
    "entry=${wf%/.bin/wf-task}/wf-task/dist/hooks/precommit.cjs",
    `if [ -f "$entry" ]; then node "$entry" ${args} || exit $?; else "$wf" ${args} || exit $?; fi`,
  ];
}

/** True when `file` exists and this user may run it. */
export function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where a hook run in `dir` finds wf-task, and how: `worktree`, `main` (checkout) or `path`; null when nowhere. */
export function resolveWfTask(
  dir: string,
  env: Record<string, string | undefined>,
): { bin: string; from: "worktree" | "main" | "path" } | null {
  const top = findTop(dir) ?? dir;
  const own = join(top, "node_modules/.bin/wf-task");
  if (executable(own)) return { bin: own, from: "worktree" };
  const { main } = checkoutAt(top);
  const mains = join(main, "node_modules/.bin/wf-task");
  if (main !== top && executable(mains)) return { bin: mains, from: "main" };
  for (const d of (env.PATH ?? "").split(delimiter)) {
    if (d && executable(join(d, "wf-task"))) return { bin: join(d, "wf-task"), from: "path" };
  }
  return null;
}

export const WF_TASK_NOT_FOUND = NOT_FOUND;
