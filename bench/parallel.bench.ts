import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { commandOnce, median, ratioPair, timeCommand, type Bench } from "./_harness.ts";
import { loadConfig } from "../lib/config/load.ts";
import { openProject } from "../lib/core/project.ts";
import { parallelProject } from "../lib/parallel/project.ts";
import { worktreeCreate } from "../lib/parallel/worktrees.ts";
import { worktreeCleanup } from "../lib/parallel/cleanup.ts";

const GIT = {
  GIT_AUTHOR_NAME: "B",
  GIT_AUTHOR_EMAIL: "b@example.com",
  GIT_COMMITTER_NAME: "B",
  GIT_COMMITTER_EMAIL: "b@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
};

/** A repo of `files` small source files in nested folders: checkout cost like a small real project. */
function repo(dir: string, files: number): void {
  const git = (...args: string[]) =>
    spawnSync("git", args, { cwd: dir, env: { ...process.env, ...GIT }, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  for (let i = 0; i < files; i++) {
    const sub = join(dir, "src", `m${i % 20}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `f${i}.ts`), `export const v${i} = ${i};\n`.repeat(20));
  }
  git("add", "-A");
  git("commit", "-q", "-m", "initial");
}

/**
 * Worktree create + cleanup against raw git; `parallel start` of one role against `git worktree add`;
 * monitor --json of 8 and of 32 agents against `node -e 0`.
 */
const bench: Bench = async ({ cli, runs, tempDir }) => {
  const dir = tempDir();
  repo(dir, 1000);
  const env = { ...process.env, ...GIT };
  const project = await parallelProject(await openProject(dir, env));
  const raw = () => {
    const t = performance.now();
    spawnSync("git", ["worktree", "add", "--quiet", "-b", "raw-branch", join(dir, ".worktrees/raw"), "main"], {
      cwd: dir,
      env,
      stdio: "ignore",
    });
    spawnSync("git", ["worktree", "remove", "--force", join(dir, ".worktrees/raw")], {
      cwd: dir,
      env,
      stdio: "ignore",
    });
    spawnSync("git", ["branch", "-D", "raw-branch"], { cwd: dir, env, stdio: "ignore" });
    return performance.now() - t;
  };
  const ours = async () => {
    const t = performance.now();
    await worktreeCreate(project, "bench");
    const r = await worktreeCleanup(project, "bench");
    if (!r.removed) throw new Error("cleanup refused in the benchmark");
    return performance.now() - t;
  };
  await ours();
  raw();
  const s: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < Math.max(5, runs); i++) {
    b.push(raw());
    s.push(await ours());
  }

  // `parallel start` of one role through the CLI (worktree, port, setup, init, tmux session with the agent's pane),
  // then `parallel stop --force` untimed, against `git worktree add -b` alone, then remove + branch -D untimed.
  const sdir = tempDir();
  repo(sdir, 1000);
  const senv = { ...env, TMUX_TMPDIR: tempDir(), SHELL: "/bin/sh", PORT_RANGE_START: "39181", PORT_RANGE_END: "39190" };
  delete (senv as Record<string, unknown>).TMUX;
  const startArgs = [cli, "parallel", "solo", "--roles", "one", "--agent-command", "sleep 600", "--no-attach"];
  const startOnce = () => {
    const t = performance.now();
    const r = spawnSync(process.execPath, startArgs, { cwd: sdir, env: senv, encoding: "utf8" });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`parallel start failed: ${r.stderr}`);
    const stop = spawnSync(process.execPath, [cli, "parallel", "stop", "solo", "--force"], { cwd: sdir, env: senv });
    if (stop.status !== 0) throw new Error(`parallel stop failed: ${stop.stderr}`);
    return ms;
  };
  const addOnce = () => {
    const wt = join(sdir, ".worktrees/raw");
    const t = performance.now();
    spawnSync("git", ["worktree", "add", "--quiet", "-b", "raw-branch", wt, "main"], {
      cwd: sdir,
      env,
      stdio: "ignore",
    });
    const ms = performance.now() - t;
    spawnSync("git", ["worktree", "remove", "--force", wt], { cwd: sdir, env, stdio: "ignore" });
    spawnSync("git", ["branch", "-D", "raw-branch"], { cwd: sdir, env, stdio: "ignore" });
    return ms;
  };
  let startPair;
  let nodeMs = 0;
  try {
    // Pair by pair: the disk's speed swings within minutes here (an add of this repo 0.2–1.1 s).
    startPair = ratioPair(startOnce, addOnce, Math.max(5, runs));
    // What any Node command would reach: its own start plus the add.
    nodeMs = timeCommand(process.execPath, ["-e", "0"], { runs });
  } finally {
    spawnSync("tmux", ["kill-server"], { env: senv, stdio: "ignore" });
  }

  // monitor --json, cold, with 8 agents on a private tmux server.
  const mdir = tempDir();
  repo(mdir, 50);
  const tmuxDir = tempDir();
  const menv = { ...env, TMUX_TMPDIR: tmuxDir, SHELL: "/bin/sh", PORT_RANGE_START: "39101", PORT_RANGE_END: "39120" };
  delete (menv as Record<string, unknown>).TMUX;
  const roles = Array.from({ length: 8 }, (_, i) => `agent${i}`).join(",");
  const start = spawnSync(
    process.execPath,
    [cli, "parallel", "bench", "--roles", roles, "--agent-command", "sleep 600", "--no-attach"],
    { cwd: mdir, env: menv, encoding: "utf8" },
  );
  if (start.status !== 0) throw new Error(`parallel start failed: ${start.stderr}`);
  let monitorPair;
  try {
    monitorPair = ratioPair(
      commandOnce(process.execPath, [cli, "monitor", "--json"], { cwd: mdir, env: menv }),
      commandOnce(process.execPath, ["-e", "0"]),
      5 * runs,
    );
  } finally {
    spawnSync("tmux", ["kill-server"], { env: menv, stdio: "ignore" });
  }

  // monitor --json with 32 agents, each with a commit of its own (radar on, cache warm after the first run).
  const bigDir = tempDir();
  repo(bigDir, 50);
  const benv = { ...env, TMUX_TMPDIR: tempDir(), SHELL: "/bin/sh", PORT_RANGE_START: "39131", PORT_RANGE_END: "39170" };
  delete (benv as Record<string, unknown>).TMUX;
  const bigRoles = Array.from({ length: 32 }, (_, i) => `agent${i}`);
  const bigStart = spawnSync(
    process.execPath,
    [cli, "parallel", "bench", "--roles", bigRoles.join(","), "--agent-command", "sleep 600", "--no-attach"],
    { cwd: bigDir, env: benv, encoding: "utf8" },
  );
  if (bigStart.status !== 0) throw new Error(`parallel start (32 agents) failed: ${bigStart.stderr}`);
  let bigPair;
  try {
    for (const role of bigRoles) {
      const wt = join(bigDir, ".worktrees", role);
      writeFileSync(join(wt, "src", `${role}.ts`), `export const mine = "${role}";\n`);
      spawnSync("git", ["add", "-A", "src"], { cwd: wt, env: benv, stdio: "ignore" });
      spawnSync("git", ["commit", "-q", "-m", `${role} work`], { cwd: wt, env: benv, stdio: "ignore" });
    }
    bigPair = ratioPair(
      commandOnce(process.execPath, [cli, "monitor", "--json"], { cwd: bigDir, env: benv }),
      commandOnce(process.execPath, ["-e", "0"]),
      5 * runs,
    );
  } finally {
    spawnSync("tmux", ["kill-server"], { env: benv, stdio: "ignore" });
  }
  return [
    {
      name: "worktree create + cleanup (library, 1000-file repo)",
      baseline: "git worktree add + remove + branch -D",
      subjectMs: median(s),
      baselineMs: median(b),
      goal: 1.3,
    },
    {
      name: "parallel start, one role (CLI: worktree, port, setup, init, tmux session; 1000-file repo)",
      baseline: "git worktree add -b (same repo)",
      ...startPair,
      goal: 1.5,
      note:
        `the floor of any Node command here, (node -e 0 + the add) / the add: ` +
        `${((nodeMs + startPair!.baselineMs) / startPair!.baselineMs).toFixed(2)}× (node -e 0 ${nodeMs.toFixed(0)} ms)`,
    },
    { name: "monitor --json, 8 agents (cold)", baseline: "node -e 0", ...monitorPair, goal: 4 },
    { name: "monitor --json, 32 agents with a commit each", baseline: "node -e 0", ...bigPair, goal: 2.5 },
  ];
};
export default bench;
