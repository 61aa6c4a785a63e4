import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { git, gitRepo, json, runCli, tempDir, writeFiles } from "../_support/index.ts";
import { startParallel, stopParallel } from "../../lib/parallel/start.ts";
import { readRun } from "../../lib/parallel/runs.ts";
import { hasSession, listPanes, newSession, type TmuxTarget } from "../../lib/parallel/tmux.ts";
import { listPorts } from "../../lib/parallel/ports.ts";
import { killServer, project, testEnv, until } from "./_helpers.ts";

const start = suite("startParallel");
const servers: TmuxTarget[] = [];
start.after.each(() => {
  for (const t of servers.splice(0)) killServer(t);
});
async function fixture() {
  const env = testEnv({ SHELL: "/bin/sh" });
  const repo = gitRepo();
  const t = { env };
  servers.push(t);
  return { env, repo, t, p: await project(repo, env) };
}
const LOOP = "sh -c 'while :; do echo agent $AGENT_ROLE port $AGENT_PORT; sleep 1; done'";

start("gives each role a worktree, a port, an init and a pane running the agent", async () => {
  const { env, repo, t, p } = await fixture();
  const r = await startParallel(p, { feature: "auth", roles: ["backend", "frontend"], agentCommand: LOOP, tmux: t });
  assert.is(r.session, "workflow-auth");
  assert.equal(
    r.agents.map((a) => a.role),
    ["backend", "frontend"],
  );
  for (const a of r.agents) {
    assert.ok(existsSync(a.worktree));
    assert.is(a.branch, `feature/auth-${a.role}`);
    assert.ok(a.pane_id);
  }
  assert.equal(Object.keys(listPorts(p)), ["backend", "frontend"]);
  assert.ok(
    existsSync(join(repo, ".worktrees/backend/.ai/project/sessions/claude-progress.txt")),
    "wf-task init ran in the worktree",
  );
  await until(async () =>
    (await runCli(["tmux", "output", "workflow-auth", "frontend"], { env })).stdout.includes(
      `agent frontend port ${r.agents[1]!.port}`,
    ),
  );
  assert.equal(
    readRun(p, "auth")!.agents.map((a) => a.role),
    ["backend", "frontend"],
  );
});

start("running it again resumes, adding a new role without failing", async () => {
  const { t, p } = await fixture();
  const first = await startParallel(p, { feature: "auth", roles: ["backend"], agentCommand: LOOP, tmux: t });
  const again = await startParallel(p, { feature: "auth", roles: ["backend", "qa"], tmux: t });
  assert.ok(again.resumed);
  assert.is(again.agents[0]!.pane_id, first.agents[0]!.pane_id);
  assert.is(again.agents[0]!.port, first.agents[0]!.port);
  assert.not.ok(again.agents[0]!.created);
  assert.equal(
    (await listPanes(t, "workflow-auth")).map((x) => x.role),
    ["backend", "qa"],
  );
  assert.is(again.agent_command, LOOP, "the run keeps its agent command");
});

start("a team that commits its progress file: each worktree's session is its own feature and role", async () => {
  const { repo, t, p } = await fixture();
  const file = ".ai/project/sessions/claude-progress.txt";
  // the base's progress file: an earlier feature, landed
  assert.is((await runCli(["init", "checkout", "backend"], { cwd: repo })).code, 0);
  await runCli(["progress", "update", "sub", "completed", "--title", "Subtraction"], { cwd: repo });
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "--no-verify", "-m", "the team's progress");
  const r = await startParallel(p, { feature: "pay", roles: ["api", "qa"], agentCommand: LOOP, tmux: t });
  assert.equal(
    r.agents.map((a) => a.init),
    ["ok", "ok"],
  );
  for (const role of ["api", "qa"]) {
    const text = readFileSync(join(repo, ".worktrees", role, file), "utf8");
    assert.match(text, "- feature: pay\n");
    assert.match(text, `- role: ${role}\n`);
    assert.not.match(text, "Subtraction", "the earlier feature's file was archived, not carried on");
  }
  // the same feature, another role: the file is the team's, the role this agent's
  await runCli(["init", "pay", "lead"], { cwd: repo });
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "--no-verify", "-m", "pay's progress");
  const more = await startParallel(p, { feature: "pay", roles: ["api", "qa", "docs"], tmux: t });
  assert.equal(
    more.agents.map((a) => a.init),
    ["skipped (already initialised)", "skipped (already initialised)", "ok"],
  );
  assert.match(readFileSync(join(repo, ".worktrees/docs", file), "utf8"), "- role: docs\n");
});

start("an agent command not on PATH keeps the pane open with a clear message", async () => {
  const { env, t, p } = await fixture();
  const r = await startParallel(p, { feature: "f", roles: ["a"], agentCommand: "no-such-agent --flag", tmux: t });
  assert.match(r.warnings.join("\n"), /no-such-agent` is not on PATH/);
  await until(async () =>
    (await runCli(["tmux", "output", "workflow-f", "a"], { env })).stdout.includes(
      "agent command not found on PATH: no-such-agent",
    ),
  );
  // the wrapper prints, then records its exit code on the pane: a moment later
  await until(async () => (await listPanes(t, "workflow-f"))[0]?.agent_exit === 127);
  const pane = (await listPanes(t, "workflow-f"))[0]!;
  assert.is(pane.agent_exit, 127);
  assert.not.ok(pane.dead, "the pane stays open");
});

start("a failure half-way rolls back what this run created", async () => {
  const { repo, t, p } = await fixture();
  git(repo, "branch", "feature/f-b");
  git(repo, "worktree", "add", "-q", join(tempDir(), "elsewhere"), "feature/f-b");
  let failed = false;
  try {
    await startParallel(p, { feature: "f", roles: ["a", "b"], agentCommand: LOOP, tmux: t });
  } catch (error: any) {
    failed = true;
    assert.match(error.message, /could not create the worktree of b/);
  }
  assert.ok(failed, "the start fails on the second role");
  assert.not.ok(existsSync(join(repo, ".worktrees/a")), "the first role's worktree is gone");
  assert.is(git(repo, "branch", "--list", "feature/f-a"), "");
  assert.equal(listPorts(p), {});
  assert.not.ok(await hasSession(t, "workflow-f"));
  assert.is(readRun(p, "f"), null);
});

start("a failed git worktree add of the first role leaves no session, run, port or folder behind", async () => {
  const { repo, t, p } = await fixture();
  // The checks pass (the branch exists, the folder does not); git refuses the branch checked out elsewhere,
  // while the session opened alongside the add is on its way.
  git(repo, "branch", "feature/f-a");
  git(repo, "worktree", "add", "-q", join(tempDir(), "elsewhere"), "feature/f-a");
  let failed = false;
  try {
    await startParallel(p, { feature: "f", roles: ["a"], agentCommand: LOOP, tmux: t });
  } catch (error: any) {
    failed = true;
    assert.match(error.message, /could not create the worktree of a/);
  }
  assert.ok(failed);
  assert.not.ok(await hasSession(t, "workflow-f"), "the session opened alongside is killed");
  assert.is(readRun(p, "f"), null);
  assert.equal(listPorts(p), {});
  assert.not.ok(existsSync(join(repo, ".worktrees/a")));
});

start("the first agent starts only once its worktree is checked out and initialised", async () => {
  const { env, t, p } = await fixture();
  const probe =
    "sh -c 'if [ -f README.md ] && [ -f .ai/project/sessions/claude-progress.txt ]; then echo agent-ready; else echo agent-early; fi; sleep 60'";
  await startParallel(p, { feature: "f", roles: ["a", "b"], agentCommand: probe, tmux: t });
  for (const role of ["a", "b"])
    await until(async () =>
      /agent-(ready|early)/.test((await runCli(["tmux", "output", "workflow-f", role], { env })).stdout),
    );
  for (const role of ["a", "b"])
    assert.match((await runCli(["tmux", "output", "workflow-f", role], { env })).stdout, /agent-ready/, role);
  assert.equal(
    (await listPanes(t, "workflow-f")).map((x) => x.role),
    ["a", "b"],
  );
});

start("a pane held by a start that was cut short runs its agent when the start is run again", async () => {
  const { env, repo, t, p } = await fixture();
  await newSession(t, "workflow-f", [{ role: "a", cwd: repo, command: ["sh", "-c", "echo agent-let-go; sleep 60"] }], {
    gate: "wf-test-gate",
  });
  await new Promise((r) => setTimeout(r, 300));
  assert.not.match((await runCli(["tmux", "output", "workflow-f", "a"], { env })).stdout, /agent-let-go/, "held");
  await startParallel(p, { feature: "f", roles: ["a"], agentCommand: LOOP, tmux: t });
  await until(async () =>
    (await runCli(["tmux", "output", "workflow-f", "a"], { env })).stdout.includes("agent-let-go"),
  );
});

start("stop kills the session, cleans up and releases ports, keeping a worktree with unsaved work", async () => {
  const { repo, env, t, p } = await fixture();
  await startParallel(p, { feature: "auth", roles: ["backend", "qa"], agentCommand: LOOP, tmux: t });
  writeFiles(join(repo, ".worktrees/qa"), { "unsaved.ts": "work" });
  const r = await runCli(["parallel", "stop", "auth", "--json"], { cwd: repo, env });
  assert.is(r.code, 1);
  const out = json(r);
  assert.ok(out.session_killed);
  assert.equal(out.kept, ["qa"]);
  assert.not.ok(existsSync(join(repo, ".worktrees/backend")));
  assert.ok(existsSync(join(repo, ".worktrees/qa/unsaved.ts")));
  assert.equal(Object.keys(listPorts(p)), ["qa"]);
  assert.equal(
    readRun(p, "auth")!.agents.map((a) => a.role),
    ["qa"],
  );
  const forced = await stopParallel(p, "auth", { tmux: t, force: true });
  assert.ok(forced.agents[0]!.backup_ref);
  assert.is(readRun(p, "auth"), null);
  assert.equal(listPorts(p), {});
  assert.is(git(repo, "show", `${forced.agents[0]!.stash}^3:unsaved.ts`), "work");
});

start("stop of an unknown feature is exit 2", async () => {
  const { repo, env } = await fixture();
  const r = await runCli(["parallel", "stop", "nothing"], { cwd: repo, env });
  assert.is(r.code, 2);
});

start("tmux missing: exit 3 before anything is created", async () => {
  const { repo, env } = await fixture();
  const git = (await import("node:child_process"))
    .spawnSync("sh", ["-c", "command -v git"], { encoding: "utf8" })
    .stdout.trim();
  const bin = tempDir();
  (await import("node:fs")).symlinkSync(git, join(bin, "git"));
  // the checks run alongside the first worktree's: none may leave a rejection unhandled (it ends the process)
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", record);
  try {
    const r = await runCli(["parallel", "f", "--roles", "a", "--no-attach"], { cwd: repo, env: { ...env, PATH: bin } });
    assert.is(r.code, 3, r.stderr);
    assert.not.ok(existsSync(join(repo, ".worktrees")));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the first worktree's git calls end
  } finally {
    process.off("unhandledRejection", record);
  }
  assert.equal(unhandled, []);
});

start.run();
