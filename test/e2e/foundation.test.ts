import { suite } from "uvu";
import * as assert from "uvu/assert";
import { gitRepo, json, runBuilt, writeFiles } from "../_support/index.ts";

const e2e = suite("built CLI: foundation");

e2e("config show --json in an empty git repo prints the full default config", () => {
  const dir = gitRepo();
  const r = runBuilt(["config", "show", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const body = json(r);
  assert.is(body.root, dir);
  assert.equal(body.sources, []);
  for (const section of ["harness", "trust", "parallel", "specs", "enforcement", "compound", "integrations"])
    assert.ok(body.config[section], section);
  assert.equal(body.config.parallel.portRange, { start: 3001, end: 3010 });
  assert.is(body.config.enforcement.tdd.strictness, "strict");
});

e2e("a workflow.config.ts overrides the defaults, loaded by plain node", () => {
  const dir = gitRepo({
    "workflow.config.ts": `type Roles = string[];\nconst roles: Roles = ["api", "web"];\nexport default { parallel: { roles } };\n`,
  });
  const r = runBuilt(["config", "show", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.equal(json(r).config.parallel.roles, ["api", "web"]);
});

e2e("a bad config exits 2 naming the file and the key", () => {
  const dir = gitRepo();
  writeFiles(dir, {
    ".ai/project/config.yaml": "version: '2.0'\nparallel:\n  port_range:\n    start: 4000\n    end: 3000\n",
  });
  const r = runBuilt(["config", "validate"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(
    r.stderr,
    /^error E_CONFIG: \.ai\/project\/config\.yaml:5:\d+: parallel\.port_range\.end: expected `end` ≥ `start` \(4000\), got 3000$/m,
  );
  assert.match(r.stderr, /hint: /);
  assert.not.match(r.stderr, /\n\s+at /, "no stack trace without --debug");
});

e2e("config schema emits a draft 2020-12 JSON Schema of the config", () => {
  const r = runBuilt(["config", "schema"]);
  assert.is(r.code, 0, r.stderr);
  const schema = json(r);
  assert.is(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.ok(schema.properties.parallel.properties.portRange);
});

e2e.run();
