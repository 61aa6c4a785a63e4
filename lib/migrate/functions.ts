// The bash workflow's public functions, per script, and the wf-task command each one runs.

/** One original script: where it was, the compiled script it becomes, its functions. */
export interface LegacyScript {
  /** Path of the original under `.ai/workflow/`. */
  sh: string;
  /** The compiled script the shim runs (under `.ai/workflow/`, without `.mjs`). */
  mjs: string;
  /** Function name → the arguments put before the caller's (`level` → `trust_get_level p` runs `… level p`). */
  functions: Record<string, string[]>;
}

/** The plan's scripts and their public functions (20_api_contracts.md / 30_tasks_backend.md). */
export const LEGACY_SCRIPTS: LegacyScript[] = [
  {
    sh: "harness/progress_manager.sh",
    mjs: "harness/progress_manager",
    functions: {
      progress_init: ["init"],
      progress_update: ["update"],
      progress_read: ["read"],
      progress_show: ["show"],
      progress_add_note: ["note"],
      progress_mark_file: ["file"],
      progress_add_decision: ["decision"],
      progress_add_question: ["question"],
      progress_add_blocker: ["blocker"],
      progress_set_blocker: ["blocker"],
      progress_clear_blocker: ["blocker", "--clear"],
      progress_save: ["save"],
    },
  },
  { sh: "harness/initializer.sh", mjs: "harness/initializer", functions: { initializer_run: [], harness_init: [] } },
  { sh: "harness/coder.sh", mjs: "harness/coder", functions: { coder_run: [], coder_resume: [] } },
  {
    sh: "harness/state_serializer.sh",
    mjs: "harness/state_serializer",
    functions: { state_save: ["save"], state_load: ["load"], state_show: ["show"], state_export: ["export"] },
  },
  {
    sh: "enforcement/trust_evaluator.sh",
    mjs: "enforcement/trust_evaluator",
    functions: {
      trust_get_level: ["level"],
      trust_can_auto_approve: ["auto-approve"],
      trust_get_supervision: ["supervision"],
      trust_evaluate_task: ["task"],
      trust_assess: ["assess"],
      trust_display_assessment: ["assess"],
      trust_explain: ["explain"],
    },
  },
  {
    sh: "enforcement/tdd_enforcer.sh",
    mjs: "enforcement/tdd_enforcer",
    functions: {
      tdd_check_tests_exist: ["check"],
      tdd_verify_order: ["order"],
      tdd_check_deletion: ["deletions"],
      tdd_check_deletions: ["deletions"],
      tdd_generate_test: ["generate"],
    },
  },
  {
    sh: "harness/context_manager.sh",
    mjs: "harness/context_manager",
    functions: {
      context_generate_skeleton: ["skeleton"],
      context_estimate_tokens: ["tokens"],
      context_check_usage: ["usage"],
      context_suggest_clear: ["should-clear"],
      context_prioritize_files: ["rank"],
    },
  },
  {
    sh: "harness/compound_tracker.sh",
    mjs: "harness/compound_tracker",
    functions: {
      compound_capture_learning: ["capture"],
      compound_update_claude_md: ["update-claude-md"],
      compound_track_event: ["track"],
      compound_get_metrics: ["metrics"],
      compound_report: ["report"],
      compound_list: ["list"],
    },
  },
  {
    sh: "parallel/worktree_manager.sh",
    mjs: "parallel/worktree_manager",
    functions: {
      worktree_create: ["create"],
      worktree_list: ["list", "--json"],
      worktree_status: ["status"],
      worktree_cleanup: ["cleanup"],
      worktree_sync: ["sync"],
      worktree_cleanup_all: ["cleanup", "--all"],
    },
  },
  {
    sh: "parallel/port_manager.sh",
    mjs: "parallel/port_manager",
    functions: {
      port_allocate: ["allocate"],
      port_release: ["release"],
      port_get: ["get"],
      port_list: ["list"],
      port_in_use: ["in-use"],
      port_release_all: ["release", "--all"],
    },
  },
  {
    sh: "parallel/tmux_orchestrator.sh",
    mjs: "parallel/tmux_orchestrator",
    functions: {
      tmux_create_session: ["create"],
      tmux_send_command: ["send"],
      tmux_get_output: ["output"],
      tmux_kill_session: ["kill"],
      tmux_list_sessions: ["list"],
    },
  },
  {
    sh: "parallel/monitor.sh",
    mjs: "parallel/monitor",
    functions: {
      monitor_status: ["--json"],
      monitor_dashboard: [],
      monitor_watch: ["--watch"],
      monitor_diagnose: ["diagnose"],
    },
  },
  {
    sh: "specs/validator.sh",
    mjs: "specs/validator",
    functions: { spec_validate: ["validate"], spec_check_compliance: ["check"] },
  },
  {
    sh: "specs/interview.sh",
    mjs: "specs/interview",
    functions: { interview_feature: [], interview_run: [], interview_api: ["--api"], interview_quick: ["--quick"] },
  },
  { sh: "hooks/pre_commit_tdd.sh", mjs: "hooks/pre_commit_tdd", functions: { tdd_pre_commit: [] } },
  { sh: "hooks/session_start.sh", mjs: "hooks/session_start", functions: {} },
  {
    sh: "scripts/mcp_manager.sh",
    mjs: "scripts/mcp_manager",
    functions: {
      mcp_list: ["list"],
      mcp_status: ["status"],
      mcp_start: ["start"],
      mcp_stop: ["stop"],
      mcp_auth: ["auth"],
    },
  },
];

/** The names of the functions a bash file defines (`name() {` or `function name {`). */
export function definedFunctions(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(
    /^\s*(?:function\s+([A-Za-z_][\w]*)\s*(?:\(\s*\))?|([A-Za-z_][\w]*)\s*\(\s*\))\s*\{?/gm,
  ))
    names.add((m[1] ?? m[2])!);
  return [...names];
}
