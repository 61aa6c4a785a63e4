import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { assessPath, evaluateTask, explainPath, getLevel } from "../../lib/trust/evaluate.ts";
import { claudeHookDecision } from "../../lib/trust/hook-claude.ts";
import { isWfError } from "../../lib/core/errors.ts";
import { ROOT, json, runCli } from "../_support/index.ts";
import { modelIn } from "./_models.ts";

const MODEL = ".ai/workflow/trust_model.yaml";
/** The bash workflow's trust_model.yaml with every key it knows (and two it does not). */
export const LEGACY_YAML = readFileSync(join(ROOT, "test/trust/fixtures/legacy_trust_model.yaml"), "utf8");
const legacy = () => modelIn({ [MODEL]: LEGACY_YAML });

// ---
const keys = suite("the original trust_model.yaml keys");

keys("the file loads, with its unknown keys as warnings naming file:line, all in one pass", async () => {
  const { model } = await legacy();
  assert.is(model.base.kind, "file");
  assert.equal(model.warnings, [
    `${MODEL}:4:1: owner: unknown key \`owner\` ignored`,
    `${MODEL}:30:5: trust_levels.medium.notify_on_change: unknown key \`notify_on_change\` ignored`,
  ]);
});

keys("default_level is the level of a path no rule matches", async () => {
  const { model } = await legacy();
  assert.is(model.defaultLevel, "low");
  assert.is(getLevel(model, "scripts/build.sh"), "low");
});

keys("the config's trust.defaultLevel wins over default_level when it is set to another level", async () => {
  const { model } = await modelIn({ [MODEL]: LEGACY_YAML }, { defaultLevel: "high" });
  assert.is(getLevel(model, "scripts/build.sh"), "high");
});

keys("exclude takes a path back out of a pattern", async () => {
  const { model } = await legacy();
  assert.is(getLevel(model, "src/User.php"), "medium");
  assert.is(getLevel(model, "src/Security/AuthService.php"), "low");
  assert.is(getLevel(model, "tests/Unit/UserTest.php"), "high");
  assert.is(getLevel(model, "tests/fixtures/users.json"), "low", "excluded from tests/**, so the default level");
  const e = explainPath(model, "tests/fixtures/users.json");
  assert.is(e.matched, null);
});

keys("a single exclude string is one glob", async () => {
  const { model } = await modelIn({
    [MODEL]: 'trust_levels:\n  high:\n    contexts:\n      - pattern: "docs/**"\n        exclude: "docs/internal/**"\n',
  });
  assert.is(getLevel(model, "docs/a.md"), "high");
  assert.is(getLevel(model, "docs/internal/a.md"), "medium");
});

keys("require_human_review turns auto-approval off and asks for at least a review", async () => {
  const { model } = await modelIn({
    [MODEL]:
      "trust_levels:\n  high:\n    auto_approve: true\n    supervision: minimal\n    require_human_review: true\n    contexts:\n      - pattern: docs/**\n",
  });
  const a = assessPath(model, "docs/a.md");
  assert.is(a.level, "high");
  assert.is(a.auto_approve, false);
  assert.is(a.supervision, "code_review_required");
  assert.is(model.levels.high.require_human_review, true);
});

keys("escalation names whom to escalate to; reason is the explanation", async () => {
  const { model } = await legacy();
  assert.is(model.levels.low.escalation, true);
  assert.is(model.levels.low.escalate_to, "security-team; channel: #security");
  const a = assessPath(model, "src/Security/AuthService.php");
  assert.is(a.escalation, true);
  assert.match(a.reason, /Security-sensitive code/);
  assert.is(
    assessPath(model, "src/User.php").reason,
    "Application code gets a review (src/** except src/**/Security/**, src/**/security/**)",
  );
  assert.is(evaluateTask(model, "payment").reason, "Money moves here");
  assert.is(evaluateTask(model, "payment").level, "low");
});

keys("a likely typo of a known key stays an error, with the other problems in the same pass", async () => {
  try {
    await modelIn({
      [MODEL]:
        "trust_levels:\n  high:\n    max_consecutive_chanegs: 3\n    team: a\n    contexts:\n      - pattern: docs/**\n        exlude: [x]\n",
    });
    assert.unreachable("expected a refusal");
  } catch (e) {
    if (!isWfError(e)) throw e;
    assert.is(e.exitCode, 2);
    assert.match(e.message, /max_consecutive_chanegs: unknown key .*did you mean `max_consecutive_changes`/);
    assert.ok(e.details!.some((d) => /exlude.*did you mean `exclude`/.test(d)));
    assert.ok(e.details!.some((d) => /warning: .*team: unknown key `team` ignored/.test(d)));
  }
});

// ---
const limit = suite("max_consecutive_changes");

const write = (session: string, file = "tests/a.test.ts") => ({
  session_id: session,
  hook_event_name: "PreToolUse",
  tool_name: "Write",
  tool_input: { file_path: file },
});

limit("the hook asks after that many auto-approved changes in one session, then counts again", async () => {
  const { model } = await legacy();
  const decisions = [];
  for (let i = 0; i < 5; i++) decisions.push((await claudeHookDecision(model, write("s1")))!.hookSpecificOutput);
  assert.equal(
    decisions.map((d) => d.permissionDecision),
    ["allow", "allow", "allow", "ask", "allow"],
  );
  assert.match(
    decisions[3]!.permissionDecisionReason,
    /3 auto-approved changes in a row this session \(max_consecutive_changes: 3\)/,
  );
});

limit("each session has its own count, and a change a human approved starts it again", async () => {
  const { model } = await legacy();
  await claudeHookDecision(model, write("s2"));
  await claudeHookDecision(model, write("s2"));
  assert.is((await claudeHookDecision(model, write("s3")))!.hookSpecificOutput.permissionDecision, "allow");
  assert.is(
    (await claudeHookDecision(model, write("s2", "src/User.php")))!.hookSpecificOutput.permissionDecision,
    "ask",
  );
  const after = [];
  for (let i = 0; i < 3; i++)
    after.push((await claudeHookDecision(model, write("s2")))!.hookSpecificOutput.permissionDecision);
  assert.equal(after, ["allow", "allow", "allow"]);
});

limit("a session id that is not a file name never becomes a path", async () => {
  const { model } = await legacy();
  for (let i = 0; i < 3; i++) await claudeHookDecision(model, write("../../etc/x"));
  assert.is((await claudeHookDecision(model, write("../../etc/x")))!.hookSpecificOutput.permissionDecision, "ask");
});

// ---
const cli = suite("trust commands on the original file");

cli("every trust command exits 0 with the right answers; the warnings go to stderr", async () => {
  const { root } = await legacy();
  const level = await runCli(["trust", "level", "src/Security/AuthService.php"], { cwd: root });
  assert.is(level.code, 0, level.stderr);
  assert.is(level.stdout.trim(), "low");
  assert.match(level.stderr, /warning: .*owner: unknown key `owner` ignored/);
  assert.is((await runCli(["trust", "level", "tests/Unit/UserTest.php"], { cwd: root })).stdout.trim(), "high");
  const sup = await runCli(["trust", "supervision", "src/User.php"], { cwd: root });
  assert.is(sup.stdout.trim(), "code_review_required");
  assert.is((await runCli(["trust", "auto-approve", "docs/a.md"], { cwd: root })).code, 0);
  assert.is((await runCli(["trust", "auto-approve", "src/User.php"], { cwd: root })).code, 1);
  const task = json(await runCli(["trust", "task", "feature_implementation", "--json"], { cwd: root }));
  assert.is(task.level, "medium");
  const assess = json(await runCli(["trust", "assess", "src/User.php", "docs/a.md", "--json"], { cwd: root }));
  assert.is(assess.overall.level, "medium");
  const explain = await runCli(["trust", "explain", "src/Security/AuthService.php"], { cwd: root });
  assert.is(explain.code, 0);
  assert.match(explain.stdout, /escalation to security-team; channel: #security, human review required/);
  assert.match(explain.stdout, /Security-sensitive code/);
  const show = json(await runCli(["trust", "show", "--json"], { cwd: root }));
  assert.is(show.levels.high.max_consecutive_changes, 3);
  assert.is(show.warnings.length, 2);
  const hook = await runCli(["trust", "hook", "claude"], {
    cwd: root,
    input: JSON.stringify({ ...write("cli"), cwd: root }),
  });
  assert.is(JSON.parse(hook.stdout).hookSpecificOutput.permissionDecision, "allow");
});

keys.run();
limit.run();
cli.run();

// ---
const yaml = suite("trust show --yaml keeps the original keys");

yaml("the written model loads back to the same answers", async () => {
  const { model } = await legacy();
  const { modelToYaml } = await import("../../lib/trust/serialize.ts");
  const text = await modelToYaml(model);
  assert.match(text, /default_level: low/);
  assert.match(text, /max_consecutive_changes: 3/);
  assert.match(text, /exclude:\n\s+- tests\/fixtures\/\*\*/);
  const { model: again } = await modelIn({ [MODEL]: text });
  for (const p of [
    "src/Security/AuthService.php",
    "tests/fixtures/a.json",
    "tests/a.test.ts",
    "src/User.php",
    "scripts/x.sh",
  ]) {
    assert.equal(assessPath(again, p), assessPath(model, p), p);
  }
  assert.is(again.levels.low.escalate_to, "security-team; channel: #security");
  assert.equal(again.warnings, []);
});

yaml.run();
