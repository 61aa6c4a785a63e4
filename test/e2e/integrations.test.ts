import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gitRepo, json, runBuilt, writeFiles } from "../_support/index.ts";
import { everythingYaml } from "../integrations/_servers.ts";

const e2e = suite("integrations (built CLI)");

e2e("mcp status over stdio, ci render, hooks install --claude, config migrate and doctor from the built CLI", () => {
  const dir = gitRepo();
  writeFiles(dir, {
    ".ai/workflow/integrations/mcp/everything.yaml": everythingYaml(),
    ".ai/project/config.yaml": "# legacy\nversion: 2.0\nspecs:\n  features_dir: .ai/project/features\n",
  });
  const status = runBuilt(["mcp", "status", "--json"], { cwd: dir });
  assert.is(status.code, 0, status.stderr);
  const [everything] = json(status).servers;
  assert.ok(everything.ok);
  assert.ok(everything.tools > 5);

  const ci = runBuilt(["ci", "render"], { cwd: dir });
  assert.is(ci.code, 0, ci.stderr);
  assert.match(readFileSync(join(dir, ".github/workflows/spec_validation.yaml"), "utf8"), /workflow_call:/);

  const hooks = runBuilt(["hooks", "install", "--claude"], { cwd: dir });
  assert.is(hooks.code, 0, hooks.stderr);
  runBuilt(["hooks", "install", "--claude"], { cwd: dir });
  const settings = JSON.parse(readFileSync(join(dir, ".claude/settings.json"), "utf8"));
  assert.is(settings.hooks.SessionStart.length, 1);
  assert.is(settings.hooks.PreToolUse.length, 1);

  const migrate = runBuilt(["config", "migrate"], { cwd: dir });
  assert.is(migrate.code, 0, migrate.stderr);
  assert.match(
    readFileSync(join(dir, ".ai/project/config.yaml"), "utf8"),
    /^# legacy\nversion: 2\.1\nspecs:\n {2}features_dir: \.ai\/project\/features\n\n# Added/,
  );

  const doctor = runBuilt(["doctor", "--json"], { cwd: dir });
  const body = json(doctor);
  assert.ok(body.checks.some((c: any) => c.id === "mcp" && c.status === "ok"));
  assert.is(doctor.code, body.ok ? 0 : 1);
});

e2e("mcp status exits 1 and names the problem when a server's command is missing", () => {
  const dir = gitRepo();
  writeFiles(dir, { ".ai/workflow/integrations/mcp/gone.yaml": "name: gone\ncommand: wf-no-such-server\n" });
  const r = runBuilt(["mcp", "status"], { cwd: dir });
  assert.is(r.code, 1);
  assert.match(r.stdout, /FAIL  gone: not_found: command not found: `wf-no-such-server`/);
  assert.match(r.stdout, /hint: install it or fix `command` in \.ai\/workflow\/integrations\/mcp\/gone\.yaml/);
});

e2e.run();
