import { copyFileSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { makeTempDir } from "../../util/temp.ts";
import type { LoadedConfig } from "../../config/types.ts";
import { executable } from "../../core/launcher.ts";
import { run as runProgram, type RunResult } from "../../core/run.ts";
import type { Finding } from "./finding.ts";

/**
 * Guards proven by running them, not by reading files: in each worktree, git's pre-commit hook is
 * run on a probe index holding one untested source file (the gate must name it), and each Claude
 * Code hook command of that worktree's settings is run as Claude Code runs it (`sh -c`, with
 * `CLAUDE_PROJECT_DIR` = the worktree and its JSON payload on stdin).
 */

type Ran = RunResult;

/** Runs a program with a deadline; a program that is missing reads as exit 127, as a shell says it. */
async function run(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string | undefined>; input?: string; timeoutMs: number },
): Promise<Ran> {
  const r = await runProgram(command, args, { ...options, input: options.input ?? "" });
  return r.missing ? { ...r, code: 127 } : r;
}

const git = (cwd: string, args: string[], env: Record<string, string | undefined>, input?: string) =>
  run("git", args, { cwd, env, input, timeoutMs: 15_000 });

const firstLine = (r: Ran) =>
  (
    `${r.stderr}\n${r.stdout}`
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean) ?? `exit ${r.code}`
  ).slice(0, 200);

/** A path the gate must refuse without a test under this config, or null when every candidate is exempt. */
async function probePath(loaded: LoadedConfig): Promise<string | null> {
  const { testRules } = await import("../../enforcement/mapping.ts");
  const rules = testRules(loaded.config.enforcement.tdd);
  return (
    [
      "src/wf_task_doctor_probe.ts",
      "lib/wf_task_doctor_probe.js",
      "app/wf_task_doctor_probe.py",
      "wf_task_doctor_probe.go",
    ].find((p) => rules.needsTest(p)) ?? null
  );
}

/** Runs git's pre-commit hook in `worktree` on a copy of its index with an untested probe staged; the work tree and the real index are not touched. */
export async function probeGate(
  worktree: string,
  loaded: LoadedConfig,
  env: Record<string, string | undefined>,
): Promise<Omit<Finding, "id" | "title">> {
  const tdd = loaded.config.enforcement.tdd;
  if (!tdd.enabled || tdd.strictness === "off")
    return { status: "skip", message: "the TDD checks are off in the config (enforcement.tdd)" };
  const probe = await probePath(loaded);
  if (!probe) return { status: "skip", message: "no probe path needs a test under enforcement.tdd.exempt" };
  const paths = await git(
    worktree,
    ["rev-parse", "--path-format=absolute", "--git-path", "hooks/pre-commit", "--git-path", "index"],
    env,
  );
  if (paths.code !== 0) return { status: "fail", message: `git cannot read this worktree: ${firstLine(paths)}` };
  const [hook, index] = paths.stdout.trim().split("\n") as [string, string];
  if (!existsSync(hook))
    return {
      status: "fail",
      message: `git runs no pre-commit hook here: ${hook} does not exist`,
      fix: "wf-task hooks install",
    };
  if (!executable(hook))
    return { status: "fail", message: `${hook} is not executable, so git skips it`, fix: `chmod +x ${hook}` };
  const tmp = makeTempDir("wf-doctor-");
  try {
    const probeIndex = join(tmp, "index");
    if (existsSync(index)) copyFileSync(index, probeIndex);
    const penv = { ...env, GIT_INDEX_FILE: probeIndex };
    const blob = await git(worktree, ["hash-object", "-w", "--stdin"], env, "export const probe = 1;\n");
    const add =
      blob.code === 0
        ? await git(worktree, ["update-index", "--add", "--cacheinfo", `100644,${blob.stdout.trim()},${probe}`], penv)
        : blob;
    if (add.code !== 0) return { status: "fail", message: `cannot stage the probe: ${firstLine(add)}` };
    const r = await run(hook, [], { cwd: worktree, env: penv, timeoutMs: 60_000 });
    const said = `${r.stdout}${r.stderr}`;
    if (r.timedOut) return { status: "fail", message: `the pre-commit hook did not finish within 60 s` };
    if (said.includes(probe) && r.code !== 0) return { status: "ok", message: "the gate refused an untested probe" };
    if (said.includes(probe))
      return { status: "warn", message: "the gate reports but does not refuse (enforcement.tdd.strictness is warn)" };
    if (/wf-task was found neither/.test(said))
      return { status: "fail", message: firstLine(r), fix: "npm i -D wf-task in the main checkout" };
    if (r.code === 0)
      return {
        status: "fail",
        message: `the pre-commit hook let an untested file through: wf-task's gate is not in it or did not run (HUSKY=0?)`,
        fix: "wf-task hooks install",
      };
    return {
      status: "fail",
      message: `the pre-commit hook failed before the gate: ${firstLine(r)}`,
      fix: "wf-task hooks install",
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A path the trust hook must not allow alone (low trust or forbidden), from the project's own model. */
async function lowTrustPath(loaded: LoadedConfig): Promise<string> {
  try {
    const [{ loadTrustModel }, { assessPath }] = await Promise.all([
      import("../../trust/load.ts"),
      import("../../trust/evaluate.ts"),
    ]);
    const model = await loadTrustModel(loaded);
    const candidates = ["src/auth/login.ts", "src/security/probe.ts", ".env", "migrations/probe.sql"];
    return candidates.find((p) => !assessPath(model, p).auto_approve) ?? candidates[0]!;
  } catch {
    return "src/auth/login.ts";
  }
}

/** Runs one Claude Code hook command from `worktree` as Claude Code would, and checks its answer. */
export async function probeClaudeHook(
  worktree: string,
  hook: { event: string; command: string },
  loaded: LoadedConfig,
  env: Record<string, string | undefined>,
  timeoutS = 10,
): Promise<Omit<Finding, "id" | "title">> {
  const base = { session_id: "wf-task-doctor", transcript_path: "", cwd: worktree, hook_event_name: hook.event };
  let payload: Record<string, unknown>;
  if (hook.event === "PreToolUse")
    payload = {
      ...base,
      tool_name: "Write",
      tool_input: { file_path: join(worktree, await lowTrustPath(loaded)), content: "" },
    };
  else if (hook.event === "SessionStart") payload = { ...base, source: "startup" };
  else return { status: "skip", message: `${hook.event} is not probed (it writes state)` };
  const r = await run("sh", ["-c", hook.command], {
    cwd: worktree,
    env: { ...env, CLAUDE_PROJECT_DIR: worktree },
    input: JSON.stringify(payload),
    timeoutMs: timeoutS * 1000,
  });
  if (r.timedOut)
    return { status: "fail", message: `\`${hook.command}\` did not answer within its ${timeoutS} s timeout` };
  if (r.code !== 0) {
    const missing = r.code === 127 || /wf-task was found neither/.test(r.stderr);
    return {
      status: "fail",
      message: `\`${hook.command}\` exits ${r.code}: ${firstLine(r)}`,
      fix: missing
        ? "wf-task hooks install --claude in the main checkout, then wf-task parallel start (re-arms), or npm i -D wf-task"
        : "wf-task hooks install --claude",
    };
  }
  let out: {
    hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string; additionalContext?: string };
  } = {};
  try {
    out = JSON.parse(r.stdout);
  } catch {
    return {
      status: "fail",
      message: `\`${hook.command}\` answered no JSON: ${firstLine(r)}`,
      fix: "wf-task hooks install --claude",
    };
  }
  const answer = out.hookSpecificOutput;
  if (hook.event === "PreToolUse") {
    const decision = answer?.permissionDecision;
    if (decision === "ask" || decision === "deny") {
      if (/wf-task was found neither/.test(answer?.permissionDecisionReason ?? ""))
        return {
          status: "fail",
          message: answer!.permissionDecisionReason!,
          fix: "npm i -D wf-task in the main checkout",
        };
      return { status: "ok", message: `answers ${decision} for a low-trust write` };
    }
    return {
      status: "fail",
      message: `answered ${decision ?? "nothing"} for a low-trust write (expected ask or deny)`,
      fix: "wf-task trust explain <path>",
    };
  }
  return typeof answer?.additionalContext === "string"
    ? { status: "ok", message: "returns the session context" }
    : { status: "fail", message: "returned no additionalContext", fix: "wf-task hooks install --claude" };
}
