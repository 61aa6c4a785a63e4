import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { ROOT, git, gitRepo, installWfTask, json, runCli, writeFiles } from "../../_support/index.ts";
import { installClaudeHooks } from "../../../lib/integrations/claude-settings.ts";
import { installGitHooks } from "../../../lib/enforcement/hooks.ts";
import { VERSION } from "../../../lib/version.ts";
import { everythingYaml } from "../_servers.ts";

const doctor = suite("wf-task doctor");
const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const find = (r: any, id: string) => json(r).checks.filter((c: any) => c.id === id);

/** A repo set up as `hooks install` and `scripts install` would leave it. */
async function healthy(): Promise<string> {
  const dir = gitRepo();
  const script = "#!/usr/bin/env node\n// generated\n";
  installWfTask(dir);
  writeFiles(dir, {
    ".ai/workflow/harness/coder.mjs": script,
    ".ai/workflow/.wf-manifest.json": JSON.stringify({
      version: VERSION,
      generatedAt: new Date().toISOString(),
      files: { "harness/coder.mjs": sha(script) },
    }),
  });
  installGitHooks({ git: { cwd: dir } });
  await installClaudeHooks({ root: dir });
  return dir;
}

doctor("passes on a healthy project, each check with a status", async () => {
  const dir = await healthy();
  const r = await runCli(["doctor", "--json", "--skip-mcp"], { cwd: dir });
  assert.is(r.code, 0, r.stdout);
  const body = json(r);
  assert.ok(body.ok);
  for (const id of ["node", "git", "config", "scripts", "git-hooks", "claude-hooks"])
    assert.ok(
      body.checks.some((c: any) => c.id === id && c.status === "ok"),
      id,
    );
});

doctor("flags a Claude Code hook removed from settings.json, with the fix, and exits 1", async () => {
  const dir = await healthy();
  const file = join(dir, ".claude/settings.json");
  const settings = JSON.parse(readFileSync(file, "utf8"));
  delete settings.hooks.PreToolUse;
  writeFileSync(file, JSON.stringify(settings));
  const r = await runCli(["doctor", "--json", "--skip-mcp"], { cwd: dir });
  assert.is(r.code, 1);
  const bad = find(r, "claude-hooks").find((c: any) => c.status === "fail");
  assert.match(bad.message, /PreToolUse hook was removed/);
  assert.is(bad.fix, "wf-task hooks install --claude");
});

doctor("checks the PreCompact hook entry: ok when installed, a failure with the fix when removed", async () => {
  const dir = await healthy();
  const ok = await runCli(["doctor", "--json", "--skip-mcp"], { cwd: dir });
  const entry = find(ok, "claude-hooks").find((c: any) => /: PreCompact$/.test(c.title));
  assert.ok(entry, JSON.stringify(find(ok, "claude-hooks")));
  assert.is(entry.status, "ok");
  assert.match(entry.message, /resume --hook claude-precompact/);
  const file = join(dir, ".claude/settings.json");
  const settings = JSON.parse(readFileSync(file, "utf8"));
  delete settings.hooks.PreCompact;
  writeFileSync(file, JSON.stringify(settings));
  const r = await runCli(["doctor", "--json", "--skip-mcp"], { cwd: dir });
  assert.is(r.code, 1);
  const bad = find(r, "claude-hooks").filter((c: any) => c.status === "fail");
  assert.is(bad.length, 1, JSON.stringify(bad));
  assert.match(bad[0].message, /PreCompact hook was removed .*no handoff is written/);
  assert.is(bad[0].fix, "wf-task hooks install --claude");
});

doctor("flags a hook whose command no longer exists", async () => {
  const dir = await healthy();
  rmSync(join(dir, ".claude/hooks/wf-task"));
  const r = await runCli(["doctor", "--skip-mcp"], { cwd: dir, env: { PATH: "/usr/bin:/bin" } });
  assert.is(r.code, 1);
  assert.match(
    r.stdout,
    /FAIL  Claude Code hooks: SessionStart: .*\.claude\/hooks\/wf-task does not exist\n\s+fix: wf-task hooks install --claude/,
  );
});

doctor("flags a git pre-commit hook removed from a worktree", async () => {
  const dir = await healthy();
  git(dir, "worktree", "add", "-q", join(dir, ".worktrees/backend"), "-b", "agent/backend");
  let hooks = find(await runCli(["doctor", "--json", "--skip-mcp"], { cwd: dir }), "git-hooks");
  assert.equal(
    hooks.map((h: any) => h.status),
    ["ok", "ok"],
    "plain git hooks are shared by every worktree",
  );
  rmSync(join(dir, ".git/hooks/pre-commit"));
  const r = await runCli(["doctor", "--json", "--skip-mcp"], { cwd: dir });
  hooks = find(r, "git-hooks");
  assert.is(hooks[0].status, "warn");
  assert.is(hooks[0].fix, "wf-task hooks install");
});

doctor("flags a husky worktree whose hook would not run", async () => {
  const dir = await healthy();
  rmSync(join(dir, ".git/hooks/pre-commit"));
  writeFiles(dir, { "package.json": JSON.stringify({ name: "shop", private: true }) });
  const husky = spawnSync(process.execPath, [join(ROOT, "node_modules/husky/bin.js"), "init"], {
    cwd: dir,
    encoding: "utf8",
  });
  assert.is(husky.status, 0, husky.stderr);
  installGitHooks({ git: { cwd: dir } });
  git(dir, "add", ".husky/pre-commit");
  git(dir, "commit", "-q", "--no-verify", "-m", "husky");
  // A linked worktree made by hand: husky's runner folder (.husky/_) is git-ignored, so it is not there.
  git(dir, "worktree", "add", "-q", join(dir, ".worktrees/backend"), "-b", "agent/backend");
  const r = await runCli(["doctor", "--json", "--skip-mcp"], { cwd: dir });
  assert.is(r.code, 1);
  const hooks = find(r, "git-hooks");
  assert.equal(
    hooks.map((h: any) => h.status),
    ["ok", "fail"],
  );
  assert.match(hooks[1].message, /\.husky\/_\/pre-commit is missing in this worktree/);
  assert.match(hooks[1].fix, /cd .*\.worktrees\/backend && wf-task hooks install/);
});

doctor("flags scripts installed by another version and scripts that went missing", async () => {
  const dir = await healthy();
  const manifest = join(dir, ".ai/workflow/.wf-manifest.json");
  writeFileSync(manifest, JSON.stringify({ ...JSON.parse(readFileSync(manifest, "utf8")), version: "0.0.1" }));
  let r = await runCli(["doctor", "--json", "--skip-mcp"], { cwd: dir });
  assert.is(r.code, 1);
  assert.equal(find(r, "scripts")[0], {
    id: "scripts",
    title: "installed scripts",
    status: "fail",
    message: "installed by wf-task 0.0.1, this is a different version",
    fix: "wf-task scripts install",
  });
  rmSync(join(dir, ".ai/workflow/harness/coder.mjs"));
  r = await runCli(["doctor", "--json", "--skip-mcp"], { cwd: dir });
  assert.match(find(r, "scripts")[0].message, /missing: harness\/coder\.mjs/);
});

doctor("connects to the MCP servers: a reachable one is ok, a missing command fails with its fix", async () => {
  const dir = await healthy();
  writeFiles(dir, {
    ".ai/workflow/integrations/mcp/everything.yaml": everythingYaml(),
    ".ai/workflow/integrations/mcp/gone.yaml": "name: gone\ncommand: wf-no-such-server\n",
  });
  const r = await runCli(["doctor", "--json"], { cwd: dir });
  assert.is(r.code, 1);
  const [everything, gone] = find(r, "mcp");
  assert.is(everything.status, "ok");
  assert.match(everything.message, /\d+ tools/);
  assert.is(gone.status, "fail");
  assert.match(gone.message, /not_found/);
  assert.match(gone.fix, /gone\.yaml/);
});

doctor("reports a broken config as a failure instead of crashing", async () => {
  const dir = await healthy();
  writeFiles(dir, { ".workflowrc.json": JSON.stringify({ parallel: { portRange: { start: "x" } } }) });
  const r = await runCli(["doctor", "--json"], { cwd: dir });
  assert.is(r.code, 1);
  assert.is(find(r, "config")[0].status, "fail");
  assert.match(find(r, "config")[0].message, /portRange/);
});

doctor.run();
