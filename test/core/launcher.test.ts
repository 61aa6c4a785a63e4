import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT, git, gitRepo, pathWithoutWfTask, tempDir } from "../_support/index.ts";
import { gateLines, launcherScript, resolveWfTask } from "../../lib/core/launcher.ts";

const launcher = suite("finding wf-task from any checkout");

/** A fake wf-task that says where it is, in `dir`'s node_modules/.bin. */
function fakeWfTask(dir: string, name: string): string {
  const bin = join(dir, "node_modules/.bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "wf-task"), `#!/bin/sh\necho "${name}: $*"\n`);
  chmodSync(join(bin, "wf-task"), 0o755);
  return join(bin, "wf-task");
}

function layout() {
  const repo = gitRepo();
  const wt = join(tempDir("wf-wt-"), "agent");
  git(repo, "worktree", "add", "-q", "-b", "agent", wt);
  const script = join(tempDir(), "launcher");
  writeFileSync(script, launcherScript());
  chmodSync(script, 0o755);
  const gate = join(tempDir(), "gate");
  writeFileSync(gate, `#!/bin/sh\n${gateLines("precommit").join("\n")}\n`);
  chmodSync(gate, 0o755);
  return { repo, wt, script, gate };
}

const run = (file: string, cwd: string, env: Record<string, string>, ...args: string[]) => {
  const r = spawnSync(file, args, { cwd, env: { PATH: pathWithoutWfTask(), ...env }, encoding: "utf8" });
  return { code: r.status, out: `${r.stdout}${r.stderr}`.trim(), stdout: r.stdout };
};

launcher("the worktree's own install first, then the main checkout's, then PATH", () => {
  const { repo, wt, script, gate } = layout();
  const pathDir = tempDir();
  fakeWfTask(pathDir, "path");
  const onPath = { PATH: `${join(pathDir, "node_modules/.bin")}:${pathWithoutWfTask()}` };
  assert.is(run(script, wt, { ...onPath, CLAUDE_PROJECT_DIR: wt }, "resume").out, "path: resume");
  assert.is(run(gate, wt, onPath).out, "path: precommit");
  assert.equal(resolveWfTask(wt, onPath)?.from, "path");

  fakeWfTask(repo, "main");
  assert.is(run(script, wt, { ...onPath, CLAUDE_PROJECT_DIR: wt }, "resume").out, "main: resume");
  assert.is(run(gate, wt, onPath).out, "main: precommit");
  assert.equal(resolveWfTask(join(wt), onPath)?.from, "main");

  fakeWfTask(wt, "worktree");
  assert.is(run(script, wt, { ...onPath, CLAUDE_PROJECT_DIR: wt }, "resume").out, "worktree: resume");
  assert.is(run(gate, wt, onPath).out, "worktree: precommit");
  assert.equal(resolveWfTask(wt, onPath)?.from, "worktree");
});

launcher(
  "from a linked worktree the launcher finds the main checkout's wf-task by reading .git, without running git",
  () => {
    const { repo, wt, script } = layout();
    fakeWfTask(repo, "main");
    // A PATH holding node and nothing else: no git to ask.
    const bin = tempDir();
    symlinkSync(process.execPath, join(bin, "node"));
    const noGit = { PATH: bin, CLAUDE_PROJECT_DIR: wt };
    assert.is(run(script, wt, noGit, "resume").out, "main: resume");
    // A relative gitdir (git worktree add --relative-paths) leads to the same place.
    const dotGit = join(wt, ".git");
    const gitdir = readFileSync(dotGit, "utf8")
      .replace(/^gitdir:\s*/, "")
      .trim();
    writeFileSync(dotGit, `gitdir: ${relative(wt, gitdir)}\n`);
    assert.is(run(script, wt, noGit, "resume").out, "main: resume");
  },
);

launcher(
  "with none: the trust hook asks, other hooks exit 127 and the gate refuses, each saying so in one line",
  () => {
    const { wt, script, gate } = layout();
    const trust = run(script, wt, { CLAUDE_PROJECT_DIR: wt }, "trust", "hook", "claude");
    assert.is(trust.code, 0);
    const answer = JSON.parse(trust.stdout).hookSpecificOutput;
    assert.is(answer.permissionDecision, "ask");
    assert.match(
      answer.permissionDecisionReason,
      "found neither in this worktree, nor in the main checkout, nor on PATH",
    );
    const resume = run(script, wt, { CLAUDE_PROJECT_DIR: wt }, "resume", "--hook", "claude");
    assert.is(resume.code, 127);
    assert.is(resume.out.split("\n").length, 1);
    const commit = run(gate, wt, {});
    assert.is(commit.code, 1);
    assert.match(commit.out, "(commit refused)");
    assert.is(resolveWfTask(wt, { PATH: pathWithoutWfTask() }), null);
  },
);

launcher("hook commands run the package's hook entry (dist/hooks/), every other command the CLI", () => {
  const { repo, wt, script, gate } = layout();
  // The CLI is a fake that says so; the package beside it is this one, with its built hook entries.
  fakeWfTask(repo, "cli");
  symlinkSync(ROOT, join(repo, "node_modules/wf-task"), "dir");
  const env = { CLAUDE_PROJECT_DIR: wt };
  const input = JSON.stringify({
    hook_event_name: "PreToolUse",
    tool_name: "Write",
    tool_input: { file_path: join(wt, "a.ts") },
    cwd: wt,
  });
  const trust = spawnSync(script, ["trust", "hook", "claude"], {
    cwd: wt,
    env: { PATH: pathWithoutWfTask(), ...env },
    input,
    encoding: "utf8",
  });
  assert.is(trust.status, 0, trust.stderr);
  assert.is(JSON.parse(trust.stdout).hookSpecificOutput.hookEventName, "PreToolUse");
  const start = run(script, wt, env, "resume", "--hook", "claude");
  assert.is(start.code, 0, start.out);
  assert.not.match(start.out, "cli:");
  assert.is(run(script, wt, env, "trust", "level", "a.ts").out, "cli: trust level a.ts");
  assert.is(run(script, wt, env, "resume").out, "cli: resume");
  // The gate: the entry runs `precommit` (nothing staged: exit 0, no word from the fake CLI).
  const commit = run(gate, wt, {});
  assert.is(commit.code, 0, commit.out);
  assert.not.match(commit.out, "cli:");
});

launcher.run();
