import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import * as v from "valibot";
import { specJsonSchema, specSchemaFiles } from "../../lib/specs/json-schemas.ts";
import { specSchemas, SPEC_KINDS, type SpecKind } from "../../lib/specs/schemas/index.ts";
import { TEMPLATES } from "../../lib/specs/templates.ts";

const here = dirname(fileURLToPath(import.meta.url));
const feature = readFileSync(join(here, "fixtures/valid-spec.yaml"), "utf8");
const contract = TEMPLATES.api_contract;
const tasks =
  "version: '1.0'\nfeature: user-auth\ntasks:\n  backend:\n    - id: BE-001\n      title: Store\n      methodology: BDD\n      max_iterations: 3\n";

/** A corpus of good and bad specs: [name, kind, yaml text, expected verdict]. */
const corpus: [string, SpecKind, string, boolean][] = [
  ["the feature fixture", "feature_spec", feature, true],
  ["the feature template", "feature_spec", TEMPLATES.feature_spec, true],
  [
    "a minimal feature",
    "feature_spec",
    "version: 1.0\nfeature: {id: a, name: A, priority: low, status: blocked}\nobjective: {summary: s}\nrequirements: {functional: [{id: FR-1, title: t}]}\n",
    true,
  ],
  ["a numeric version", "feature_spec", feature.replace('version: "1.0"', "version: 2"), true],
  ["status in_progress", "feature_spec", feature.replace("status: planning", "status: in_progress"), true],
  [
    "priority critical",
    "feature_spec",
    feature.replace("  priority: high\n  status", "  priority: critical\n  status"),
    true,
  ],
  ["test_coverage none", "feature_spec", feature.replace("test_coverage: required", "test_coverage: none"), true],
  ["methodology BDD", "feature_spec", feature.replace("methodology: TDD", "methodology: BDD"), true],
  ["max_iterations 1", "feature_spec", feature.replace("max_iterations: 10", "max_iterations: 1"), true],
  ["max_iterations 20", "feature_spec", feature.replace("max_iterations: 10", "max_iterations: 20"), true],
  ["no metadata", "feature_spec", feature.replace(/metadata:\n(  .*\n)+/, ""), true],
  ["missing feature.id", "feature_spec", feature.replace("  id: user-auth\n", ""), false],
  [
    "priority invalid",
    "feature_spec",
    feature.replace("  priority: high\n  status", "  priority: invalid\n  status"),
    false,
  ],
  ["status done", "feature_spec", feature.replace("status: planning", "status: done"), false],
  ["id with capitals", "feature_spec", feature.replace("id: user-auth", "id: User-Auth"), false],
  ["id with a slash", "feature_spec", feature.replace("id: user-auth", "id: ../etc"), false],
  ["id starting with -", "feature_spec", feature.replace("id: user-auth", "id: -x"), false],
  ["objective as a string", "feature_spec", feature.replace(/objective:\n(  .*\n)+/, "objective: just text\n"), false],
  [
    "objective without summary",
    "feature_spec",
    feature.replace("  summary: Let users sign in with email and password\n", ""),
    false,
  ],
  ["no requirements", "feature_spec", feature.replace(/requirements:\n(  .*\n)+/, ""), false],
  ["empty functional list", "feature_spec", feature.replace(/  functional:\n(    .*\n)+/, "  functional: []\n"), false],
  ["FR id wrong", "feature_spec", feature.replace("id: FR-101", "id: R-101"), false],
  ["NFR id wrong", "feature_spec", feature.replace("id: NFR-101", "id: FR-900"), false],
  ["test_coverage maybe", "feature_spec", feature.replace("test_coverage: required", "test_coverage: maybe"), false],
  [
    "acceptance criteria not strings",
    "feature_spec",
    feature.replace("- A correct password opens a session", "- {a: 1}"),
    false,
  ],
  ["contract type ruby", "feature_spec", feature.replace("type: typescript", "type: ruby"), false],
  ["methodology waterfall", "feature_spec", feature.replace("methodology: TDD", "methodology: waterfall"), false],
  ["max_iterations 0", "feature_spec", feature.replace("max_iterations: 10", "max_iterations: 0"), false],
  ["max_iterations 21", "feature_spec", feature.replace("max_iterations: 10", "max_iterations: 21"), false],
  ["max_iterations 2.5", "feature_spec", feature.replace("max_iterations: 10", "max_iterations: 2.5"), false],
  ["created not a date", "feature_spec", feature.replace("created: 2026-01-15", "created: 2026-13-40"), false],
  ["unknown top-level key", "feature_spec", `${feature}extra: 1\n`, false],
  [
    "unknown feature key",
    "feature_spec",
    feature.replace("  status: planning\n", "  status: planning\n  owner: me\n"),
    false,
  ],
  ["version as text", "feature_spec", feature.replace('version: "1.0"', "version: one"), false],
  ["name empty", "feature_spec", feature.replace("name: User authentication", 'name: ""'), false],
  ["risk impact extreme", "feature_spec", feature.replace("impact: high", "impact: extreme"), false],
  ["the contract template", "api_contract", contract, true],
  ["a functions-only contract", "api_contract", "version: '1'\napi: {name: lib}\nfunctions: [{name: f}]\n", true],
  ["contract method FETCH", "api_contract", contract.replace("method: POST", "method: FETCH"), false],
  ["contract path without /", "api_contract", contract.replace("path: /things", "path: things"), false],
  ["contract status 600", "api_contract", contract.replace('"201"', '"600"'), false],
  ["contract without api", "api_contract", "version: '1'\nfunctions: [{name: f}]\n", false],
  ["a task file", "task_spec", tasks, true],
  ["task id lowercase", "task_spec", tasks.replace("BE-001", "be-1"), false],
  ["task file without tasks", "task_spec", "version: '1.0'\n", false],
  ["task role with spaces", "task_spec", tasks.replace("backend:", "back end:"), false],
];

const ajv = new Ajv2020({ allErrors: true, strict: false });

test("every emitted schema is valid JSON Schema draft 2020-12", async () => {
  for (const kind of SPEC_KINDS) {
    const schema = await specJsonSchema(kind);
    assert.is(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
    assert.ok(ajv.validateSchema(schema), `${kind}: ${ajv.errorsText(ajv.errors)}`);
  }
});

test("the schema files are named feature_spec.json, api_contract.json and task_spec.json", async () => {
  assert.equal(Object.keys(await specSchemaFiles()).sort(), [
    "api_contract.json",
    "feature_spec.json",
    "task_spec.json",
  ]);
});

test("ajv and valibot agree on a corpus of at least 30 good and bad specs", async () => {
  assert.ok(corpus.length >= 30);
  assert.ok(corpus.filter((c) => c[3]).length >= 10 && corpus.filter((c) => !c[3]).length >= 20);
  const validators = Object.fromEntries(
    await Promise.all(SPEC_KINDS.map(async (k) => [k, ajv.compile(await specJsonSchema(k))])),
  );
  for (const [name, kind, text, expected] of corpus) {
    const value = parse(text);
    const byValibot = v.safeParse(specSchemas[kind], value).success;
    const byAjv = validators[kind](value) as boolean;
    assert.is(byValibot, expected, `valibot on "${name}"`);
    assert.is(byAjv, byValibot, `ajv disagrees with valibot on "${name}": ${ajv.errorsText(validators[kind].errors)}`);
  }
});

test.run();
