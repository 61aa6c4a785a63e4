import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { WfError, formatError, isWfError } from "../core/errors.ts";
import { openProject, type Project } from "../core/project.ts";
import { worktreeCleanup, type CleanupResult } from "./cleanup.ts";
import { git, gitRaw } from "./git.ts";
import { checkName } from "../core/names.ts";
import { parseRoles, sessionName } from "./names.ts";
import { allocatePort, releasePort, type AllocateResult } from "./ports.ts";
import type { ParallelProject } from "./project.ts";
import { progressFileOf } from "./monitor.ts";
import { readRun, removeRun, writeRun, type RunAgent, type RunState } from "./runs.ts";
import {
  AGENT_WRAPPER,
  addPane,
  hasSession,
  killSession,
  listPanes,
  newSession,
  openGate,
  openHeldPanes,
  type PaneSpec,
  type TmuxTarget,
} from "./tmux.ts";
import { resolveBase, worktreeCreateOn, worktreePath, type CreateResult } from "./worktrees.ts";
import { recordSetupFiles, setupListings, setupWorktree, type SetupListings } from "./setup.ts";
import { onPath } from "../core/run.ts";

/**
 * The worktree's progress file is the session of `feature`/`role`. A team that commits the file gives each new
 * worktree the base's, another feature's or role's: that one is initialised like a first session (init archives
 * another feature's file, and keeps the same feature's with this role). A file that does not read is left as it is.
 */
async function ownSession(file: string, feature: string, role: string): Promise<boolean> {
  if (!existsSync(file)) return false;
  try {
    const { progressToJson, readProgressDoc } = await import("../harness/progress.ts");
    const doc = await readProgressDoc(file);
    const progress = doc && progressToJson(doc);
    return !progress || (progress.feature === feature && progress.role === role);
  } catch {
    return true;
  }
}

/** Initialises the session of `feature`/`role` in a worktree's project; returns an exit code and a message. */
export type InitRunner = (
  worktree: Project,
  feature: string,
  role: string,
) => Promise<{ code: number; output: string }>;

export interface StartOptions {
  feature: string;
  /** Default: the run's roles when it exists, else config `parallel.roles`. */
  roles?: string[];
  /** Default: the run's, else config `parallel.agentCommand`. */
  agentCommand?: string;
  base?: string;
  tmux: TmuxTarget;
  /** How to initialise each worktree (default: `wf-task init` in-process). */
  init?: InitRunner;
  /** Called with a line for each step (progress for people). */
  onStep?: (text: string) => void;
}

/** One agent of `parallel start`'s summary. */
export interface StartedAgent extends RunAgent {
  /** The worktree was made by this run (false: reused). */
  created: boolean;
  /** ok, skipped (already initialised) or a warning. */
  init: string;
}

/** What `parallel start` did (its --json shape). */
export interface StartResult {
  feature: string;
  session: string;
  /** A run existed and was resumed. */
  resumed: boolean;
  agent_command: string;
  agents: StartedAgent[];
  warnings: string[];
  /** The command to attach. */
  attach: string;
}

/**
 * The harness's initializer, run on the worktree's project: `initializeSession` without its
 * report, of which only the feature's context is read (it fails on a bad tasks file like init
 * does); the branch it names is not needed here, and asking for it loads zx and starts a shell.
 */
export const defaultInit: InitRunner = async (worktree, feature, role) => {
  const [{ openSession, featureContext }, { projectEvents }] = await Promise.all([
    import("../harness/init.ts"),
    import("../harness/context.ts"),
  ]);
  featureContext(await openSession(feature, role, { paths: worktree.paths, events: projectEvents(worktree) }));
  return { code: 0, output: "" };
};

/** Opens the worktree's project and initialises it; a WfError becomes its exit code and one-line message. */
async function initWorktree(
  init: InitRunner,
  project: ParallelProject,
  worktree: string,
  feature: string,
  role: string,
  port: number,
) {
  try {
    const env = { ...project.env, AGENT_ROLE: role, AGENT_PORT: String(port), FEATURE_ID: feature };
    return await init(await openProject(worktree, env, project.load), feature, role);
  } catch (error) {
    if (isWfError(error)) return { code: error.exitCode, output: formatError(error) };
    throw error;
  }
}

/**
 * The environment an agent gets: its role, feature and port, and a Compose project name of its
 * own (`<repo>-<feature>-<role>`), so containers of two agents never share a name.
 */
export function agentEnv(root: string, feature: string, role: string, port: number | null): Record<string, string> {
  const compose = `${basename(root)}-${feature}-${role}`
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "");
  const env: Record<string, string> = {
    WF_FEATURE: feature,
    WF_ROLE: role,
    FEATURE_ID: feature,
    AGENT_ROLE: role,
    COMPOSE_PROJECT_NAME: compose || "wf",
  };
  if (port) {
    env.AGENT_PORT = String(port);
    env.PORT = String(port);
  }
  return env;
}

function paneSpec(project: ParallelProject, run: RunState, agent: RunAgent): PaneSpec {
  const env = {
    ...agentEnv(project.root, run.feature, agent.role, agent.port),
    WF_AGENT_COMMAND: run.agent_command,
    WF_SESSION: run.session,
  };
  return { role: agent.role, cwd: agent.worktree, env, command: ["sh", "-c", AGENT_WRAPPER] };
}

/**
 * `wf-task parallel <feature>`: for each role a worktree, a port, `wf-task init`, and a pane
 * running the agent in the session `workflow-<feature>`. Re-running resumes what exists; a
 * failure half-way rolls back what this run created.
 */
export async function startParallel(project: ParallelProject, options: StartOptions): Promise<StartResult> {
  const feature = checkName("feature", options.feature);
  const session = sessionName(feature);
  const existing = readRun(project, feature);
  const roles = parseRoles(
    options.roles?.length ? options.roles : (existing?.agents.map((a) => a.role) ?? project.config.parallel.roles),
  );
  const agentCommand = options.agentCommand ?? existing?.agent_command ?? project.config.parallel.agentCommand;
  if (!agentCommand.trim())
    throw new WfError("E_USAGE", "the agent command is empty", {
      hint: "pass --agent-command or set parallel.agentCommand",
    });
  // What each new worktree will load (its guards, its session), loaded while git and tmux work.
  const init = options.init ?? defaultInit;
  if (roles.some((role) => !existsSync(worktreePath(project, role)))) {
    const preload: Promise<unknown>[] = [
      import("../enforcement/hooks.ts"),
      import("../integrations/claude-settings.ts"),
    ];
    if (init === defaultInit) preload.push(import("../harness/init.ts"), import("../harness/context.ts"));
    for (const p of preload) p.catch(() => {});
  }
  // tmux's check (whether the session is there: a missing tmux fails it) and the base's at once, and
  // with them the first worktree's own checks (its `git worktree add` waits for both); a missing tmux
  // is still the error reported first.
  const target = existing?.socket ? { ...options.tmux, socket: existing.socket } : options.tmux;
  // The base's `git rev-parse` is started once the first worktree's own checks (one shell, the longer
  // of the two, created below) have been: each process started costs the main thread several ms.
  const checks = Promise.allSettled([
    hasSession(target, session),
    new Promise((next) => setImmediate(next)).then(() => resolveBase(project, options.base ?? existing?.base)),
  ]);
  const checked = checks.then(([tmuxReady, baseResolved]) => {
    if (tmuxReady.status === "rejected") throw tmuxReady.reason;
    if (baseResolved.status === "rejected") throw baseResolved.reason;
    return { sessionThere: tmuxReady.value, base: baseResolved.value };
  });
  checked.catch(() => {});
  const first = roles.length
    ? createAlongside(
        project,
        roles[0]!,
        checked.then((c) => c.base),
        feature,
      )
    : undefined;
  const { sessionThere, base } = await checked;
  const step = options.onStep ?? (() => {});
  const warnings: string[] = [];
  if (!onPath(agentCommand, project.env))
    warnings.push(
      `agent command \`${agentCommand.trim().split(/\s+/)[0]}\` is not on PATH; each pane says so and stays open`,
    );

  const run: RunState = existing
    ? { ...existing, agent_command: agentCommand, agents: [...existing.agents] }
    : {
        version: 1,
        feature,
        session,
        base,
        agent_command: agentCommand,
        started: new Date().toISOString(),
        socket: options.tmux.socket ?? null,
        agents: [],
      };
  const made = {
    worktrees: [] as { role: string; path: string; branch: string | null }[],
    ports: [] as string[],
    session: false,
    panes: [] as string[],
  };
  const agents: StartedAgent[] = [];
  /** A guard that could not be armed → the roles it concerns (said once for all of them). */
  const guardWarnings = new Map<string, string[]>();
  /**
   * A fresh start opens the session, its first pane held, while git checks the first worktree out
   * (tmux's server starts meanwhile); the pane runs the agent once every worktree is ready.
   */
  let opening: Promise<{ gate: string; pane: string } | null> | undefined;
  const openEarly = async (role: string, one: Alongside) => {
    const folder = await one.adding;
    if (!folder) return null;
    const { port } = await one.allocate();
    const gate = `wf-start-${session}-${process.pid}-${Date.now().toString(36)}`;
    const spec = paneSpec(project, run, { role, branch: "", worktree: folder, port, pane_id: null });
    const created = await newSession(target, session, [spec], { gate });
    made.session = true;
    return { gate, pane: created.panes[0]!.pane_id };
  };
  try {
    for (const [i, role] of roles.entries()) {
      const one = i === 0 && first ? first : createAlongside(project, role, base, feature);
      if (i === 0 && !sessionThere && !run.agents.length) {
        opening = openEarly(role, one);
        opening.catch(() => {});
      }
      let wt;
      try {
        wt = await one.created;
      } finally {
        if ((await one.ported()?.catch(() => null))?.fresh) made.ports.push(role);
      }
      if (wt.created) made.worktrees.push({ role, path: wt.path, branch: wt.branch_created ? wt.branch : null });
      const port = await one.allocate();
      if (port.fresh && !made.ports.includes(role)) made.ports.push(role);
      const setup = wt.created
        ? await setupWorktree(
            project,
            wt.path,
            { ...project.env, ...agentEnv(project.root, feature, role, port.port) },
            one.listings(),
          )
        : null;
      if (setup && !setup.ok) warnings.push(`${role}: a setup command failed, see ${setup.log}`);
      for (const w of setup?.warnings ?? []) guardWarnings.set(w, [...(guardWarnings.get(w) ?? []), role]);
      step(`${role}: worktree ${wt.created ? "created" : "reused"} (${wt.branch}), port ${port.port}`);
      let initNote = "skipped (already initialised)";
      if (!(await ownSession(await progressFileOf(project, wt.path), feature, role))) {
        const r = await initWorktree(init, project, wt.path, feature, role, port.port);
        initNote = r.code === 0 ? "ok" : `exit ${r.code}: ${r.output.trim().split("\n")[0] ?? ""}`;
        await recordSetupFiles(project, wt.path);
        if (r.code !== 0)
          warnings.push(
            `${role}: wf-task init ${/E_NOT_BUILT/.test(r.output) ? "is not available" : "failed"} (${initNote})`,
          );
      }
      const prev = run.agents.find((a) => a.role === role);
      const agent: RunAgent = {
        role,
        branch: wt.branch,
        worktree: wt.path,
        port: port.port,
        pane_id: prev?.pane_id ?? null,
      };
      const at = run.agents.findIndex((a) => a.role === role);
      if (at >= 0) run.agents[at] = agent;
      else run.agents.push(agent);
      agents.push({ ...agent, created: wt.created, init: initNote });
    }
    const early = await opening;
    if (early) {
      // The session opened early: the other agents' panes, then the first one's agent let go.
      const { gate, pane } = early;
      let last = pane;
      for (const agent of run.agents) {
        if (agent.role === roles[0]) agent.pane_id = pane;
        else agent.pane_id = last = await addPane(target, session, paneSpec(project, run, agent), last);
      }
      await openGate(target, gate, pane);
    } else if (sessionThere) {
      const panes = await listPanes(target, session);
      for (const agent of run.agents) {
        const pane = panes.find((p) => p.role === agent.role);
        if (pane) agent.pane_id = pane.pane_id;
        else {
          agent.pane_id = await addPane(target, session, paneSpec(project, run, agent));
          made.panes.push(agent.pane_id);
        }
      }
      // A start cut short (killed) left a pane held before its agent: it runs now.
      await openHeldPanes(target, session);
    } else {
      const created = await newSession(
        target,
        session,
        run.agents.map((a) => paneSpec(project, run, a)),
      );
      made.session = true;
      for (const p of created.panes) run.agents.find((a) => a.role === p.role)!.pane_id = p.pane_id;
    }
    step(`tmux session ${session}: ${run.agents.length} pane(s)`);
    writeRun(project, run);
  } catch (error) {
    // A session still opening is waited for, so that the rollback finds it.
    await opening?.catch(() => {});
    await rollback(project, target, session, made);
    throw error;
  }
  for (const a of agents) a.pane_id = run.agents.find((r) => r.role === a.role)?.pane_id ?? null;
  for (const [text, who] of guardWarnings)
    warnings.push(`${who.length === roles.length && roles.length > 1 ? "every agent" : who.join(", ")}: ${text}`);
  const socket = run.socket ? `-L ${run.socket} ` : "";
  return {
    feature,
    session,
    resumed: Boolean(existing),
    agent_command: agentCommand,
    agents,
    warnings,
    attach: `tmux ${socket}attach -t ${session}`,
  };
}

/** A worktree being created, with what starts once its `git worktree add` runs. */
interface Alongside {
  created: Promise<CreateResult>;
  /** The worktree's folder once its add has started; null when it was not added (reused, or failed before). */
  adding: Promise<string | null>;
  /** The role's port (handed out once the add runs, or on first call). */
  allocate(): Promise<AllocateResult>;
  /** The port's allocation, when started. */
  ported(): Promise<AllocateResult> | undefined;
  /** The setup's questions to the main checkout, asked while the add ran. */
  listings(): SetupListings | undefined;
}

/**
 * Creates a role's worktree (setup left to the caller, which needs the port first); once `git
 * worktree add` runs, the port and the setup's questions to the main checkout start alongside it.
 */
function createAlongside(
  project: ParallelProject,
  role: string,
  base: string | Promise<string>,
  feature: string,
): Alongside {
  let ported: Promise<AllocateResult> | undefined;
  let listings: SetupListings | undefined;
  let started: (folder: string | null) => void = () => {};
  const adding = new Promise<string | null>((resolve) => (started = resolve));
  const allocate = () => {
    ported ??= allocatePort(project, role, { worktree: worktreePath(project, role) });
    ported.catch(() => {});
    return ported;
  };
  const created = worktreeCreateOn(project, role, base, {
    feature,
    setup: false,
    whileAdding: (folder) => {
      allocate();
      listings = setupListings(project);
      started(folder);
    },
  }).finally(() => started(null));
  created.catch(() => {});
  return { created, adding, allocate, ported: () => ported, listings: () => listings };
}

async function rollback(
  project: ParallelProject,
  tmux: TmuxTarget,
  session: string,
  made: {
    worktrees: { role: string; path: string; branch: string | null }[];
    ports: string[];
    session: boolean;
    panes: string[];
  },
): Promise<void> {
  const quiet = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch {
      // Best effort: the original error is what gets reported.
    }
  };
  if (made.session) await quiet(() => killSession(tmux, session));
  for (const pane of made.panes)
    await quiet(() => import("./tmux.ts").then((m) => m.tmux(tmux, ["kill-pane", "-t", pane])));
  for (const w of made.worktrees) {
    await quiet(() => git(project.root, ["worktree", "remove", "--force", w.path], project.env));
    if (w.branch) await quiet(() => gitRaw(project.root, ["branch", "-D", w.branch!], project.env));
  }
  for (const role of made.ports) await quiet(() => releasePort(project, role));
}

/** What `parallel stop` did (its --json shape). */
export interface StopResult {
  feature: string;
  session: string;
  session_killed: boolean;
  agents: CleanupResult[];
  /** Roles whose worktree was refused and kept (their port stays with them). */
  kept: string[];
}

/**
 * `wf-task parallel stop <feature>`: kills the session, cleans up each worktree with the
 * refusal rules of `worktree cleanup` (refused ones are reported and kept) and releases the
 * ports of the cleaned ones.
 */
export async function stopParallel(
  project: ParallelProject,
  feature: string,
  options: { tmux: TmuxTarget; force?: boolean; keepWorktrees?: boolean },
): Promise<StopResult> {
  checkName("feature", feature);
  const run = readRun(project, feature);
  const session = run?.session ?? sessionName(feature);
  const target = run?.socket ? { ...options.tmux, socket: run.socket } : options.tmux;
  if (!run) {
    let killed = false;
    try {
      killed = await killSession(target, session);
    } catch (error) {
      if (!isWfError(error) || error.exitCode !== 3) throw error;
    }
    if (!killed)
      throw new WfError("E_USAGE_NO_RUN", `no parallel run for feature ${feature}`, {
        hint: "see the runs with `wf-task monitor`",
      });
    return { feature, session, session_killed: true, agents: [], kept: [] };
  }
  let killed = false;
  try {
    killed = await killSession(target, session);
  } catch (error) {
    if (!isWfError(error) || error.exitCode !== 3) throw error;
  }
  const results: CleanupResult[] = [];
  if (!options.keepWorktrees) {
    for (const agent of run.agents)
      results.push(
        await worktreeCleanup(project, agent.role, { force: options.force, base: run.base, feature: run.feature }),
      );
  }
  const kept = options.keepWorktrees
    ? run.agents.map((a) => a.role)
    : results.filter((r) => r.refused).map((r) => r.role);
  if (kept.length)
    writeRun(project, {
      ...run,
      agents: run.agents.filter((a) => kept.includes(a.role)).map((a) => ({ ...a, pane_id: null })),
    });
  else removeRun(project, feature);
  return { feature, session, session_killed: killed, agents: results, kept };
}
