import { suite } from "uvu";
import * as assert from "uvu/assert";
import { rmSync } from "node:fs";
import { git, gitRepo, json, runCli, writeFiles } from "../_support/index.ts";
import { diagnose } from "../../lib/parallel/diagnose.ts";
import { startParallel } from "../../lib/parallel/start.ts";
import { killSession, type TmuxTarget } from "../../lib/parallel/tmux.ts";
import { killServer, project, testEnv } from "./_helpers.ts";

const diag = suite("monitor diagnose");
const servers: TmuxTarget[] = [];
diag.after.each(() => {
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

diag("a healthy run: exit 0, every check ok", async () => {
  const { env, repo } = await running(["backend", "qa"]);
  const r = await runCli(["monitor", "diagnose", "--json"], { cwd: repo, env });
  assert.is(r.code, 0, r.stdout + r.stderr);
  const out = json(r);
  assert.ok(out.ok);
  assert.equal(
    out.agents.map((a: any) => a.role),
    ["backend", "qa"],
  );
  assert.equal(
    out.agents[0].checks.map((c: any) => c.name),
    ["worktree", "branch", "pane", "port", "progress"],
  );
  assert.equal(out.problems, []);
});

diag("a dead pane, a missing worktree and branch, an unreadable progress file: exit 1, each with a hint", async () => {
  const { env, repo, p, t, started } = await running(["backend", "qa"]);
  const [backend, qa] = started.agents;
  writeFiles(backend!.worktree, {
    ".ai/project/sessions/claude-progress.txt": "# Claude Progress\n\n## Current State\n- status: nonsense-state\n",
  });
  git(repo, "worktree", "remove", "--force", qa!.worktree);
  git(repo, "branch", "-D", qa!.branch);
  await killSession(t, "workflow-auth");
  const r = await diagnose(p, { tmux: t });
  assert.not.ok(r.ok);
  const failed = (role: string) => r.problems.filter((x) => x.role === role).map((x) => x.check);
  assert.ok(failed("qa").includes("worktree"), JSON.stringify(r.problems));
  assert.ok(failed("qa").includes("branch"));
  assert.ok(failed("backend").includes("pane"));
  for (const x of r.problems) assert.ok(x.hint);
  const cli = await runCli(["monitor", "diagnose"], { cwd: repo, env });
  assert.is(cli.code, 1);
  assert.match(cli.stdout, /hint: /);
  rmSync(backend!.worktree, { recursive: true, force: true });
});

diag("no runs: exit 0 and says so; a bad --feature is exit 2", async () => {
  const repo = gitRepo();
  const env = testEnv();
  const r = await runCli(["monitor", "diagnose"], { cwd: repo, env });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /no parallel runs/);
  assert.is((await runCli(["monitor", "diagnose", "--feature", "../x"], { cwd: repo, env })).code, 2);
});

diag.run();
