import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import type { ProjectPaths } from "../config/paths.ts";
import { featureTasks, type FeatureTask } from "./feature-tasks.ts";
import { checkName } from "../core/names.ts";
import { type ProgressJson } from "./progress.ts";
import { progressInit } from "./progress-ops.ts";

export interface InitOptions {
  paths: Pick<ProjectPaths, "root" | "progressFile" | "sessionsDir" | "agentsDir" | "historyDir" | "featuresDir">;
  now?: () => Date;
  sessionId?: string;
  /** Compound events (a new session appends session_started). */
  events?: import("./auto-events.ts").AutoEvents;
}

/** What `wf-task init --json` prints. */
export interface InitReport {
  /** No progress file was there, or it was another feature's. */
  first_session: boolean;
  /** Anything was created or changed; false on a repeated run. */
  changed: boolean;
  feature: string;
  role: string;
  progress_file: string;
  workspace: string;
  /** Folders and files created, relative to the root. */
  created: string[];
  /** Where the previous feature's progress file went. */
  archived: string | null;
  previous_feature: string | null;
  branch: string | null;
  /** Files found in the feature workspace (spec, plan …), relative to it. */
  context_files: string[];
  tasks: FeatureTask[];
  next_steps: string[];
  progress: ProgressJson;
}

/** The current git branch of `root`, or null outside git (zx, loaded only here). */
export async function gitBranch(root: string): Promise<string | null> {
  try {
    const { $ } = await import("zx");
    const r = await $({ cwd: root, quiet: true, nothrow: true })`git branch --show-current`;
    return r.exitCode === 0 ? r.stdout.trim() || "HEAD (detached)" : null;
  } catch {
    return null;
  }
}

/** The first step of a session: the progress file (another feature's archived first) and the folders it works in. */
export interface SessionOpened {
  feature: string;
  role: string;
  /** No progress file was there before. */
  had_progress: boolean;
  progress_file: string;
  progress: Awaited<ReturnType<typeof progressInit>>;
  workspace: string;
  /** Folders and files created, relative to the root. */
  created: string[];
}

/**
 * Opens a feature's session: checks the names, creates or adopts the progress file (archiving
 * another feature's), then the feature workspace and the sessions folders. Idempotent.
 */
export async function openSession(feature: string, role: string, options: InitOptions): Promise<SessionOpened> {
  checkName("feature", feature);
  checkName("role", role);
  const { paths } = options;
  const rel = (p: string) => relative(paths.root, p) || ".";
  const workspace = join(paths.featuresDir, feature);
  const created: string[] = [];
  const hadProgress = existsSync(paths.progressFile);
  const progress = await progressInit(feature, role, {
    file: paths.progressFile,
    root: paths.root,
    historyDir: paths.historyDir,
    now: options.now,
    sessionId: options.sessionId,
    events: options.events,
  });
  if (progress.created) created.push(rel(paths.progressFile));
  for (const dir of [workspace, paths.agentsDir, paths.historyDir]) {
    if (existsSync(dir)) continue;
    mkdirSync(dir, { recursive: true });
    created.push(`${rel(dir)}/`);
  }
  return { feature, role, had_progress: hadProgress, progress_file: paths.progressFile, progress, workspace, created };
}

/** What the feature's workspace already holds: its files (spec, plan …) and the tasks of this role. */
export function featureContext(session: Pick<SessionOpened, "workspace" | "role">): {
  context_files: string[];
  tasks: FeatureTask[];
} {
  return {
    context_files: readdirSync(session.workspace)
      .filter((f) => !f.startsWith("."))
      .sort(),
    tasks: featureTasks(session.workspace, session.role),
  };
}

/** The report of `init`: the session, its context, the branch, and the next steps. */
export function initReport(
  session: SessionOpened,
  context: ReturnType<typeof featureContext>,
  branch: string | null,
  root: string,
): InitReport {
  const { feature, progress } = session;
  const workspace = relative(root, session.workspace) || ".";
  const next: string[] = [];
  if (!context.context_files.some((f) => /^spec\.ya?ml$/.test(f)))
    next.push(`write the spec: \`wf-task interview ${feature}\` (or add ${workspace}/spec.yaml)`);
  if (context.tasks[0])
    next.push(`start the first task: \`wf-task progress update ${context.tasks[0].id} in_progress\``);
  else next.push('record the task you start: `wf-task progress update <task> in_progress --title "…"`');
  next.push("as you go: `wf-task progress note|file|decision|question …`; next session: `wf-task resume`");
  return {
    first_session: !session.had_progress || progress.created,
    changed: progress.changed || session.created.length > 0,
    feature,
    role: session.role,
    progress_file: session.progress_file,
    workspace: session.workspace,
    created: session.created,
    archived: progress.archived,
    previous_feature: progress.created ? progress.previousFeature : null,
    branch,
    context_files: context.context_files,
    tasks: context.tasks,
    next_steps: next,
    progress: progress.progress,
  };
}

/**
 * The initializer as one call (the `init` recipe runs the same steps one by one; `parallel start`
 * calls this for each agent's worktree): open the session, read the feature's context and branch.
 */
export async function initializeSession(feature: string, role: string, options: InitOptions): Promise<InitReport> {
  const session = await openSession(feature, role, options);
  return initReport(session, featureContext(session), await gitBranch(options.paths.root), options.paths.root);
}

/** The welcome message. */
export function renderInit(r: InitReport, root: string): string {
  const rel = (p: string) => relative(root, p) || ".";
  const lines = [`=== Session Initialized: ${r.feature} (${r.role}) ===`];
  if (!r.changed) lines.push(`Already initialized for ${r.feature} (${r.role}): nothing changed.`);
  else if (r.first_session) lines.push(`First session for ${r.feature}.`);
  else lines.push(`Role set to ${r.role}.`);
  if (r.archived) lines.push(`Previous feature ${r.previous_feature}'s progress archived to ${rel(r.archived)}.`);
  if (r.created.length) lines.push(`Created: ${r.created.join(", ")}`);
  lines.push(`Progress file: ${rel(r.progress_file)}`);
  lines.push(`Branch: ${r.branch ?? "(not a git repository)"}`);
  lines.push(
    `Feature workspace: ${rel(r.workspace)}/ — ${r.context_files.length ? r.context_files.join(", ") : "empty"}`,
  );
  if (r.tasks.length) {
    lines.push(
      "Tasks found:",
      ...r.tasks.slice(0, 5).map((t) => `  - ${t.id}${t.title ? `: ${t.title}` : ""} (${t.source})`),
    );
    if (r.tasks.length > 5) lines.push(`  … and ${r.tasks.length - 5} more`);
  }
  lines.push("Next:", ...r.next_steps.map((s, i) => `  ${i + 1}. ${s}`));
  return lines.join("\n");
}
