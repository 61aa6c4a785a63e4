import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { json, runCli, tempDir, writeFiles } from "../../_support/index.ts";

const here = dirname(fileURLToPath(import.meta.url));
const valid = readFileSync(join(here, "../fixtures/valid-spec.yaml"), "utf8");
const SPEC = ".ai/project/features/user-auth/spec.yaml";

function project(files: Record<string, string> = {}): string {
  const dir = tempDir();
  writeFiles(dir, { ".workflowrc.json": "{}\n", [SPEC]: valid, ...files });
  return dir;
}

test("spec validate prints `file:line:col: error: path: message` and exits 1 on an invalid spec", async () => {
  const dir = project({ "bad.yaml": valid.replace("  priority: high\n  status", "  priority: invalid\n  status") });
  const r = await runCli(["spec", "validate", "bad.yaml"], { cwd: dir });
  assert.is(r.code, 1);
  assert.match(
    r.stdout,
    /^bad\.yaml:5:13: error: feature\.priority: expected one of critical\|high\|medium\|low, got "invalid"$/m,
  );
  assert.match(r.stdout, /bad\.yaml: invalid feature_spec \(1 error\)/);
});

test("spec validate --json gives {valid, mode, files:[{file, kind, valid, errors, warnings}]}", async () => {
  const dir = project({ "bad.yaml": valid.replace("  id: user-auth\n", "") });
  const r = await runCli(["spec", "validate", "bad.yaml", SPEC, "--json"], { cwd: dir });
  const out = json(r);
  assert.is(out.valid, false);
  assert.is(out.mode, "strict");
  assert.equal(
    out.files.map((f: any) => [f.file, f.valid]),
    [
      ["bad.yaml", false],
      [SPEC, true],
    ],
  );
  assert.equal(Object.keys(out.files[0].errors[0]).sort(), ["code", "col", "line", "message", "path"]);
  assert.is(out.files[0].errors[0].path, "feature.id");
});

test("spec validate with no file checks every feature spec; a feature id stands for its spec", async () => {
  const dir = project();
  const all = await runCli(["spec", "validate"], { cwd: dir });
  assert.is(all.code, 0);
  assert.match(all.stdout, /user-auth\/spec\.yaml: valid feature_spec/);
  const byId = json(await runCli(["spec", "validate", "user-auth", "--json"], { cwd: dir }));
  assert.is(byId.files[0].file, SPEC);
});

test("specs.validation warn reports errors and exits 0; off checks nothing", async () => {
  const bad = valid.replace("status: planning", "status: nope");
  const warn = project({ ".workflowrc.json": JSON.stringify({ specs: { validation: "warn" } }), "bad.yaml": bad });
  const r = await runCli(["spec", "validate", "bad.yaml"], { cwd: warn });
  assert.is(r.code, 0);
  assert.match(r.stdout, /error: feature\.status/);
  const off = project({ ".workflowrc.json": JSON.stringify({ specs: { validation: "off" } }), "bad.yaml": bad });
  const o = await runCli(["spec", "validate", "bad.yaml", "--json"], { cwd: off });
  assert.is(o.code, 0);
  assert.equal(json(o).files, []);
  assert.is((await runCli(["spec", "validate", "bad.yaml", "--mode", "strict"], { cwd: off })).code, 1);
});

test("spec validate of a missing file is bad input (exit 2)", async () => {
  const r = await runCli(["spec", "validate", "nope.yaml"], { cwd: project() });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_USAGE_NOT_FOUND/);
});

test("spec check reports missing requirements with exit 1, using the configured test patterns", async () => {
  const dir = project({
    ".workflowrc.json": JSON.stringify({ enforcement: { tdd: { testPatterns: ["checks/**"] } } }),
    "src/auth.ts": "// FR-101 sign in\n",
    "checks/auth.ts": "// @covers FR-101\n",
  });
  const r = await runCli(["spec", "check", "user-auth", "--json"], { cwd: dir });
  assert.is(r.code, 1);
  const out = json(r);
  assert.is(out.compliant, false);
  assert.equal(out.complete, ["FR-101"]);
  assert.equal(out.missing, ["FR-102"]);
  assert.equal(out.requirements[0].tests, [{ file: "checks/auth.ts", line: 1 }]);
  const human = await runCli(["spec", "check", SPEC], { cwd: dir });
  assert.match(human.stdout, /missing\s+FR-102/);
  assert.match(human.stdout, /not compliant, 1\/2 complete; missing FR-102/);
});

test("spec check exits 0 when every requirement is complete", async () => {
  const dir = project({ "src/auth.ts": "// FR-101 FR-102\n", "test/auth.test.ts": "// FR-101 FR-102\n" });
  const r = await runCli(["spec", "check", SPEC], { cwd: dir });
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /compliant, 2\/2/);
});

test("spec check refuses an invalid spec with its file:line:col", async () => {
  const dir = project({ "bad.yaml": valid.replace("status: planning", "status: nope") });
  const r = await runCli(["spec", "check", "bad.yaml"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /bad\.yaml:6:11: expected one of planning/);
});

test("spec tasks prints the Markdown breakdown", async () => {
  const r = await runCli(["spec", "tasks", "user-auth"], { cwd: project() });
  assert.is(r.code, 0);
  assert.match(r.stdout, /## Backend\n\n### BE-001: Session store/);
});

test("spec schema --out writes the three JSON Schemas; with a kind it prints one", async () => {
  const dir = project();
  const r = await runCli(["spec", "schema", "--out", "schemas"], { cwd: dir });
  assert.is(r.code, 0);
  for (const f of ["feature_spec.json", "api_contract.json", "task_spec.json"])
    assert.ok(existsSync(join(dir, "schemas", f)), f);
  const one = await runCli(["spec", "schema", "api_contract"], { cwd: dir });
  assert.is(JSON.parse(one.stdout).title, "wf-task API contract");
  await runCli(["spec", "schema"], { cwd: dir });
  assert.ok(existsSync(join(dir, ".ai/workflow/specs/schema/feature_spec.json")));
});

test("spec template prints a template that spec validate accepts; --out refuses to overwrite", async () => {
  const dir = project();
  const r = await runCli(["spec", "template", "feature_spec"], { cwd: dir });
  writeFiles(dir, { "t.yaml": r.stdout });
  assert.is((await runCli(["spec", "validate", "t.yaml"], { cwd: dir })).code, 0);
  assert.is((await runCli(["spec", "template", "api_contract", "--out", "t.yaml"], { cwd: dir })).code, 2);
  assert.is((await runCli(["spec", "template", "api_contract", "--out", "t.yaml", "--force"], { cwd: dir })).code, 0);
  assert.match(readFileSync(join(dir, "t.yaml"), "utf8"), /API contract/);
});

test.run();
