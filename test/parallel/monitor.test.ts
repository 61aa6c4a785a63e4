import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createServer } from "node:net";
import { join } from "node:path";
import { gitRepo, json, runCli, writeFiles } from "../_support/index.ts";
import { deriveState, monitor, renderDashboard } from "../../lib/parallel/monitor.ts";
import { startParallel } from "../../lib/parallel/start.ts";
import { killSession, type TmuxTarget } from "../../lib/parallel/tmux.ts";
import { killServer, project, testEnv, until } from "./_helpers.ts";

const mon = suite("monitor");
const servers: TmuxTarget[] = [];
mon.after.each(() => {
  for (const t of servers.splice(0)) killServer(t);
});
const LOOP = "sh -c 'while :; do sleep 1; done'";

async function running(roles: string[]) {
  const env = testEnv({ SHELL: "/bin/sh" });
  const repo = gitRepo();
  const t = { env };
  servers.push(t);
  const p = await project(repo, env);
  const started = await startParallel(p, { feature: "auth", roles, agentCommand: LOOP, tmux: t });
  return { env, repo, t, p, started };
}

const progress = (status: string, extra = "") =>
  `# Claude Progress\n` +
  `\n` +
  `## Session Info\n` +
  `- session_id: s1\n` +
  `- feature: auth\n` +
  `- role: backend\n` +
  `\n` +
  `## Current State\n` +
  `- status: ${status}\n` +
  `- current_task: BE-003\n` +
  `\n` +
  `## In Progress\n` +
  `- [ ] BE-003: login endpoint (60% complete)\n` +
  `\n` +
  `## Completed This Session\n` +
  `- [x] BE-001: schema\n` +
  `\n` +
  `## Blockers\n` +
  `${extra || "- None"}\n`;

mon("detects every agent of the run, as JSON", async () => {
  const { env, repo, started } = await running(["backend", "frontend", "qa"]);
  const r = await runCli(["monitor", "--json"], { cwd: repo, env });
  assert.is(r.code, 0, r.stderr);
  const report = json(r);
  assert.equal(
    report.agents.map((a: any) => a.role),
    ["backend", "frontend", "qa"],
  );
  const a = report.agents[0];
  for (const key of [
    "feature",
    "role",
    "worktree",
    "branch",
    "port",
    "port_listening",
    "pane_alive",
    "progress_status",
    "current_task",
    "blockers",
    "last_commit",
    "last_change",
    "last_activity",
    "state",
  ])
    assert.ok(key in a, key);
  assert.is(a.port, started.agents[0]!.port);
  assert.ok(a.pane_alive);
  assert.is(report.runs[0].session, "workflow-auth");
  assert.ok(report.runs[0].session_alive);
});

mon("reports blockers and the current task from the worktree's progress file", async () => {
  const { p, t, started } = await running(["backend"]);
  writeFiles(started.agents[0]!.worktree, {
    ".ai/project/sessions/claude-progress.txt": progress("blocked", "- waiting for the API contract"),
  });
  const report = await monitor(p, { tmux: t });
  const a = report.agents[0]!;
  assert.is(a.state, "blocked");
  assert.equal(a.blockers, ["waiting for the API contract"]);
  assert.is(a.current_task, "BE-003");
  assert.equal([a.tasks_completed, a.tasks_total], [1, 2]);
  assert.match(renderDashboard(report), /blocker: waiting for the API contract/);
});

mon(
  "a worktree whose own config moves the progress file is read there (a JSON config, or the legacy YAML one)",
  async () => {
    const { p, t, started } = await running(["backend", "frontend"]);
    const [backend, frontend] = started.agents;
    writeFiles(backend!.worktree, {
      ".workflowrc.json": JSON.stringify({ harness: { progressFile: "notes/progress.txt" } }),
      "notes/progress.txt": progress("blocked", "- moved by the worktree's config"),
    });
    writeFiles(frontend!.worktree, {
      ".ai/project/config.yaml": 'version: "2.0"\n',
      ".ai/project/sessions/claude-progress.txt": progress("blocked", "- read where the main config says"),
    });
    const report = await monitor(p, { tmux: t });
    assert.equal(report.agents[0]!.blockers, ["moved by the worktree's config"]);
    assert.equal(report.agents[1]!.blockers, ["read where the main config says"]);
  },
);

mon("says completed, dead and idle from facts", async () => {
  const { p, t, started } = await running(["backend", "qa"]);
  writeFiles(started.agents[0]!.worktree, { ".ai/project/sessions/claude-progress.txt": progress("completed") });
  let report = await monitor(p, { tmux: t });
  assert.is(report.agents[0]!.state, "completed");
  assert.is(report.agents[1]!.state, "active", "just initialised");
  report = await monitor(p, { tmux: t, now: new Date(Date.now() + 3600_000) });
  assert.is(report.agents[1]!.state, "idle");
  await killSession(t, "workflow-auth");
  report = await monitor(p, { tmux: t });
  assert.is(report.agents[1]!.state, "dead");
  assert.not.ok(report.runs[0]!.session_alive);
});

mon("an agent whose command ended is dead, with its exit code", async () => {
  const env = testEnv({ SHELL: "/bin/sh" });
  const t = { env };
  servers.push(t);
  const p = await project(gitRepo(), env);
  await startParallel(p, { feature: "f", roles: ["a"], agentCommand: "sh -c 'exit 4'", tmux: t });
  await until(async () => (await monitor(p, { tmux: t })).agents[0]!.agent_exit === 4);
  assert.is((await monitor(p, { tmux: t })).agents[0]!.state, "dead");
});

mon("sees whether the agent's port is listening", async () => {
  const { p, t, started } = await running(["backend"]);
  const server = createServer().listen(started.agents[0]!.port!, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  try {
    assert.ok((await monitor(p, { tmux: t })).agents[0]!.port_listening);
  } finally {
    server.close();
  }
});

mon("a corrupt progress file is reported on its agent, not fatal", async () => {
  const { p, t, started } = await running(["backend"]);
  writeFiles(started.agents[0]!.worktree, {
    ".ai/project/sessions/claude-progress.txt": "## Current State\n- status: dancing\n",
  });
  const a = (await monitor(p, { tmux: t })).agents[0]!;
  assert.ok(a.progress_error, "the error is shown");
});

mon("derives the state in a fixed order", () => {
  const now = new Date("2025-01-01T12:00:00Z");
  const base = {
    progress_status: "in_progress",
    pane_alive: true,
    worktree_exists: true,
    blockers: [] as string[],
    last_activity: "2025-01-01T11:58:00Z",
  };
  assert.is(deriveState(base, now), "active");
  assert.is(deriveState({ ...base, blockers: ["x"] }, now), "blocked");
  assert.is(deriveState({ ...base, pane_alive: false, blockers: ["x"] }, now), "dead");
  assert.is(deriveState({ ...base, pane_alive: false, progress_status: "completed" }, now), "completed");
  assert.is(deriveState({ ...base, last_activity: "2025-01-01T10:00:00Z" }, now), "idle");
});

mon("with no runs, says how to start one; --watch --times redraws", async () => {
  const env = testEnv();
  const repo = gitRepo();
  const r = await runCli(["monitor"], { cwd: repo, env });
  assert.match(r.stdout, /no parallel runs/);
  const w = await runCli(["monitor", "--watch", "--times", "2", "--interval", "0.05", "--json"], { cwd: repo, env });
  assert.is(w.stdout.trim().split("\n").length, 2, "one JSON line per redraw");
});

mon("parallel status is the monitor of one run", async () => {
  const { env, repo } = await running(["backend"]);
  const r = await runCli(["parallel", "status", "auth"], { cwd: repo, env });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /workflow-auth {2}feature auth/);
  assert.match(r.stdout, /backend/);
  assert.is((await runCli(["parallel", "status", "other"], { cwd: repo, env })).code, 1);
});

mon.run();
