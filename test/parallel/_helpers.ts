// Shared fixtures of the parallel tests: a repo opened as a project, a private tmux server, a port range.
import { spawnSync } from "node:child_process";
import { GIT_ENV, tempDir } from "../_support/index.ts";
import { openProject } from "../../lib/core/project.ts";
import { parallelProject, type ParallelProject } from "../../lib/parallel/project.ts";
import type { RunState } from "../../lib/parallel/runs.ts";
import type { TmuxTarget } from "../../lib/parallel/tmux.ts";

/**
 * A port range of `size` ports, different per test file run (random), below Linux's ephemeral
 * ports (32768–60999): the client sockets of the tests running beside it take ports from there,
 * and a range one of them falls in has a port in use.
 */
export function portRange(size = 10): { start: number; end: number } {
  const start = 20000 + Math.floor(Math.random() * Math.floor((12000 - size) / 10)) * 10;
  return { start, end: start + size - 1 };
}

/** Env for a test: git identity, a private tmux server, a private port range. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const range = portRange();
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...GIT_ENV,
    TMUX_TMPDIR: tempDir("wf-tmux-"),
    PORT_RANGE_START: String(range.start),
    PORT_RANGE_END: String(range.end),
    NO_COLOR: "1",
    ...extra,
  };
  delete env.TMUX;
  return env;
}

/** Opens `repo` as a parallel project with `env`. */
export async function project(
  repo: string,
  env: Record<string, string | undefined> = testEnv(),
): Promise<ParallelProject> {
  return parallelProject(await openProject(repo, env));
}

/** Kills the private tmux server of `target` (end of a test). */
export function killServer(target: TmuxTarget): void {
  spawnSync("tmux", [...(target.socket ? ["-L", target.socket] : []), "kill-server"], {
    env: target.env as NodeJS.ProcessEnv,
    stdio: "ignore",
  });
}

/** Waits until `check` is true (polling), or fails after `ms`. */
export async function until(check: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met within ${ms} ms`);
}

/** The state of a run of `feature` on main with these agents, as `parallel start` writes it. */
export function runState(feature: string, agents: RunState["agents"]): RunState {
  return {
    version: 1,
    feature,
    session: `workflow-${feature}`,
    base: "main",
    agent_command: "true",
    started: new Date().toISOString(),
    socket: null,
    agents,
  };
}
