import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CLI, GIT_ENV, git, gitRepo, json, runBuilt, tempDir } from "../_support/index.ts";

const e2e = suite("parallel (built CLI)");

function env(): Record<string, string | undefined> {
  const start = 30000 + Math.floor(Math.random() * 3000) * 10;
  const e: Record<string, string | undefined> = {
    ...process.env,
    ...GIT_ENV,
    TMUX_TMPDIR: tempDir("wf-tmux-"),
    SHELL: "/bin/sh",
    PORT_RANGE_START: String(start),
    PORT_RANGE_END: String(start + 9),
  };
  delete e.TMUX;
  return e;
}

e2e("parallel with two roles runs, shows both agents in monitor --json, and stop leaves nothing behind", () => {
  const repo = gitRepo();
  const e = env();
  try {
    const agent = "sh -c 'while :; do echo working as $AGENT_ROLE; sleep 1; done'";
    const started = runBuilt(
      ["parallel", "shop", "--roles", "api,web_v2", "--agent-command", agent, "--no-attach", "--json"],
      { cwd: repo, env: e },
    );
    assert.is(started.code, 0, started.stderr);
    const plan = json(started);
    assert.equal(
      plan.agents.map((a: any) => a.role),
      ["api", "web_v2"],
    );
    assert.is(plan.attach, "tmux attach -t workflow-shop");

    const mon = runBuilt(["monitor", "--json"], { cwd: repo, env: e });
    assert.is(mon.code, 0, mon.stderr);
    const report = json(mon);
    assert.equal(
      report.agents.map((a: any) => [a.role, a.pane_alive, a.port]),
      plan.agents.map((a: any) => [a.role, true, a.port]),
    );
    // Each worktree got its first session from `wf-task init`: the monitor reads its progress file.
    assert.equal(
      report.agents.map((a: any) => a.progress_status),
      ["pending", "pending"],
    );

    const stopped = runBuilt(["parallel", "stop", "shop", "--json"], { cwd: repo, env: e });
    assert.is(stopped.code, 0, `${stopped.stdout}${stopped.stderr}`);
    assert.equal(
      git(repo, "worktree", "list", "--porcelain")
        .split("\n")
        .filter((l) => l.startsWith("worktree ")).length,
      1,
      "only the main checkout",
    );
    assert.is(git(repo, "branch", "--list", "feature/shop-*"), "", "no branch left");
    assert.equal(json(runBuilt(["ports", "list", "--json"], { cwd: repo, env: e })), {});
    assert.not.ok(existsSync(join(repo, ".worktrees")));
    assert.not.ok(existsSync(join(repo, ".ai/project/sessions/parallel/shop.json")));
    assert.equal(json(runBuilt(["tmux", "list", "--json"], { cwd: repo, env: e })), []);
    assert.is(
      git(repo, "status", "--porcelain", "--untracked-files=all")
        .split("\n")
        .filter(
          (l) =>
            l &&
            !l.includes(".ai/project/sessions/port_allocations.json") &&
            !l.includes(".ai/project/metrics/events.jsonl"),
        ).length,
      0,
      "only the port file and the compound events (session_started per agent) stay",
    );
  } finally {
    runBuilt(["tmux", "kill", "workflow-shop"], { cwd: repo, env: e });
  }
});

e2e("10 concurrent `ports allocate` processes get 10 distinct ports", async () => {
  const repo = gitRepo();
  const e = env();
  const outs = await Promise.all(
    Array.from(
      { length: 10 },
      (_, i) =>
        new Promise<string>((resolve) => {
          const child = spawn(process.execPath, [CLI, "ports", "allocate", `agent${i}`], {
            cwd: repo,
            env: e as NodeJS.ProcessEnv,
          });
          let out = "";
          child.stdout.on("data", (d) => (out += d));
          child.on("close", () => resolve(out.trim()));
        }),
    ),
  );
  assert.is(new Set(outs).size, 10, outs.join(","));
  for (const o of outs) assert.match(o, /^\d+$/);
  const state = JSON.parse(readFileSync(join(repo, ".ai/project/sessions/port_allocations.json"), "utf8"));
  assert.is(Object.keys(state.allocations).length, 10);
});

e2e("bad names are refused with exit 2 by the built CLI, nothing created", () => {
  const repo = gitRepo();
  const e = env();
  for (const bad of ["../x", "a b", "$(id)"]) {
    assert.is(runBuilt(["parallel", bad, "--roles", "api", "--no-attach"], { cwd: repo, env: e }).code, 2);
    assert.is(runBuilt(["parallel", "shop", "--roles", `api,${bad}`, "--no-attach"], { cwd: repo, env: e }).code, 2);
  }
  assert.is(runBuilt(["parallel", "shop", "--roles", "-rf", "--no-attach"], { cwd: repo, env: e }).code, 2);
  assert.not.ok(existsSync(join(repo, ".worktrees")));
  assert.not.ok(existsSync(join(repo, ".ai")));
});

e2e.run();
