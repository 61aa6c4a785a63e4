import { suite } from "uvu";
import * as assert from "uvu/assert";
import Ajv2020 from "ajv/dist/2020.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT, json, runCli, tempDir, writeFiles } from "../_support/index.ts";

const FIXTURES = join(ROOT, "test/specs/fixtures");
const PLAN = {
  feature_spec: "plan_feature_spec.yaml",
  api_contract: "plan_api_contract.yaml",
  task_spec: "plan_task_spec.yaml",
} as const;

const shapes = suite("specs in the plan's shapes");

shapes("spec validate accepts the plan's feature spec, API contract and single-task spec", async () => {
  for (const [kind, file] of Object.entries(PLAN)) {
    const r = await runCli(["spec", "validate", join(FIXTURES, file), "--json"], { cwd: ROOT });
    assert.is(r.code, 0, `${file}: ${r.stdout}${r.stderr}`);
    assert.is(json(r).files[0].kind, kind);
  }
});

shapes("a typo in the plan's shape is still an error", async () => {
  const dir = tempDir();
  const text = readFileSync(join(FIXTURES, PLAN.feature_spec), "utf8").replace("success_metrics:", "success_metric:");
  writeFiles(dir, { "spec.yaml": text });
  const r = await runCli(["spec", "validate", join(dir, "spec.yaml")], { cwd: dir });
  assert.is(r.code, 1);
  assert.match(r.stdout + r.stderr, /success_metric/);
});

shapes("spec schema emits schemas that accept both the plan's shapes and the current ones", async () => {
  const dir = tempDir();
  assert.is((await runCli(["spec", "schema", "--out", dir], { cwd: ROOT })).code, 0);
  const check = (kind: string, file: string) => {
    const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(dir, `${kind}.json`), "utf8")));
    const ok = validate(parse(readFileSync(join(FIXTURES, file), "utf8")));
    assert.ok(ok, `${file} against ${kind}.json: ${JSON.stringify(validate.errors)}`);
  };
  for (const [kind, file] of Object.entries(PLAN)) check(kind, file);
  check("feature_spec", "valid-spec.yaml");
});

shapes("spec tasks reads the plan's feature spec", async () => {
  const r = await runCli(["spec", "tasks", join(FIXTURES, PLAN.feature_spec)], { cwd: ROOT });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /BE-001/);
});

shapes.run();
