import type { CommandDef } from "../core/command.ts";
import type { ScriptEntry } from "../scripts/assets.ts";

export type { ScriptEntry } from "../scripts/assets.ts";
export { assetProviders, type Asset, type AssetProvider } from "../scripts/assets.ts";

type Loader = () => Promise<{ default: CommandDef<any> }>;

/** A built-in command: loaded only when it runs. */
export interface CommandEntry {
  name: string;
  summary: string;
  /** Heading it is listed under in `wf-task --help`. */
  group:
    | "Session"
    | "Trust"
    | "Parallel agents"
    | "Specs"
    | "Enforcement"
    | "Context & learning"
    | "Integrations"
    | "Project";
  /** A recipe (a zx flow under recipes/), listed by `wf-task tasks`. */
  recipe?: boolean;
  load: Loader;
  /** Standalone scripts `wf-task scripts install` writes for this command. */
  scripts?: { path: string; plan: string | null; argv?: string[] }[];
}

/**
 * The one list of commands. A command joins the CLI, `--help`, `wf-task tasks` and the
 * standalone-script map by having an entry here: nothing else to edit.
 */
export const commands: CommandEntry[] = [
  // Session harness
  {
    name: "init",
    group: "Session",
    recipe: true,
    summary: "Set up a feature's first session: workspace, progress file, welcome",
    load: () => import("../../recipes/init.ts"),
    scripts: [{ path: "harness/initializer", plan: "harness/initializer.sh" }],
  },
  {
    name: "resume",
    group: "Session",
    recipe: true,
    summary: "Restore the previous session's context and suggest the next task",
    load: () => import("../../recipes/resume.ts"),
    scripts: [
      { path: "harness/coder", plan: "harness/coder.sh" },
      { path: "hooks/session_start", plan: "hooks/session_start.sh", argv: ["--hook", "claude"] },
      { path: "hooks/pre_compact", plan: null, argv: ["--hook", "claude-precompact"] },
    ],
  },
  {
    name: "progress",
    group: "Session",
    summary: "Read and update the progress file (claude-progress.txt)",
    load: () => import("../harness/commands/progress.ts"),
    scripts: [{ path: "harness/progress_manager", plan: "harness/progress_manager.sh" }],
  },
  {
    name: "state",
    group: "Session",
    summary: "Save, show, load and export the agent state (.af)",
    load: () => import("../harness/commands/state.ts"),
    scripts: [{ path: "harness/state_serializer", plan: "harness/state_serializer.sh" }],
  },
  // Trust
  {
    name: "trust",
    group: "Trust",
    summary: "Trust level, auto-approval and supervision of paths and task types",
    load: () => import("../trust/commands/trust.ts"),
    scripts: [{ path: "enforcement/trust_evaluator", plan: "enforcement/trust_evaluator.sh" }],
  },
  // Parallel agents
  {
    name: "parallel",
    group: "Parallel agents",
    recipe: true,
    summary: "Start, watch and stop agents in parallel: worktrees, ports, tmux panes",
    load: () => import("../../recipes/parallel.ts"),
  },
  {
    name: "worktree",
    group: "Parallel agents",
    summary: "Create, list, check, sync and clean up agent worktrees",
    load: () => import("../parallel/commands/worktree.ts"),
    scripts: [{ path: "parallel/worktree_manager", plan: "parallel/worktree_manager.sh" }],
  },
  {
    name: "ports",
    group: "Parallel agents",
    summary: "Allocate and release dev-server ports per role",
    load: () => import("../parallel/commands/ports.ts"),
    scripts: [{ path: "parallel/port_manager", plan: "parallel/port_manager.sh" }],
  },
  {
    name: "tmux",
    group: "Parallel agents",
    summary: "Create tmux sessions with a pane per role, send to and read panes",
    load: () => import("../parallel/commands/tmux.ts"),
    scripts: [{ path: "parallel/tmux_orchestrator", plan: "parallel/tmux_orchestrator.sh" }],
  },
  {
    name: "monitor",
    group: "Parallel agents",
    summary: "Status of every parallel agent: dashboard, --json, --watch",
    load: () => import("../parallel/commands/monitor.ts"),
    scripts: [{ path: "parallel/monitor", plan: "parallel/monitor.sh" }],
  },
  // Specs
  {
    name: "spec",
    group: "Specs",
    summary: "Validate specs, check compliance, emit schemas, templates and tasks",
    load: () => import("../specs/commands/spec.ts"),
    scripts: [{ path: "specs/validator", plan: "specs/validator.sh" }],
  },
  {
    name: "interview",
    group: "Specs",
    recipe: true,
    summary: "Interview for a feature and write .ai/project/features/<feature>/spec.yaml",
    load: () => import("../../recipes/interview.ts"),
    scripts: [{ path: "specs/interview", plan: "specs/interview.sh" }],
  },
  // Enforcement
  {
    name: "tdd",
    group: "Enforcement",
    summary: "Test mapping, test-first order, deleted and weakened tests",
    load: () => import("../enforcement/commands/tdd.ts"),
    scripts: [{ path: "enforcement/tdd_enforcer", plan: "enforcement/tdd_enforcer.sh" }],
  },
  {
    name: "precommit",
    group: "Enforcement",
    recipe: true,
    summary: "The pre-commit TDD gate on staged changes (exit 1 blocks the commit)",
    load: () => import("../../recipes/precommit.ts"),
    scripts: [{ path: "hooks/pre_commit_tdd", plan: "hooks/pre_commit_tdd.sh" }],
  },
  {
    name: "hooks",
    group: "Enforcement",
    summary: "Install, check and remove git/husky and Claude Code hooks",
    load: () => import("../enforcement/commands/hooks.ts"),
  },
  // Context & learning
  {
    name: "context",
    group: "Context & learning",
    summary: "Skeletons, token counts, usage, relevance ranking and packing",
    load: () => import("../context/commands/context.ts"),
    scripts: [{ path: "enforcement/context_manager", plan: "enforcement/context_manager.sh" }],
  },
  {
    name: "compound",
    group: "Context & learning",
    summary: "Capture learnings, update CLAUDE.md, track events and metrics",
    load: () => import("../compound/commands/compound.ts"),
    scripts: [{ path: "enforcement/compound_tracker", plan: "enforcement/compound_tracker.sh" }],
  },
  // Integrations
  {
    name: "mcp",
    group: "Integrations",
    summary: "MCP servers: list, status, tools, start/stop, OAuth sign-in, Claude Code's .mcp.json",
    load: () => import("../integrations/commands/mcp.ts"),
    scripts: [{ path: "scripts/mcp_manager", plan: "scripts/mcp_manager.sh" }],
  },
  {
    name: "ci",
    group: "Integrations",
    summary: "GitHub Actions templates: AI review on pull requests, spec validation on push",
    load: () => import("../integrations/commands/ci.ts"),
  },
  {
    name: "doctor",
    group: "Integrations",
    summary: "Check tools, config, installed scripts, git and Claude Code hooks, MCP servers",
    load: () => import("../integrations/commands/doctor.ts"),
  },
  // Project
  {
    name: "migrate",
    group: "Project",
    summary:
      "Move a repo from the bash workflow to wf-task: shims for its .sh files, the compiled scripts, checks of its files",
    load: () => import("../migrate/commands/migrate.ts"),
  },
  {
    name: "config",
    group: "Project",
    summary: "Show, validate and migrate the config; emit its JSON Schema",
    load: () => import("../config/commands/config.ts"),
  },
  {
    name: "scripts",
    group: "Project",
    summary: "Install the standalone scripts into .ai/workflow/ and list them",
    load: () => import("../scripts/commands/scripts.ts"),
  },
  {
    name: "tasks",
    group: "Project",
    summary: "List the built-in recipes and this repo's tasks/*.ts",
    load: () => import("./commands/tasks.ts"),
  },
  {
    name: "run",
    group: "Project",
    summary: "Run a task: one of this repo's tasks/*.ts (preferred), or a built-in recipe",
    load: () => import("./commands/run.ts"),
  },
];

/** The standalone-script map, derived from `commands`. */
export function scriptMap(): (ScriptEntry & { command: string })[] {
  return commands.flatMap((entry) =>
    (entry.scripts ?? []).map((s) => ({
      path: s.path,
      plan: s.plan,
      argv: [entry.name, ...(s.argv ?? [])],
      command: entry.name,
    })),
  );
}

/** The entry for a command name. */
export function findCommand(name: string): CommandEntry | undefined {
  return commands.find((c) => c.name === name);
}
