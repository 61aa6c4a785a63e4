import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gitRepo, runCli } from "../../_support/index.ts";

const hooks = suite("hooks command");

hooks("install --claude adds the Claude Code hooks only; uninstall --claude removes them", async () => {
  const dir = gitRepo();
  const r = await runCli(["hooks", "install", "--claude"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, "added     SessionStart:");
  assert.match(readFileSync(join(dir, ".claude/settings.json"), "utf8"), "wf-task resume --hook claude");
  assert.not.ok(existsSync(join(dir, ".git/hooks/pre-commit")));
  assert.match((await runCli(["hooks", "uninstall", "--claude"], { cwd: dir })).stdout, "removed   SessionStart:");
});

hooks("install --claude --stop also adds the Stop hook that tracks sessions; uninstall removes it", async () => {
  const dir = gitRepo();
  assert.is((await runCli(["hooks", "install", "--claude", "--stop"], { cwd: dir })).code, 0);
  const settings = JSON.parse(readFileSync(join(dir, ".claude/settings.json"), "utf8"));
  assert.match(settings.hooks.Stop[0].hooks[0].command, /wf-task compound track session_stopped$/);
  const r = await runCli(["hooks", "uninstall", "--claude"], { cwd: dir });
  assert.match(r.stdout, "removed   Stop:");
  assert.not.match(readFileSync(join(dir, ".claude/settings.json"), "utf8"), "compound track");
});

hooks("install adds the commit-msg hook when the trust gate is on", async () => {
  const dir = gitRepo({ ".workflowrc.json": JSON.stringify({ enforcement: { trust: { gate: true } } }) });
  const r = await runCli(["hooks", "install", "--json", "--command", "node cli.js precommit"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.equal(
    JSON.parse(r.stdout).files.map((f: { hook: string; action: string }) => `${f.hook} ${f.action}`),
    ["pre-commit created", "commit-msg created"],
  );
});

hooks("refuses --husky with --git (exit 2)", async () => {
  const r = await runCli(["hooks", "install", "--husky", "--git"], { cwd: gitRepo() });
  assert.is(r.code, 2);
});

hooks.run();
