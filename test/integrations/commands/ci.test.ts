import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { json, runCli, tempDir, writeFiles } from "../../_support/index.ts";

const ci = suite("wf-task ci");

ci("lists the two templates", async () => {
  const r = await runCli(["ci", "list", "--json"], { cwd: tempDir() });
  assert.is(r.code, 0, r.stderr);
  assert.equal(json(r).templates.map((t: any) => t.name), ["ai_review", "spec_validation"]);
});

ci("renders into .github/workflows, then reports them unchanged", async () => {
  const dir = tempDir();
  const r = await runCli(["ci", "render", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.equal(json(r).files.map((f: any) => [f.file, f.status]), [[".github/workflows/ai_review.yaml", "written"], [".github/workflows/spec_validation.yaml", "written"]]);
  assert.match(readFileSync(join(dir, ".github/workflows/ai_review.yaml"), "utf8"), /^# AI review/);
  const again = await runCli(["ci", "render", "ai_review", "--out", "ci"], { cwd: dir });
  assert.match(again.stdout, /written\s+ci\/ai_review\.yaml/);
  assert.not.ok(existsSync(join(dir, "ci/spec_validation.yaml")));
  assert.match((await runCli(["ci", "render"], { cwd: dir })).stdout, /unchanged/);
});

ci("refuses to overwrite a workflow it did not write unless --force", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".github/workflows/ai_review.yaml": "name: mine\n" });
  const r = await runCli(["ci", "render"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_CI_EXISTS/);
  assert.is(readFileSync(join(dir, ".github/workflows/ai_review.yaml"), "utf8"), "name: mine\n");
  assert.is((await runCli(["ci", "render", "--force"], { cwd: dir })).code, 0);
});

ci("rejects an unknown template name", async () => {
  const r = await runCli(["ci", "render", "deploy"], { cwd: tempDir() });
  assert.is(r.code, 2);
  assert.match(r.stderr, /one of: ai_review, spec_validation/);
});

ci.run();
