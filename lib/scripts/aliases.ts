// The bash workflow's CLI verbs and argument orders, accepted by the standalone scripts:
// each is rewritten to the wf-task subcommand it means before the command runs.

type Rewrite = (rest: string[]) => string[];

/** Per command, the original's verb → the wf-task arguments. Verbs wf-task already has are left alone. */
export const LEGACY_VERBS: Record<string, Record<string, Rewrite>> = {
  trust: {
    "--level": (r) => ["level", ...r],
    "--supervision": (r) => ["supervision", ...r],
    "--auto-approve": (r) => ["auto-approve", ...r],
    "--task": (r) => ["task", ...r],
    "--assess": (r) => ["assess", ...r],
    "--display": (r) => ["assess", ...r],
    "--explain": (r) => ["explain", ...r],
  },
  tdd: {
    exists: (r) => ["check", ...r],
    verify: (r) => (r[0]?.includes("..") ? ["order", "--range", ...r] : ["order", ...r]),
    deletion: (r) => (r[0]?.includes("..") ? ["deletions", "--range", ...r] : ["deletions", ...r]),
    display: (r) => ["check", ...r],
    generate: (r) => ["generate", ...r],
  },
  monitor: {
    status: (r) => ["--json", ...r],
    dashboard: (r) => [...r],
    watch: (r) => ["--watch", ...r],
    summary: (r) => [...r],
    diagnose: (r) => ["diagnose", ...r],
  },
  spec: {
    syntax: (r) => ["validate", ...r],
    compliance: (r) => ["check", ...r],
    all: (r) => ["validate", ...r],
    json: (r) => ["validate", "--json", ...r],
    display: (r) => ["validate", ...r],
  },
  context: {
    estimate: (r) => ["tokens", ...r],
    prioritize: (r) => ["rank", r.join(" ")].filter(Boolean),
    summary: (r) => ["usage", ...r],
    suggest: (r) => ["should-clear", ...r],
  },
  compound: {
    "bug-fix": ([description = "", solution = "", rule, ...r]) => [
      "capture",
      "bug",
      description,
      solution,
      rule ?? solution,
      ...r,
    ],
    "track-task": ([task = "", status = "completed", ...r]) => [
      "track",
      status === "completed" ? "task_completed" : "task_started",
      JSON.stringify({ task, source: "compound_tracker" }),
      ...r,
    ],
    "track-session": ([session = "", ...r]) => [
      "track",
      "session_started",
      JSON.stringify({ session, source: "compound_tracker" }),
      ...r,
    ],
    export: (r) => ["list", "--json", ...r],
  },
  ports: {
    status: (r) => ["list", ...r],
    "release-all": (r) => ["release", "--all", ...r],
  },
  worktree: {
    "cleanup-all": (r) => ["cleanup", "--all", ...r],
    create: ([role = "", branch, ...r]) =>
      branch && !branch.startsWith("-")
        ? ["create", role, "--branch", branch, ...r]
        : ["create", role, ...(branch ? [branch] : []), ...r],
  },
  progress: {
    "add-note": (r) => ["note", ...r],
    add_note: (r) => ["note", ...r],
    "mark-file": (r) => ["file", ...r],
    mark_file: (r) => ["file", ...r],
    "add-blocker": (r) => ["blocker", ...r],
    "clear-blocker": (r) => ["blocker", "--clear", ...r],
  },
};

/** The arguments of a script run, with the original CLI's verb rewritten (unchanged when it has none). */
export function legacyArgs(command: string | undefined, args: string[]): string[] {
  const verbs = command ? LEGACY_VERBS[command] : undefined;
  const first = args[0];
  if (!verbs || first === undefined || !Object.hasOwn(verbs, first)) return args;
  return verbs[first]!(args.slice(1));
}

/** Scripts also written at the bash workflow's own paths (it kept these two under harness/). */
export const ORIGINAL_PATHS: { path: string; plan: string; argv: string[] }[] = [
  { path: "harness/context_manager", plan: "harness/context_manager.sh", argv: ["context"] },
  { path: "harness/compound_tracker", plan: "harness/compound_tracker.sh", argv: ["compound"] },
];
