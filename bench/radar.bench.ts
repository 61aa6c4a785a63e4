import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { median, timeCommand, timePair, type Bench } from "./_harness.ts";

const GIT = {
  GIT_AUTHOR_NAME: "B",
  GIT_AUTHOR_EMAIL: "b@example.com",
  GIT_COMMITTER_NAME: "B",
  GIT_COMMITTER_EMAIL: "b@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
};

/**
 * `parallel status --json` of 8 agents with the conflict radar on, against `node -e 0` (the
 * monitor goal, ≤ 4×). Four agents edit the same line of one file (6 conflicting pairs), two edit
 * different lines of another (a clean overlap), two work alone; the base moved under all of them.
 * Two rows: the warm case (`--watch` redraws: the cache answers for tips that did not move) and
 * the cold radar (cache removed before each run, the first redraw after tips move), both within
 * the monitor goal; `--no-radar` is recorded in the note.
 */
const bench: Bench = async ({ cli, runs, tempDir }) => {
  const dir = tempDir();
  const env = {
    ...process.env,
    ...GIT,
    TMUX_TMPDIR: tempDir(),
    SHELL: "/bin/sh",
    PORT_RANGE_START: "39201",
    PORT_RANGE_END: "39220",
  } as NodeJS.ProcessEnv;
  delete env.TMUX;
  const git = (cwd: string, ...args: string[]) => {
    const r = spawnSync("git", args, { cwd, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  };
  git(dir, "init", "-q", "-b", "main");
  for (let i = 0; i < 50; i++) {
    mkdirSync(join(dir, "src", `m${i % 5}`), { recursive: true });
    writeFileSync(join(dir, "src", `m${i % 5}`, `f${i}.ts`), `export const v${i} = ${i};\n`.repeat(20));
  }
  writeFileSync(join(dir, "shared.txt"), Array.from({ length: 40 }, (_, i) => `line ${i}`).join("\n") + "\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "initial");
  const roles = Array.from({ length: 8 }, (_, i) => `agent${i}`);
  const start = spawnSync(
    process.execPath,
    [cli, "parallel", "bench", "--roles", roles.join(","), "--agent-command", "sleep 600", "--no-attach"],
    { cwd: dir, env, encoding: "utf8" },
  );
  if (start.status !== 0) throw new Error(`parallel start failed: ${start.stderr}`);
  try {
    roles.forEach((role, i) => {
      const wt = join(dir, ".worktrees", role);
      const lines = Array.from({ length: 40 }, (_, n) => `line ${n}`);
      if (i < 4) lines[3] = `line 3 by ${role}`;
      else if (i < 6) lines[20 + (i - 4) * 10] = `line by ${role}`;
      if (i < 6) writeFileSync(join(wt, "shared.txt"), `${lines.join("\n")}\n`);
      writeFileSync(join(wt, "src", "m1", `${role}.ts`), `export const mine = "${role}";\n`);
      git(wt, "add", "shared.txt", `src/m1/${role}.ts`);
      git(wt, "commit", "-q", "-m", `${role} work`);
    });
    writeFileSync(join(dir, "src", "m0", "f0.ts"), "export const moved = true;\n");
    git(dir, "commit", "-q", "-am", "main moves");

    const status = (...extra: string[]) => [cli, "parallel", "status", "bench", "--json", ...extra];
    const check = spawnSync(process.execPath, status(), { cwd: dir, env, encoding: "utf8" });
    const radar = JSON.parse(check.stdout).radar;
    const conflicting = radar.pairs.filter((p: { conflicts: unknown[] }) => p.conflicts.length).length;
    if (conflicting !== 6) throw new Error(`expected 6 conflicting pairs, got ${conflicting}`);
    const pair = timePair(
      () => timeCommand(process.execPath, status(), { cwd: dir, env, runs }),
      () => timeCommand(process.execPath, ["-e", "0"], { runs }),
    );
    const cache = join(dir, ".ai/project/sessions/radar/bench.json");
    const coldOnce = () => {
      rmSync(cache, { force: true });
      const t = performance.now();
      spawnSync(process.execPath, status(), { cwd: dir, env, stdio: "ignore" });
      return performance.now() - t;
    };
    const coldPair = timePair(
      () => median(Array.from({ length: Math.max(3, Math.min(runs, 7)) }, coldOnce)),
      () => timeCommand(process.execPath, ["-e", "0"], { runs }),
    );
    const off = timeCommand(process.execPath, status("--no-radar"), { cwd: dir, env, runs });
    return [
      {
        name: "parallel status --json, 8 agents, radar on (warm cache)",
        baseline: "node -e 0",
        ...pair,
        goal: 4,
        note: `--no-radar ${off.toFixed(0)} ms = ${(off / pair.baselineMs).toFixed(2)}×`,
      },
      {
        name: "parallel status --json, 8 agents, cold radar (cache removed: a rev-list per agent, one diff-tree, merge-tree on the 15 overlapping pairs)",
        baseline: "node -e 0",
        ...coldPair,
        goal: 4,
      },
    ];
  } finally {
    spawnSync("tmux", ["kill-server"], { env, stdio: "ignore" });
  }
};
export default bench;
