import { suite } from "uvu";
import * as assert from "uvu/assert";
import { buildModel, normalizeTaskType } from "../../lib/trust/build.ts";
import { builtInModel } from "../../lib/trust/defaults.ts";
import { assessPath, canAutoApprove, evaluateTask, getLevel } from "../../lib/trust/evaluate.ts";
import { isWfError } from "../../lib/core/errors.ts";
import { configWith } from "./_models.ts";

const build = (trust: Parameters<typeof configWith>[0]) =>
  buildModel(builtInModel(), configWith(trust).trust, { root: "/project", configName: "workflow.config.ts" });

// ---
const overrides = suite("config overrides");

overrides("a team adds src/billing/** as low", () => {
  assert.is(getLevel(build({}), "src/billing/invoice.ts"), "medium");
  const model = build({ levels: { low: { patterns: ["src/billing/**"] } } });
  const a = assessPath(model, "src/billing/invoice.ts");
  assert.is(a.level, "low");
  assert.is(a.matched, "src/billing/**");
  assert.is(
    model.rules.find((r) => r.value === "src/billing/**")!.source,
    "workflow.config.ts trust.levels.low.patterns[0]",
  );
});

overrides("a team removes *.md from high", () => {
  assert.is(getLevel(build({}), "notes/plan.md"), "high");
  const model = build({ remove: ["*.md"] });
  assert.is(getLevel(model, "notes/plan.md"), "medium");
  assert.is(getLevel(model, "README.md"), "high", "README* still matches");
  assert.equal(model.warnings, []);
});

overrides("a remove entry that removes nothing is a warning", () => {
  const model = build({ remove: ["*.nothing"] });
  assert.match(model.warnings[0]!, /`\*\.nothing` is not in the base model/);
});

overrides("contexts in the config mix patterns and task types, with reasons", () => {
  const model = build({
    levels: {
      high: { contexts: [{ pattern: "generated/**", reason: "generated code" }, { task_type: "translations" }] },
    },
  });
  assert.equal(
    [getLevel(model, "generated/api.ts"), assessPath(model, "generated/api.ts").reason],
    ["high", "generated code (generated/**)"],
  );
  assert.is(evaluateTask(model, "translations").level, "high");
});

overrides("taskTypes add task types to a level", () => {
  assert.is(evaluateTask(build({ levels: { low: { taskTypes: ["billing"] } } }), "billing").level, "low");
});

overrides("replaceDefaults drops the base model", () => {
  const model = build({ replaceDefaults: true, levels: { high: { patterns: ["*.md"] } } });
  assert.is(model.base.kind, "none");
  assert.is(getLevel(model, "src/auth/login.ts"), "medium");
  assert.is(getLevel(model, "README.md"), "high");
  assert.is(evaluateTask(model, "payment").warning !== undefined, true);
});

overrides("defaultLevel sets the level of unmatched paths", () => {
  assert.is(getLevel(build({ defaultLevel: "low" }), "src/User.ts"), "low");
});

overrides("autoApprove: false turns auto-approval off for every level", () => {
  const model = build({ autoApprove: false });
  assert.is(getLevel(model, "docs/a.md"), "high");
  assert.is(canAutoApprove(model, "docs/a.md"), false);
  assert.is(evaluateTask(model, "unit_tests").auto_approve, false);
});

overrides("level settings from the config replace the base's", () => {
  const model = build({
    levels: { medium: { autoApprove: true, supervision: "minimal", description: "trusted team" } },
  });
  assert.is(canAutoApprove(model, "src/User.ts"), true);
  assert.is(model.levels.medium.description, "trusted team");
});

overrides("priorities decide which level wins", () => {
  const model = build({ priorities: { high: 10 } });
  assert.is(getLevel(model, "tests/auth/login.test.ts"), "high");
});

overrides("caseSensitive: true matches patterns case-sensitively", () => {
  assert.is(getLevel(build({}), "src/SECURITY/x.ts"), "low");
  assert.is(getLevel(build({ caseSensitive: true }), "src/SECURITY/x.ts"), "medium");
});

overrides("forbidden paths are low, never auto-approved, and say so", () => {
  const a = assessPath(build({ forbidden: ["docs/legal/**"] }), "docs/legal/terms.md");
  assert.equal([a.level, a.auto_approve, a.forbidden, a.matched], ["low", false, true, "docs/legal/**"]);
});

// ---
const problems = suite("bad entries in the config");

problems("a bad glob in the config names the key path", () => {
  try {
    build({ levels: { low: { patterns: ["ok/**", "src/[billing"] } } });
    assert.unreachable();
  } catch (e) {
    assert.ok(isWfError(e));
    assert.is(e.code, "E_TRUST_MODEL");
    assert.is(e.exitCode, 2);
    assert.is(e.where, "workflow.config.ts trust.levels.low.patterns[1]");
    assert.match(e.message, /bad pattern `src\/\[billing`: unclosed `\[`/);
  }
});

problems("a context with neither pattern nor task_type is rejected", () => {
  assert.throws(
    () => build({ levels: { high: { contexts: [{ reason: "why" }] } } }),
    (e: any) => e.where === "workflow.config.ts trust.levels.high.contexts[0]" && /got neither/.test(e.message),
  );
});

// ---
const names = suite("normalizeTaskType");

names("lower-cases and joins words with _", () => {
  assert.is(normalizeTaskType(" API endpoints "), "api_endpoints");
  assert.is(normalizeTaskType("bug-fix"), "bug_fix");
});

overrides.run();
problems.run();
names.run();
