import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launcherScript } from "../lib/core/launcher.ts";
import { commandOnce, ratioPair, type Bench, type BenchRow } from "./_harness.ts";

/**
 * The hooks as Claude Code runs them: `"$CLAUDE_PROJECT_DIR"/.claude/hooks/wf-task <hook>` (the
 * launcher, which runs the package's hook entry) in a project where wf-task is installed as
 * `npm i -D wf-task` lays it out; against `node -e 0`, the floor of any Node hook.
 */
const bench: Bench = async ({ root, cli, runs, tempDir }) => {
  const node = process.execPath;
  const sh = (cwd: string, ...args: string[]) => {
    const r = spawnSync(args[0]!, args.slice(1), { cwd, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args.join(" ")}: ${r.stderr}`);
  };
  const project = (config: string) => {
    const dir = tempDir();
    sh(dir, "git", "init", "-q");
    mkdirSync(join(dir, "node_modules/.bin"), { recursive: true });
    symlinkSync(root, join(dir, "node_modules/wf-task"), "dir");
    symlinkSync("../wf-task/dist/wf-task.cjs", join(dir, "node_modules/.bin/wf-task"));
    writeFileSync(join(dir, "workflow.config.ts"), config);
    writeFileSync(join(dir, ".gitignore"), "node_modules/\n");
    launcher(dir);
    sh(dir, node, cli, "init", "hooks-bench", "backend", "--quiet");
    sh(dir, "git", "add", "-A");
    sh(dir, "git", "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-q", "-m", "init");
    return dir;
  };
  const launcher = (dir: string) => {
    mkdirSync(join(dir, ".claude/hooks"), { recursive: true });
    writeFileSync(join(dir, ".claude/hooks/wf-task"), launcherScript());
    chmodSync(join(dir, ".claude/hooks/wf-task"), 0o755);
  };
  const trustInput = (dir: string) =>
    JSON.stringify({
      session_id: "b",
      hook_event_name: "PreToolUse",
      cwd: dir,
      tool_name: "Edit",
      tool_input: { file_path: join(dir, "src/auth/login.ts"), old_string: "a", new_string: "b" },
    });
  const startInput = (dir: string) =>
    JSON.stringify({ session_id: "b", hook_event_name: "SessionStart", cwd: dir, source: "startup" });
  const hook = (dir: string, input: string, ...args: string[]) =>
    commandOnce(join(dir, ".claude/hooks/wf-task"), args, {
      cwd: dir,
      env: { ...process.env, CLAUDE_PROJECT_DIR: dir },
      input,
    });
  const floor = commandOnce(node, ["-e", "0"]);
  // Run by run, subject and floor in turn: 5 × runs pairs, as many runs as 5 blocks of `runs` each.
  const pair = (subject: () => number) => ratioPair(subject, floor, 5 * runs);

  const pure = project(`export default { parallel: { roles: ["backend", "qa"] } };\n`);
  // A linked worktree of the same project: no node_modules, so the launcher uses the main checkout's.
  const wt = join(tempDir(), "agent");
  sh(pure, "git", "worktree", "add", "-q", "-b", "agent", wt);
  launcher(wt);
  const dynamic = project(`export default { parallel: { agentCommand: process.env.AGENT ?? "claude" } };\n`);

  const rows: [string, number, { subjectMs: number; baselineMs: number; ratio: number }][] = [
    [
      "PreToolUse hook (trust), pure workflow.config.ts",
      1.4,
      pair(hook(pure, trustInput(pure), "trust", "hook", "claude")),
    ],
    [
      "SessionStart hook (resume), pure workflow.config.ts",
      1.4,
      pair(hook(pure, startInput(pure), "resume", "--hook", "claude")),
    ],
    [
      "PreToolUse hook (trust), linked worktree without node_modules",
      1.5,
      pair(hook(wt, trustInput(wt), "trust", "hook", "claude")),
    ],
    [
      "SessionStart hook (resume), linked worktree without node_modules",
      1.5,
      pair(hook(wt, startInput(wt), "resume", "--hook", "claude")),
    ],
    [
      "PreToolUse hook (trust), workflow.config.ts reading process.env",
      2.3,
      pair(hook(dynamic, trustInput(dynamic), "trust", "hook", "claude")),
    ],
  ];
  return rows.map(([name, goal, t]): BenchRow => ({
    name: `${name}, through the launcher`,
    baseline: "node -e 0",
    ...t,
    goal,
  }));
};

export default bench;
