import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { json, runCli, tempDir, writeFiles } from "../../_support/index.ts";

const SPEC = ".ai/project/features/checkout/spec.yaml";
const ANSWERS = `name: Checkout
priority: high
goal: Let customers pay for their cart
users: Shoppers on the web shop
acceptance_criteria:
  - A card payment completes
apis: [POST /checkout]
constraints: [PCI DSS]
similar_features: [cart]
risks: [Double charges]
requirements:
  - Pay by card
  - Email a receipt
`;

function project(files: Record<string, string> = {}): string {
  const dir = tempDir();
  writeFiles(dir, { ".workflowrc.json": "{}\n", "answers.yaml": ANSWERS, ...files });
  return dir;
}

test("an interview from an answers file writes a spec that validates and holds the answers", async () => {
  const dir = project();
  const r = await runCli(["interview", "checkout", "--answers", "answers.yaml"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /wrote \.ai\/project\/features\/checkout\/spec\.yaml: 2 requirement\(s\) FR-101, FR-102/);
  assert.match(r.stdout, /next:\n.*\n  wf-task spec validate checkout/);
  const spec = parse(readFileSync(join(dir, SPEC), "utf8"));
  assert.is(spec.feature.name, "Checkout");
  assert.is(spec.feature.priority, "high");
  assert.is(spec.objective.summary, "Let customers pay for their cart");
  assert.is(spec.context.users, "Shoppers on the web shop");
  assert.equal(
    spec.requirements.functional.map((x: any) => x.title),
    ["Pay by card", "Email a receipt"],
  );
  assert.equal(spec.risks, [{ description: "Double charges" }]);
  assert.ok(statSync(join(dir, ".ai/project/features/checkout/contracts")).isDirectory());
  const v = await runCli(["spec", "validate", SPEC, "--json"], { cwd: dir });
  assert.is(v.code, 0);
  assert.ok(json(v).valid);
});

test("answers on stdin (not a terminal) work the same way; --json gives the documented shape", async () => {
  const dir = project();
  const r = await runCli(["interview", "checkout", "--json"], { cwd: dir, input: ANSWERS });
  assert.is(r.code, 0, r.stderr);
  const out = json(r);
  assert.equal(Object.keys(out).sort(), [
    "feature",
    "next",
    "overwritten",
    "requirements",
    "source",
    "spec",
    "warnings",
  ]);
  assert.is(out.source, "stdin");
  assert.equal(out.requirements, ["FR-101", "FR-102"]);
  assert.ok(existsSync(join(dir, SPEC)));
});

test("--answers - reads the answers from stdin", async () => {
  const dir = project();
  const r = await runCli(["interview", "checkout", "--answers", "-", "--json"], {
    cwd: dir,
    input: "goal: Pay\nrequirements: [Pay by card]\n",
  });
  assert.is(r.code, 0, r.stderr);
  assert.is(json(r).source, "stdin");
  assert.match(readFileSync(join(dir, SPEC), "utf8"), /title: Pay by card/);
});

test("missing keys take defaults; only the goal is required", async () => {
  const dir = project({ "answers.yaml": "goal: Sell things\n" });
  const r = await runCli(["interview", "checkout", "--answers", "answers.yaml"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const spec = parse(readFileSync(join(dir, SPEC), "utf8"));
  assert.is(spec.feature.name, "Checkout");
  assert.is(spec.feature.priority, "medium");
  assert.is(spec.requirements.functional[0].title, "Sell things");
  const none = await runCli(["interview", "other", "--answers", "empty.yaml"], {
    cwd: project({ "empty.yaml": "name: X\n" }),
  });
  assert.is(none.code, 2);
  assert.match(none.stderr, /missing `goal`/);
});

test("an unknown key in the answers is an error with file:line:col and a did-you-mean", async () => {
  const dir = project({ "answers.yaml": "goal: x\nrequirments: [a]\n" });
  const r = await runCli(["interview", "checkout", "--answers", "answers.yaml"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /answers\.yaml:2:1: requirments: unknown key `requirments`: did you mean `requirements`\?/);
  assert.not.ok(existsSync(join(dir, SPEC)));
});

test("a bad priority in the answers lists the allowed values", async () => {
  const dir = project({ "answers.yaml": "goal: x\npriority: urgent\n" });
  const r = await runCli(["interview", "checkout", "--answers", "answers.yaml"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /answers\.yaml:2:11: priority: expected one of critical\|high\|medium\|low, got "urgent"/);
});

test("an existing spec is not overwritten without --force", async () => {
  const dir = project({ [SPEC]: "# mine\n" });
  const r = await runCli(["interview", "checkout", "--answers", "answers.yaml"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_USAGE_EXISTS/);
  assert.is(readFileSync(join(dir, SPEC), "utf8"), "# mine\n");
  const forced = await runCli(["interview", "checkout", "--answers", "answers.yaml", "--force"], { cwd: dir });
  assert.is(forced.code, 0);
  assert.match(forced.stdout, /^replaced /);
});

test("a feature id that could escape the features folder is refused before any path is built", async () => {
  for (const id of ["../etc", "User", "a/b", "a b", "a\nb"]) {
    const dir = project();
    const r = await runCli(["interview", id, "--answers", "answers.yaml"], { cwd: dir });
    assert.is(r.code, 2, id);
    assert.match(r.stderr, /E_USAGE_FEATURE_ID/, id);
    assert.not.ok(existsSync(join(dir, ".ai")), id);
  }
});

test("a missing answers file is bad input", async () => {
  const r = await runCli(["interview", "checkout", "--answers", "nope.yaml"], { cwd: project() });
  assert.is(r.code, 2);
  assert.match(r.stderr, /no answers file/);
});

test.run();
