import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, json, runCli, tempDir, writeFiles } from "../_support/index.ts";

const CONFIG_21 = readFileSync(join(ROOT, "test/config/fixtures/legacy_config_2.1.yaml"), "utf8");
const project = (files: Record<string, string> = {}) => {
  const dir = tempDir();
  writeFiles(dir, { ".ai/project/config.yaml": CONFIG_21, ...files });
  return dir;
};

const ext = suite("the plan's extended config.yaml 2.1");

ext("config validate exits 0, naming every unused key in one pass", async () => {
  const dir = project();
  const r = await runCli(["config", "validate", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const out = json(r);
  assert.is(out.valid, true);
  for (const key of [
    "harness.enabled",
    "parallel.max_agents",
    "compound.metrics",
    "integrations.github_actions.enabled",
  ]) {
    assert.ok(
      out.warnings.some((w: string) => w.includes(key)),
      `${key} in ${out.warnings.join("\n")}`,
    );
  }
  assert.not.ok(
    out.warnings.some((w: string) =>
      /compound\.triggers|mcp\.auth|templates_path|auto_clear_reminder|trust\.contexts|destinations/.test(w),
    ),
    "these keys are read",
  );
});

ext("every key is read: task types as trust contexts, destinations, storage, auth file, templates path", async () => {
  const dir = project();
  const { config } = json(await runCli(["config", "show", "--json"], { cwd: dir }));
  assert.equal(config.trust.levels.low.taskTypes, ["security", "payment", "data_migration"]);
  assert.equal(config.compound.triggers, ["task_completed", "bug_fix", "test_failure"]);
  assert.is(config.compound.autoCapture, true);
  assert.is(config.compound.claudeMd, "CLAUDE.md");
  assert.is(config.compound.metricsDir, ".ai/project/metrics");
  assert.is(config.integrations.mcp.authFile, ".ai/workflow/integrations/mcp/auth.yaml");
  assert.is(config.integrations.githubActions.templatesPath, ".ai/workflow/integrations/github_actions");
  assert.is(config.enforcement.context.autoClearReminder, true);
  assert.is(config.enforcement.context.compactionThreshold, 120000);
  const task = json(await runCli(["trust", "task", "data_migration", "--json"], { cwd: dir }));
  assert.is(task.level, "low");
  assert.is(json(await runCli(["trust", "task", "unit_tests", "--json"], { cwd: dir })).level, "high");
});

ext("compound.triggers picks which automatic events are recorded", async () => {
  const dir = project();
  await runCli(["progress", "init", "shop", "backend"], { cwd: dir });
  await runCli(["progress", "update", "BE-001", "in_progress"], { cwd: dir });
  await runCli(["progress", "update", "BE-001", "completed"], { cwd: dir });
  const events = readFileSync(join(dir, ".ai/project/metrics/events.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l).event);
  assert.equal(events, ["task_completed"]);
});

ext("config migrate --to ts carries the keys into workflow.config.ts", async () => {
  const dir = project();
  const r = await runCli(["config", "migrate", "--to", "ts", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const text = readFileSync(join(dir, "workflow.config.ts"), "utf8");
  for (const expected of [
    '"triggers"',
    '"authFile"',
    '"templatesPath"',
    '"autoClearReminder"',
    '"data_migration"',
    '"metricsDir"',
  ])
    assert.match(text, new RegExp(expected));
  assert.match(text, /Not carried over .*parallel\.max_agents/);
});

ext.run();
