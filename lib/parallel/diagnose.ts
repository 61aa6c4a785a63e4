// `monitor diagnose`: a health check of the parallel runs, one line per problem with what to do (the original's monitor_diagnose).
import { runLight as exec } from "../core/run.ts";
import { monitor } from "./monitor.ts";
import type { ParallelProject } from "./project.ts";
import type { TmuxTarget } from "./tmux.ts";

export interface DiagnoseCheck {
  name: "worktree" | "branch" | "pane" | "port" | "progress";
  ok: boolean;
  detail: string;
  hint: string | null;
}

export interface DiagnoseAgent {
  feature: string;
  role: string;
  ok: boolean;
  checks: DiagnoseCheck[];
}

export interface DiagnoseReport {
  ok: boolean;
  agents: DiagnoseAgent[];
  /** Every failed check as `feature/role: detail`, with its hint. */
  problems: { feature: string; role: string; check: DiagnoseCheck["name"]; message: string; hint: string | null }[];
  /** Run files that do not parse. */
  unreadable_runs: { file: string; message: string }[];
}

async function branchExists(project: ParallelProject, branch: string): Promise<boolean> {
  const r = await exec("git", ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}`], {
    cwd: project.root,
    env: project.env,
  });
  return r.code === 0;
}

/** Checks every agent of every run (or of `feature`'s): worktree, branch, tmux pane, port, progress file. */
export async function diagnose(
  project: ParallelProject,
  options: { tmux: TmuxTarget; feature?: string },
): Promise<DiagnoseReport> {
  const report = await monitor(project, { tmux: options.tmux, feature: options.feature, radar: false });
  const agents: DiagnoseAgent[] = [];
  for (const a of report.agents) {
    const checks: DiagnoseCheck[] = [];
    checks.push(
      a.worktree_exists
        ? { name: "worktree", ok: true, detail: a.worktree, hint: null }
        : {
            name: "worktree",
            ok: false,
            detail: `worktree missing at ${a.worktree}`,
            hint: `recreate it: wf-task worktree create ${a.role}`,
          },
    );
    if (!a.branch)
      checks.push({
        name: "branch",
        ok: false,
        detail: "no branch (detached or unknown)",
        hint: `check out the agent's branch in ${a.worktree}`,
      });
    else if (await branchExists(project, a.branch))
      checks.push({ name: "branch", ok: true, detail: a.branch, hint: null });
    else
      checks.push({
        name: "branch",
        ok: false,
        detail: `branch ${a.branch} does not exist`,
        hint: `recreate it: wf-task worktree create ${a.role} --branch ${a.branch}`,
      });
    checks.push(
      a.pane_alive
        ? { name: "pane", ok: true, detail: `pane ${a.pane_id} in ${a.session}`, hint: null }
        : {
            name: "pane",
            ok: false,
            detail: a.pane_id
              ? `the agent in pane ${a.pane_id} has ended${a.agent_exit === null ? "" : ` (exit ${a.agent_exit})`}`
              : `no tmux pane for ${a.role} in ${a.session}`,
            hint: `restart it: wf-task parallel start ${a.feature} (resumes the run)`,
          },
    );
    checks.push(
      a.port === null
        ? {
            name: "port",
            ok: false,
            detail: "no port allocated",
            hint: `allocate one: wf-task ports allocate ${a.role}`,
          }
        : { name: "port", ok: true, detail: `${a.port} ${a.port_listening ? "listening" : "free"}`, hint: null },
    );
    checks.push(
      a.progress_error
        ? {
            name: "progress",
            ok: false,
            detail: `progress file unreadable: ${a.progress_error}`,
            hint: "fix or remove the worktree's progress file (wf-task progress show)",
          }
        : { name: "progress", ok: true, detail: a.progress_status ?? "no progress file yet", hint: null },
    );
    agents.push({ feature: a.feature, role: a.role, ok: checks.every((c) => c.ok), checks });
  }
  const problems = agents.flatMap((a) =>
    a.checks
      .filter((c) => !c.ok)
      .map((c) => ({ feature: a.feature, role: a.role, check: c.name, message: c.detail, hint: c.hint })),
  );
  for (const u of report.unreadable_runs)
    problems.push({
      feature: "",
      role: "",
      check: "progress",
      message: `run file ${u.file} unreadable: ${u.message}`,
      hint: "fix or remove the run file",
    });
  return { ok: problems.length === 0, agents, problems, unreadable_runs: report.unreadable_runs };
}

/** The report as text: one line per agent, then each problem with its hint. */
export function renderDiagnose(r: DiagnoseReport): string {
  if (!r.agents.length && !r.problems.length)
    return "no parallel runs to diagnose (start one with `wf-task parallel start <feature>`)";
  const lines = r.agents.map(
    (a) =>
      `${a.ok ? "✓" : "✗"} ${a.feature}/${a.role}: ${a.checks.map((c) => `${c.name} ${c.ok ? "ok" : "FAIL"}`).join(", ")}`,
  );
  for (const p of r.problems)
    lines.push(
      `  ${p.feature ? `${p.feature}/${p.role} ` : ""}${p.check}: ${p.message}${p.hint ? `\n    hint: ${p.hint}` : ""}`,
    );
  lines.push(r.ok ? "healthy" : `${r.problems.length} problem(s)`);
  return lines.join("\n");
}
