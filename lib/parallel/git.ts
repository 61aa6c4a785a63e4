import { WfError } from "../core/errors.ts";
import { runLight as exec, type RunResult as ExecResult } from "../core/run.ts";

/** Environment for git calls: the caller's, with prompts off and stable messages. */
export function gitEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return { ...env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
}

/** Runs git in `cwd`; returns the result whatever the exit code (exit 3 when git is missing). */
export async function gitRaw(
  cwd: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
  input?: string,
): Promise<ExecResult> {
  const r = await exec("git", args, { cwd, env: gitEnv(env), input });
  if (r.missing)
    throw new WfError("E_PREREQ_GIT", "git is not installed or not on PATH", {
      hint: "install git (https://git-scm.com/downloads)",
    });
  return r;
}

/** Runs git in `cwd` and returns its trimmed stdout; a failure is an E_GIT error with git's message. */
export async function git(
  cwd: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
  input?: string,
): Promise<string> {
  const r = await gitRaw(cwd, args, env, input);
  if (r.code !== 0) throw gitFailed(args, r);
  return r.stdout.replace(/\s+$/, "");
}

/** The E_GIT error of a failed git call: its arguments and the last line git printed. */
export function gitFailed(args: readonly string[], r: { code: number; stderr: string }): WfError {
  return new WfError(
    "E_GIT",
    `git ${args.join(" ")} failed: ${r.stderr.trim().split("\n").at(-1) ?? `exit ${r.code}`}`,
  );
}

/** True when `ref` names a commit. */
export async function refExists(cwd: string, ref: string, env: Record<string, string | undefined>): Promise<boolean> {
  return (await gitRaw(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], env)).code === 0;
}
