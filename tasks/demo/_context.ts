/** What each demo step (tasks/demo/NN-name.ts) receives. */
export interface DemoContext {
  /** The scratch git repo (on main, one commit). */
  dir: string;
  /** The built CLI (dist/cli.js), for running it without echo. */
  cli: string;
  /** Env for commands: a private TMUX_TMPDIR, git identity. */
  env: NodeJS.ProcessEnv;
  say(text: string): void;
  heading(text: string): void;
  /** Runs the built CLI in the repo, printing the command and its output. */
  wf(args: string[], options?: { input?: string; expect?: number }): { code: number; stdout: string; stderr: string };
  /** Runs any command in the repo, printing it and its output. */
  sh(
    command: string,
    args: string[],
    options?: { echo?: boolean; input?: string },
  ): { code: number; stdout: string; stderr: string };
}

export type DemoStep = (demo: DemoContext) => Promise<void> | void;
