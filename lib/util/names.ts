/**
 * The rules for names users give wf-task, one place for every layer. A feature is a spec id: it
 * names the spec folder, the tmux session and the agents' branches. A role names a worktree, a
 * pane, a port allocation and an `.af` file.
 */

/** Feature ids: lower-case letters, digits and `-`, not starting with `-` (a spec's `feature.id`). */
export const FEATURE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Roles: letters, digits and `. _ -`, starting with a letter or digit (`backend`, `BE_007`, `v1.2`); callers also refuse `..`. */
export const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
