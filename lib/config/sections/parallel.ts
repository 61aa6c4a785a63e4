import * as v from "valibot";
import { Port, StringList, field, section } from "./common.ts";

/** Parallel agents: worktrees, ports, tmux. */
export const ParallelSchema = section(
  {
    manager: field(v.picklist(["tmux"]), "tmux", "Terminal multiplexer that hosts the agents"),
    worktreeBase: field(v.string(), ".worktrees", "Folder of the agent worktrees (env WORKTREE_BASE)"),
    baseBranch: field(v.string(), "main", "Branch worktrees start from and sync with"),
    portRange: field(
      v.pipe(
        v.strictObject({ start: v.optional(Port, 3001), end: v.optional(Port, 3010) }),
        v.forward(
          v.check(
            (r) => r.end >= r.start,
            (issue) =>
              `expected \`end\` ≥ \`start\` (${(issue.input as { start: number }).start}), got ${(issue.input as { end: number }).end}`,
          ),
          ["end"],
        ),
      ),
      {},
      "Dev-server ports handed to roles (env PORT_RANGE_START / PORT_RANGE_END)",
    ),
    roles: field(StringList, ["backend", "frontend", "qa"], "Default roles of `wf-task parallel`"),
    agentCommand: field(v.string(), "claude", "Command each agent pane runs"),
    autoCleanup: field(
      v.boolean(),
      true,
      "`parallel stop` also cleans up the worktrees (refusing any with unsaved work); false keeps them",
    ),
    syncStrategy: field(v.picklist(["merge", "rebase"]), "merge", "How `worktree sync` brings the base in"),
    setup: field(
      v.strictObject({
        copy: v.optional(StringList, [".env*"]),
        install: v.optional(v.string(), ""),
        run: v.optional(StringList, []),
      }),
      {},
      "Per-worktree setup: files to copy in (plus .worktreeinclude), an install command (empty: link the main checkout's node_modules), commands to run",
    ),
    preserve: field(
      StringList,
      [".env*", "*.db", "*.sqlite*", "*.local"],
      "Untracked or ignored worktree files archived at cleanup when they differ from the main checkout's",
    ),
  },
  "Parallel agents: worktrees, ports and tmux",
);
