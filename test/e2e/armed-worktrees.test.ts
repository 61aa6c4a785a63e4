// The scenario wf-task exists for, played as a team and its agents would: wf-task installed only in
// the main checkout, husky (from npm) or plain git hooks, `hooks install` and `hooks install --claude`,
// `parallel` with two roles on a private tmux server, then, inside each worktree, what Claude Code
// does: its hook commands from the worktree's .claude/settings.json with its JSON payloads and
// CLAUDE_PROJECT_DIR, and plain `git commit`, with no wf-task on PATH.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  GIT_ENV,
  ROOT,
  git,
  gitRepo,
  installWfTask,
  pathWithoutWfTask,
  tempDir,
  writeFiles,
} from "../_support/index.ts";

const e2e = suite("armed worktrees (built CLI)");

type Env = Record<string, string | undefined>;

function teamEnv(): Env {
  const start = 33000 + Math.floor(Math.random() * 3000) * 10;
  const e: Env = {
    ...process.env,
    ...GIT_ENV,
    NO_COLOR: "1",
    PATH: pathWithoutWfTask(),
    TMUX_TMPDIR: tempDir("wf-tmux-"),
    SHELL: "/bin/sh",
    PORT_RANGE_START: String(start),
    PORT_RANGE_END: String(start + 9),
  };
  for (const k of ["TMUX", "npm_config_user_agent", "npm_lifecycle_event", "npm_package_name", "INIT_CWD"]) delete e[k];
  return e;
}

function sh(cwd: string, command: string, env: Env, input?: string) {
  const r = spawnSync("sh", ["-c", command], {
    cwd,
    env: env as NodeJS.ProcessEnv,
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "", output: `${r.stdout}${r.stderr}` };
}

/** The project's wf-task, as `npx wf-task` would run it: node_modules/.bin/wf-task of the main checkout. */
const wf = (repo: string, args: string, env: Env) => sh(repo, `./node_modules/.bin/wf-task ${args}`, env);

/** A team's repo: wf-task installed in it (only there), the gate and the Claude Code hooks installed, a .env nobody commits. */
function teamRepo(kind: "husky" | "git", env: Env): string {
  const repo = gitRepo({
    "package.json": `${JSON.stringify({ name: "shop", private: true, scripts: { test: "exit 0" } }, null, 2)}\n`,
    ".gitignore": "node_modules/\n.env\n*.db\n",
    "README.md": "# shop\n",
  });
  installWfTask(repo);
  writeFiles(repo, { ".env": "API_KEY=main\n" });
  if (kind === "husky") {
    const init = spawnSync(process.execPath, [join(ROOT, "node_modules/husky/bin.js"), "init"], {
      cwd: repo,
      encoding: "utf8",
      env: { ...env, npm_config_user_agent: "npm/11" } as NodeJS.ProcessEnv,
    });
    assert.is(init.status, 0, init.stderr);
  }
  const hooks = wf(repo, "hooks install", env);
  assert.is(hooks.code, 0, hooks.output);
  assert.not.match(hooks.output, "warning", hooks.output);
  assert.is(wf(repo, "hooks install --claude", env).code, 0);
  if (kind === "husky") {
    git(repo, "add", ".husky/pre-commit");
    git(repo, "commit", "-q", "--no-verify", "-m", "husky and the TDD gate");
  }
  // .claude/ stays uncommitted, as it often is: the worktrees must get it anyway.
  return repo;
}

function claudeHook(worktree: string, event: string): string {
  const settings = JSON.parse(readFileSync(join(worktree, ".claude/settings.json"), "utf8"));
  const command = settings.hooks?.[event]?.[0]?.hooks?.[0]?.command;
  assert.type(command, "string", `${event} hook in ${worktree}`);
  return command;
}

/** Claude Code running a hook: `sh -c <command>` in the project, CLAUDE_PROJECT_DIR set, the JSON payload on stdin. */
function runHook(worktree: string, event: string, payload: Record<string, unknown>, env: Env) {
  const r = sh(
    worktree,
    claudeHook(worktree, event),
    { ...env, CLAUDE_PROJECT_DIR: worktree },
    JSON.stringify({ session_id: "s1", transcript_path: "", cwd: worktree, hook_event_name: event, ...payload }),
  );
  assert.is(r.code, 0, `${event}: ${r.output}`);
  return JSON.parse(r.stdout).hookSpecificOutput;
}

function commit(dir: string, message: string, env: Env) {
  return sh(dir, `git commit -q -m "${message}"`, env);
}

/** What an agent does in its worktree: one refused commit, one that passes, the hooks, a note and a changed .env. */
function actAsAgent(repo: string, role: string, env: Env) {
  const wt = join(repo, ".worktrees", role);
  const name = role === "backend" ? "Order" : "Cart";
  writeFiles(wt, { [`src/${name}.php`]: `<?php class ${name} {}\n` });
  git(wt, "add", "-A");
  const refused = commit(wt, `add ${name}`, env);
  assert.is(refused.code, 1, refused.output);
  assert.match(refused.output, `src/${name}.php has no test file`);
  assert.not.match(
    git(wt, "status", "--porcelain"),
    "node_modules",
    "the linked node_modules is not something to commit",
  );

  writeFiles(wt, {
    [`tests/Unit/${name}Test.php`]:
      `<?php\n` +
      `class ${name}Test extends TestCase {\n` +
      `  public function testMake(): void { $this->assertInstanceOf(${name}::class, new ${name}()); }\n` +
      `}\n`,
  });
  git(wt, "add", "-A");
  const passed = commit(wt, `add ${name} with its test`, env);
  assert.is(passed.code, 0, passed.output);

  const decision = runHook(
    wt,
    "PreToolUse",
    { tool_name: "Write", tool_input: { file_path: join(wt, "src/auth/login.ts"), content: "x" } },
    env,
  );
  assert.is(decision.permissionDecision, "ask", JSON.stringify(decision));

  const context = runHook(wt, "SessionStart", { source: "startup" }, env).additionalContext;
  assert.match(context, "Feature: auth-system");
  assert.match(context, `Role: ${role}`);

  const note = sh(
    wt,
    `"$CLAUDE_PROJECT_DIR"/.claude/hooks/wf-task progress note "${role}: the refund rule lives in src/${name}.php"`,
    { ...env, CLAUDE_PROJECT_DIR: wt },
  );
  assert.is(note.code, 0, note.output);
  writeFiles(wt, { ".env": `API_KEY=${role}\n`, "local.db": "sqlite" });
  return wt;
}

for (const kind of ["husky", "git"] as const) {
  e2e(`${kind}: every agent worktree is armed, and stop keeps what the agents made`, () => {
    const env = teamEnv();
    const repo = teamRepo(kind, env);
    try {
      const seen = tempDir("wf-agent-env-");
      const agent = `sh -c 'env > ${seen}/\\$WF_ROLE.env; sleep 600'`;
      const started = wf(
        repo,
        `parallel auth-system --roles backend,frontend --agent-command "${agent}" --no-attach --json`,
        env,
      );
      assert.is(started.code, 0, started.output);
      const plan = JSON.parse(started.stdout);
      assert.equal(plan.warnings, [], "every guard armed");
      for (const a of plan.agents) {
        const file = join(seen, `${a.role}.env`);
        for (let i = 0; i < 100 && !existsSync(file); i++) spawnSync("sleep", ["0.1"]);
        const agentEnv = readFileSync(file, "utf8");
        for (const line of [
          `WF_ROLE=${a.role}`,
          "WF_FEATURE=auth-system",
          `PORT=${a.port}`,
          `COMPOSE_PROJECT_NAME=${repo.split("/").pop()!.toLowerCase()}-auth-system-${a.role}`,
        ]) {
          assert.match(agentEnv, `\n${line}\n`, `${a.role}: ${line}`);
        }
      }

      for (const role of ["backend", "frontend"]) actAsAgent(repo, role, env);

      if (kind === "husky") {
        const doctor = wf(repo, "doctor --json", env);
        assert.is(doctor.code, 0, doctor.stdout);
        const checks = JSON.parse(doctor.stdout).checks;
        const proven = checks.filter((c: any) => c.id === "git-hooks" && /refused an untested probe/.test(c.message));
        assert.is(proven.length, 3, "the gate proven in the main checkout and both worktrees");
        const ran = checks.filter(
          (c: any) =>
            c.id === "claude-hooks" &&
            c.status === "ok" &&
            /answers ask for a low-trust write|returns the session context/.test(c.message),
        );
        assert.is(ran.length, 6, "SessionStart and PreToolUse run in each of three checkouts");
        assert.not.ok(
          checks.some((c: any) => c.status === "fail"),
          JSON.stringify(checks.filter((c: any) => c.status === "fail")),
        );

        git(repo, "config", "core.hooksPath", "/nonexistent");
        const offGate = wf(repo, "doctor", env);
        assert.is(offGate.code, 1, offGate.stdout);
        assert.match(offGate.stdout, /FAIL  pre-commit hook \(.*\.worktrees\/backend\): .*\/nonexistent/);
        git(repo, "config", "core.hooksPath", ".husky/_");

        rmSync(join(repo, ".worktrees/frontend/.claude/hooks/wf-task"));
        const offLink = wf(repo, "doctor", env);
        assert.is(offLink.code, 1, offLink.stdout);
        assert.match(
          offLink.stdout,
          /FAIL  Claude Code hooks \(.*\.worktrees\/frontend\): PreToolUse: .*\.claude\/hooks\/wf-task does not exist/,
        );
        assert.not.match(offLink.stdout, /FAIL  Claude Code hooks \(.*\.worktrees\/backend\)/);
      }

      // The work lands, then the team stops the run, without --force.
      for (const role of ["backend", "frontend"]) git(repo, "merge", "-q", "--no-edit", `feature/auth-system-${role}`);
      const stopped = wf(repo, "parallel stop auth-system", env);
      assert.is(stopped.code, 0, stopped.output);
      assert.not.ok(existsSync(join(repo, ".worktrees")));
      for (const role of ["backend", "frontend"]) {
        const base = join(repo, ".ai/project/sessions/archive/auth-system", role);
        const [stamp] = readdirSync(base);
        assert.match(readFileSync(join(base, stamp!, "claude-progress.txt"), "utf8"), `${role}: the refund rule`);
        assert.is(readFileSync(join(base, stamp!, "files/.env"), "utf8"), `API_KEY=${role}\n`);
        assert.is(readFileSync(join(base, stamp!, "files/local.db"), "utf8"), "sqlite");
        assert.match(stopped.stdout, `archived 3 file(s) to .ai/project/sessions/archive/auth-system/${role}/`);
      }
      assert.is(readFileSync(join(repo, ".env"), "utf8"), "API_KEY=main\n", "the main checkout's .env is untouched");

      // A new session of one role: its new worktree's SessionStart shows what the last one left.
      const again = wf(repo, `parallel auth-system --roles backend --agent-command "sleep 600" --no-attach`, env);
      assert.is(again.code, 0, again.output);
      const context = runHook(
        join(repo, ".worktrees/backend"),
        "SessionStart",
        { source: "startup" },
        env,
      ).additionalContext;
      assert.match(context, "From the last worktree of backend");
      assert.match(context, "backend: the refund rule lives in src/Order.php");
    } finally {
      sh(repo, "tmux kill-server", env);
    }
  });
}

e2e("what `scripts install` writes commits through the gate with the default config", () => {
  const env = teamEnv();
  const repo = gitRepo({ ".gitignore": "node_modules/\n" });
  installWfTask(repo);
  assert.is(wf(repo, "hooks install", env).code, 0);
  const installed = wf(repo, "scripts install", env);
  assert.is(installed.code, 0, installed.output);
  git(repo, "add", "-A");
  const r = commit(repo, "the workflow scripts", env);
  assert.is(r.code, 0, r.output);
  assert.ok(Number(git(repo, "ls-files", ".ai/workflow").split("\n").length) > 20);
  // The example MCP servers it wrote, whose programs are not installed here, are information, not failures.
  const doctor = wf(repo, "doctor --json", env);
  assert.is(doctor.code, 0, doctor.stdout);
  const mcp = JSON.parse(doctor.stdout).checks.filter((c: any) => c.id === "mcp");
  assert.ok(mcp.length >= 1 && mcp.every((c: any) => c.status !== "fail"), JSON.stringify(mcp));
});

e2e("a workflow.config.ts importing wf-task loads in a project with no node_modules", () => {
  const env = teamEnv();
  const repo = gitRepo({
    "workflow.config.ts":
      'import { defineConfig } from "wf-task";\n\nexport default defineConfig(({ env }) => ({ parallel: { roles: [env.TEAM_ROLE ?? "x", "qa"] } }));\n',
  });
  const r = sh(repo, `node ${join(ROOT, "dist/cli.js")} config show --json`, { ...env, TEAM_ROLE: "api" });
  assert.is(r.code, 0, r.output);
  assert.equal(JSON.parse(r.stdout).config.parallel.roles, ["api", "qa"]);
  // And from a linked worktree of it.
  const wt = join(tempDir("wf-wt-"), "agent");
  git(repo, "worktree", "add", "-q", "-b", "agent", wt);
  const fromWt = sh(wt, `node ${join(ROOT, "dist/cli.js")} config show --json`, { ...env, TEAM_ROLE: "web" });
  assert.is(fromWt.code, 0, fromWt.output);
  assert.equal(JSON.parse(fromWt.stdout).config.parallel.roles, ["web", "qa"]);
});

e2e("with wf-task nowhere, the gate refuses the commit and the trust hook asks, each saying why in one line", () => {
  const env = teamEnv();
  const repo = gitRepo();
  const cli = join(ROOT, "dist/cli.js");
  assert.is(sh(repo, `node ${cli} hooks install`, env).code, 0);
  assert.is(sh(repo, `node ${cli} hooks install --claude`, env).code, 0);
  writeFiles(repo, { "src/a.ts": "export const a = 1;\n" });
  git(repo, "add", "-A");
  const r = commit(repo, "a", env);
  assert.is(r.code, 1, r.output);
  assert.match(r.output, "wf-task was found neither in this worktree, nor in the main checkout, nor on PATH");
  const hook = runHook(
    repo,
    "PreToolUse",
    { tool_name: "Write", tool_input: { file_path: join(repo, "src/a.ts"), content: "" } },
    env,
  );
  assert.is(hook.permissionDecision, "ask");
  assert.match(hook.permissionDecisionReason, "run npm i -D wf-task");
});

e2e.run();
