import { WfError } from "../core/errors.ts";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { SEARCH_PLACES, LEGACY_CONFIG } from "../config/load.ts";
import { projectPaths } from "../config/paths.ts";
import { gitRaw } from "./git.ts";
import { gitEach } from "./git-batch.ts";
import { worktreeGitDir } from "./setup.ts";
import { listeningPorts } from "./port-probe.ts";
import type { ParallelProject } from "./project.ts";
import { listRunsReporting, type RunAgent, type RunState } from "./runs.ts";
import { listPanes, type PaneInfo, type TmuxTarget } from "./tmux.ts";
import { radar, renderRadar, type RadarReport } from "./radar.ts";

/** An agent's state, derived from facts (pane, progress file, git), never from its screen. */
export type MonitorState = "active" | "blocked" | "completed" | "idle" | "dead";

/** One agent as `monitor --json` shows it. */
export interface AgentStatus {
  feature: string;
  session: string;
  role: string;
  worktree: string;
  worktree_exists: boolean;
  branch: string | null;
  port: number | null;
  port_listening: boolean;
  pane_id: string | null;
  /** The pane exists and its agent command has not ended. */
  pane_alive: boolean;
  /** Exit code of the agent command when it has ended. */
  agent_exit: number | null;
  progress_status: string | null;
  current_task: string | null;
  blockers: string[];
  tasks_total: number;
  tasks_completed: number;
  /** Set when the progress file exists but cannot be read. */
  progress_error: string | null;
  last_commit: string | null;
  last_change: string | null;
  /** The latest of last commit, last file change and last progress update. */
  last_activity: string | null;
  state: MonitorState;
}

/** `monitor --json`. */
export interface MonitorReport {
  generated_at: string;
  runs: {
    feature: string;
    session: string;
    session_alive: boolean;
    agents: number;
    states: Record<MonitorState, number>;
  }[];
  agents: AgentStatus[];
  /** The conflict radar (null with `radar: false`). */
  radar: RadarReport | null;
  /** Run files that do not parse (left as they are), each with its error; the other runs are still shown. */
  unreadable_runs: { file: string; message: string }[];
}

export interface MonitorOptions {
  tmux: TmuxTarget;
  /** Only this feature's run. */
  feature?: string;
  now?: Date;
  /** No activity for this long → idle (default 10). */
  idleMinutes?: number;
  /** Compute the conflict radar (default true). */
  radar?: boolean;
}

/** The state of an agent from its facts: completed > dead > blocked > active > idle. */
export function deriveState(
  facts: {
    progress_status: string | null;
    pane_alive: boolean;
    worktree_exists: boolean;
    blockers: string[];
    last_activity: string | null;
  },
  now: Date,
  idleMinutes = 10,
): MonitorState {
  if (facts.progress_status === "completed") return "completed";
  if (!facts.pane_alive || !facts.worktree_exists) return "dead";
  if (facts.progress_status === "blocked" || facts.blockers.length > 0) return "blocked";
  if (facts.last_activity && now.getTime() - Date.parse(facts.last_activity) <= idleMinutes * 60_000) return "active";
  return "idle";
}

const CONFIG_NAMES = [...SEARCH_PLACES, LEGACY_CONFIG];

/** A file's text, or null when there is none. */
function textOrNull(file: string): string | null {
  // A stat that answers "none" without an exception: most of these files do not exist, and a thrown ENOENT costs more than the read.
  return statSync(file, { throwIfNoEntry: false }) ? readFileSync(file, "utf8") : null;
}

/**
 * A lookup of the config files a checkout may have (the text, or null where there is none). One
 * listing of the checkout's top folder answers for the names it does not hold, so only the files
 * that are there (or whose folder is) cost a stat and a read.
 */
function configLookup(checkout: string): (name: string) => string | null {
  let names: Set<string> | null = null;
  try {
    names = new Set(readdirSync(checkout));
  } catch {
    // Unlistable: every name is looked up on its own.
  }
  return (name) => (names && !names.has(name.split("/")[0]!) ? null : textOrNull(join(checkout, name)));
}

/** The text of each config file a checkout may have (null where there is none), in CONFIG_NAMES order. */
export function configTexts(checkout: string): (string | null)[] {
  return CONFIG_NAMES.map(configLookup(checkout));
}

/**
 * The progress file of a worktree: the main config's path, unless the worktree's own config differs.
 * `main` is `configTexts(project.root)` when the caller asks for many worktrees (read once).
 */
export async function progressFileOf(
  project: ParallelProject,
  worktree: string,
  main: (string | null)[] = configTexts(project.root),
): Promise<string> {
  const mine = configLookup(worktree);
  const differs = CONFIG_NAMES.some((name, i) => mine(name) !== main[i]);
  if (differs) {
    return (await project.at(worktree)).paths.progressFile;
  }
  const rel = relative(project.root, project.paths.progressFile);
  return rel.startsWith("..") ? project.paths.progressFile : join(worktree, rel);
}

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : null);

/** Every branch's tip and commit time, from one `git for-each-ref` (worktrees share the refs). */
interface BranchRefs {
  tips: Map<string, string>;
  /** Committer time (unix seconds) of each branch's tip. */
  times: Map<string, number>;
}

// `--no-optional-locks`: never take the agent's index.lock to write a refreshed index (its own commit could fail on it).
const STATUS_ARGS = ["--no-optional-locks", "status", "--porcelain=v1", "-z", "--untracked-files=all"];

async function branchRefs(project: ParallelProject): Promise<BranchRefs | null> {
  const r = await gitRaw(
    project.root,
    ["for-each-ref", "--format=%(objectname) %(committerdate:unix) %(refname)", "refs/heads/"],
    project.env,
  );
  if (r.code !== 0) return null;
  const refs: BranchRefs = { tips: new Map(), times: new Map() };
  for (const line of r.stdout.split("\n")) {
    const m = /^(\S+) (\d*) refs\/heads\/(.+)$/.exec(line);
    if (!m) continue;
    refs.tips.set(m[3]!, m[1]!);
    if (m[2]) refs.times.set(m[3]!, Number(m[2]));
  }
  return refs;
}

async function gitFacts(
  project: ParallelProject,
  worktree: string,
  refs: BranchRefs | null,
  statusOut: string | undefined,
): Promise<{ branch: string | null; lastCommit: number | undefined; lastChange: number | undefined }> {
  let branch: string | null = null;
  try {
    const gitDir = worktreeGitDir(worktree);
    const m = gitDir ? /^ref: refs\/heads\/(.+)$/m.exec(readFileSync(join(gitDir, "HEAD"), "utf8")) : null;
    branch = m ? m[1]!.trim() : null;
  } catch {
    // Detached or unreadable: no branch.
  }
  // The last commit's time comes from `for-each-ref` when HEAD is a branch; `git log` only when detached (or unborn).
  const known = branch !== null ? refs?.times.get(branch) : undefined;
  const [log, status] = await Promise.all([
    known !== undefined
      ? Promise.resolve({ stdout: String(known) })
      : gitRaw(worktree, ["log", "-1", "--format=%ct"], project.env),
    statusOut !== undefined ? Promise.resolve({ stdout: statusOut }) : gitRaw(worktree, STATUS_ARGS, project.env),
  ]);
  let lastChange: number | undefined;
  const fields = status.stdout.split("\0");
  for (let i = 0, n = 0; i < fields.length && n < 500; i++, n++) {
    const f = fields[i]!;
    if (f.length < 4) continue;
    if (f[0] === "R" || f[0] === "C") i++;
    try {
      const m = statSync(join(worktree, f.slice(3))).mtimeMs;
      if (!lastChange || m > lastChange) lastChange = m;
    } catch {
      // Deleted files have no time.
    }
  }
  const ct = Number(log.stdout.trim());
  return { branch, lastCommit: ct ? ct * 1000 : undefined, lastChange };
}

async function agentStatus(
  project: ParallelProject,
  run: RunState,
  agent: RunAgent,
  panes: PaneInfo[],
  options: MonitorOptions,
  now: Date,
  refs: BranchRefs | null,
  statuses: Promise<Map<string, string>>,
  portsUp: Promise<Set<number>>,
  mainConfig: (string | null)[],
): Promise<AgentStatus> {
  const exists = existsSync(agent.worktree);
  const pane =
    panes.find((p) => p.session === run.session && p.pane_id === agent.pane_id) ??
    panes.find((p) => p.session === run.session && p.role === agent.role);
  const progressFile = exists ? await progressFileOf(project, agent.worktree, mainConfig) : null;
  const [facts, listening, progress] = await Promise.all([
    exists
      ? statuses.then((known) => gitFacts(project, agent.worktree, refs, known.get(agent.worktree)))
      : Promise.resolve({ branch: null, lastCommit: undefined, lastChange: undefined }),
    agent.port ? portsUp.then((up) => up.has(agent.port!)) : Promise.resolve(false),
    progressFile
      ? import("../harness/progress.ts")
          .then((m) => m.readProgressFile(progressFile))
          .then(
            (p) => ({ p, error: null as string | null }),
            (e: Error) => ({ p: null, error: e.message }),
          )
      : Promise.resolve({ p: null, error: null }),
  ]);
  let progressTime: number | undefined;
  try {
    if (progressFile) progressTime = statSync(progressFile).mtimeMs;
  } catch {
    // No progress file yet.
  }
  const times = [facts.lastCommit, facts.lastChange, progressTime].filter((t): t is number => t !== undefined);
  const p = progress.p;
  const base = {
    feature: run.feature,
    session: run.session,
    role: agent.role,
    worktree: agent.worktree,
    worktree_exists: exists,
    branch: facts.branch ?? agent.branch,
    port: agent.port,
    port_listening: listening,
    pane_id: pane?.pane_id ?? null,
    pane_alive: Boolean(pane && !pane.dead && pane.agent_exit === null),
    agent_exit: pane?.agent_exit ?? null,
    progress_status: p?.status ?? null,
    current_task: p?.current_task ?? null,
    blockers: p?.blockers ?? [],
    tasks_total: p?.tasks.length ?? 0,
    tasks_completed: p?.tasks.filter((t) => t.status === "completed").length ?? 0,
    progress_error: progress.error,
    last_commit: iso(facts.lastCommit),
    last_change: iso(facts.lastChange),
    last_activity: iso(times.length ? Math.max(...times) : undefined),
  };
  return { ...base, state: deriveState(base, now, options.idleMinutes) };
}

/** The status of every agent of every parallel run (or of one feature's run). */
export async function monitor(project: ParallelProject, options: MonitorOptions): Promise<MonitorReport> {
  const now = options.now ?? new Date();
  const listed = listRunsReporting(project);
  const runs = listed.runs.filter((r) => !options.feature || r.feature === options.feature);
  // Asked for one run whose file is corrupt: that is the answer (bad input), not an empty dashboard.
  const own = options.feature ? listed.unreadable.find((u) => u.file.endsWith(`/${options.feature}.json`)) : undefined;
  if (own && !runs.length)
    throw new WfError("E_STATE_CORRUPT", own.message, {
      where: own.file,
      hint: "fix or remove the file; wf-task will not overwrite it",
    });
  const targets = new Map<string, TmuxTarget>();
  for (const r of runs) targets.set(r.socket ?? "", r.socket ? { ...options.tmux, socket: r.socket } : options.tmux);
  // One `for-each-ref` for every agent's last commit and for the radar's tips, and every
  // worktree's `git status` through a few shells (gitEach), not a process each from here; both
  // started first so that tmux, the port probes and the progress files are read meanwhile.
  const trees = [...new Set(runs.flatMap((r) => r.agents.map((a) => a.worktree)).filter((w) => existsSync(w)))];
  const refsAsked = runs.length ? branchRefs(project) : Promise.resolve(null);
  const statusesAsked = gitEach(
    trees.map((cwd) => ({ cwd, args: STATUS_ARGS })),
    project.env,
  ).then(
    (list) => new Map(list.flatMap((r, i) => (r.code === 0 ? [[trees[i]!, r.stdout] as const] : []))),
    () => new Map<string, string>(),
  );
  // Every agent's port at once: one read of the socket tables on Linux, not two connections per agent.
  const listening = listeningPorts(runs.flatMap((r) => r.agents.flatMap((a) => (a.port ? [a.port] : []))));
  const paneLists = await Promise.all(
    [...targets.entries()].map(async ([socket, t]) =>
      runs.length ? (await listPanes(t)).map((p) => ({ ...p, socket })) : [],
    ),
  );
  const panes = paneLists.flat();
  const refs = await refsAsked;
  const radarReport =
    options.radar === false || !runs.length
      ? Promise.resolve(null)
      : radar(project, runs, refs ? { tips: refs.tips } : {}).catch((e: Error): RadarReport => ({
          available: false,
          git_version: null,
          message: `the radar failed: ${e.message.split("\n")[0]}`,
          pairs: [],
          behind: [],
          computed: 0,
          reused: 0,
          warnings: [],
        }));
  const agents: AgentStatus[] = [];
  const rows: MonitorReport["runs"] = [];
  const mainConfig = configTexts(project.root);
  // Every agent of every run at once.
  const lists = await Promise.all(
    runs.map((run) => {
      const mine = panes.filter((p) => p.socket === (run.socket ?? ""));
      return Promise.all(
        run.agents.map((a) =>
          agentStatus(project, run, a, mine, options, now, refs, statusesAsked, listening, mainConfig),
        ),
      );
    }),
  );
  runs.forEach((run, i) => {
    const mine = panes.filter((p) => p.socket === (run.socket ?? ""));
    const list = lists[i]!;
    agents.push(...list);
    const states = { active: 0, blocked: 0, completed: 0, idle: 0, dead: 0 } as Record<MonitorState, number>;
    for (const a of list) states[a.state]++;
    rows.push({
      feature: run.feature,
      session: run.session,
      session_alive: mine.some((p) => p.session === run.session),
      agents: list.length,
      states,
    });
  });
  return {
    generated_at: now.toISOString(),
    runs: rows,
    agents,
    radar: await radarReport,
    unreadable_runs: listed.unreadable,
  };
}

function ago(isoTime: string | null, now: Date): string {
  if (!isoTime) return "—";
  const s = Math.max(0, Math.round((now.getTime() - Date.parse(isoTime)) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

const MARK: Record<MonitorState, string> = { active: "●", blocked: "■", completed: "✓", idle: "○", dead: "✗" };
const COLOR: Record<MonitorState, string> = { active: "32", blocked: "33", completed: "36", idle: "2", dead: "31" };

/** The dashboard people read: one table per run, blockers under their agent. */
export function renderDashboard(report: MonitorReport, options: { color?: boolean; now?: Date } = {}): string {
  const now = options.now ?? new Date(report.generated_at);
  const unreadable = report.unreadable_runs.map((u) => `unreadable run file ${u.file}: ${u.message} (left as it is)`);
  if (report.runs.length === 0)
    return [
      ...unreadable,
      "no parallel runs — start one with `wf-task parallel <feature> --roles backend,frontend`",
    ].join("\n");
  const paint = (state: MonitorState, text: string) => (options.color ? `\x1b[${COLOR[state]}m${text}\x1b[0m` : text);
  const out: string[] = [];
  for (const run of report.runs) {
    const summary = (Object.entries(run.states) as [MonitorState, number][])
      .filter(([, n]) => n)
      .map(([s, n]) => `${n} ${s}`)
      .join(", ");
    out.push(
      `${run.session}  feature ${run.feature}  ${run.agents} agent(s): ${summary || "none"}${run.session_alive ? "" : "  (tmux session gone)"}`,
    );
    const header = ["ROLE", "STATE", "PORT", "PANE", "TASK", "PROGRESS", "BRANCH", "LAST ACTIVITY"];
    const rows = report.agents
      .filter((a) => a.feature === run.feature)
      .map((a) => [
        a.role,
        `${MARK[a.state]} ${a.state}`,
        a.port ? `${a.port}${a.port_listening ? " (up)" : ""}` : "—",
        a.pane_id
          ? `${a.pane_id}${a.pane_alive ? "" : a.agent_exit !== null ? ` exit ${a.agent_exit}` : " gone"}`
          : "—",
        a.current_task ?? "—",
        a.tasks_total ? `${a.tasks_completed}/${a.tasks_total}` : (a.progress_status ?? "—"),
        a.branch ?? "—",
        ago(a.last_activity, now),
      ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd();
    out.push(`  ${line(header)}`);
    report.agents
      .filter((a) => a.feature === run.feature)
      .forEach((a, i) => {
        const cells = rows[i]!;
        const text = line(cells);
        const stateStart = widths[0]! + 2;
        const stateCell = cells[1]!.padEnd(widths[1]!);
        out.push(
          `  ${text.slice(0, stateStart)}${paint(a.state, stateCell)}${text.slice(stateStart + stateCell.length)}`,
        );
        for (const b of a.blockers) out.push(`      blocker: ${b}`);
        if (a.progress_error) out.push(`      progress file: ${a.progress_error}`);
      });
    if (report.radar) {
      const lines = renderRadar(report.radar, run.feature);
      out.push(...(lines.length ? lines : ["no overlap between agents"]).map((l) => `  ${l}`));
    }
    out.push("");
  }
  out.push(...unreadable);
  return out.join("\n").trimEnd();
}
