import { test, suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { validateSpecText, validateSpec } from "../../lib/specs/validate.ts";
import { tempDir, writeFiles } from "../_support/index.ts";

const here = dirname(fileURLToPath(import.meta.url));
const valid = readFileSync(join(here, "fixtures/valid-spec.yaml"), "utf8");
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

test("a valid spec passes with no errors and no warnings", async () => {
  const r = await validateSpecText(valid, { file: "spec.yaml" });
  assert.equal(r.errors, []);
  assert.equal(r.warnings, []);
  assert.ok(r.valid);
  assert.is(r.kind, "feature_spec");
});

test("tasks may be grouped under any role `wf-task parallel` takes, and an unsafe role is an error at its key", async () => {
  assert.ok((await validateSpecText(valid.replace("\n  backend:\n", "\n  BE_api.v2:\n"))).valid);
  const r = await validateSpecText(valid.replace("\n  backend:\n", "\n  ../x:\n"));
  assert.not.ok(r.valid);
  assert.match(r.errors[0]!.path, /^tasks/);
});

test("a spec missing feature.id fails with an error naming feature.id and the line of `feature:`", async () => {
  const text = valid.replace("  id: user-auth\n", "");
  const r = await validateSpecText(text);
  assert.not.ok(r.valid);
  assert.is(r.errors.length, 1);
  const [e] = r.errors;
  assert.is(e!.path, "feature.id");
  assert.match(e!.message, /missing required key `id`/);
  assert.is(e!.line, lineOf(text, "feature:"));
});

test("priority `invalid` fails and lists the allowed values, at the value's line and column", async () => {
  const text = valid.replace("  priority: high\n  status", "  priority: invalid\n  status");
  const r = await validateSpecText(text);
  const [e] = r.errors;
  assert.is(e!.path, "feature.priority");
  assert.equal(e!.allowed, ["critical", "high", "medium", "low"]);
  assert.match(e!.message, /critical\|high\|medium\|low, got "invalid"/);
  assert.is(e!.line, lineOf(text, "priority: invalid"));
  assert.is(e!.col, 13);
});

test("a YAML syntax error carries line and column", async () => {
  const r = await validateSpecText("version: '1.0'\nfeature: [id, name\nobjective: x\n");
  assert.not.ok(r.valid);
  assert.is(r.errors[0]!.code, "E_SPEC_YAML");
  assert.ok(r.errors[0]!.line >= 2, `line ${r.errors[0]!.line}`);
  assert.ok(r.errors[0]!.col >= 1);
});

test("a duplicate key is an error at the second occurrence", async () => {
  const text = valid.replace("  status: planning\n", "  status: planning\n  status: review\n");
  const r = await validateSpecText(text);
  assert.is(r.errors[0]!.code, "E_SPEC_YAML");
  assert.match(r.errors[0]!.message, /duplicate key/);
  assert.is(r.errors[0]!.line, lineOf(text, "status: review"));
});

test("a list at the top level is an error at line 1", async () => {
  const r = await validateSpecText("- a\n- b\n");
  assert.is(r.errors[0]!.code, "E_SPEC_TOP_LEVEL");
  assert.match(r.errors[0]!.message, /expected a mapping at the top level.*got a list/);
  assert.is(r.errors[0]!.line, 1);
});

test("an empty file is an error, not a crash", async () => {
  const r = await validateSpecText("");
  assert.is(r.errors[0]!.code, "E_SPEC_TOP_LEVEL");
});

test("an unknown key gets a did-you-mean and the key's position", async () => {
  const text = valid.replace("objective:", "objectve:");
  const r = await validateSpecText(text);
  const unknown = r.errors.find((e) => e.path === "objectve");
  assert.ok(unknown, JSON.stringify(r.errors));
  assert.match(unknown!.message, /did you mean `objective`/);
  assert.is(unknown!.line, lineOf(text, "objectve:"));
  assert.is(unknown!.col, 1);
});

test("a misspelt required key is reported once, as an unknown key with its correction", async () => {
  const r = await validateSpecText(valid.replace("objective:", "objectve:"));
  assert.equal(
    r.errors.map((e) => e.path),
    ["objectve"],
  );
});

test("errors come in the order of the file", async () => {
  const text = valid
    .replace("status: planning", "status: nope")
    .replace("test_coverage: required", "test_coverage: maybe")
    .replace("priority: high\n  status", "priority: bad\n  status");
  const r = await validateSpecText(text);
  const lines = r.errors.map((e) => e.line);
  assert.equal(
    lines,
    [...lines].sort((a, b) => a - b),
  );
  assert.is(r.errors.length, 3);
});

test("errors deep in lists name the index path and the pattern expected", async () => {
  const text = valid.replace("- id: FR-102", "- id: REQ-2");
  const r = await validateSpecText(text);
  const [e] = r.errors;
  assert.is(e!.path, "requirements.functional[1].id");
  assert.match(e!.message, /FR-/);
  assert.is(e!.line, lineOf(text, "REQ-2"));
});

test("max_iterations outside 1–20 is an error", async () => {
  const r = await validateSpecText(valid.replace("max_iterations: 10", "max_iterations: 30"));
  assert.is(r.errors[0]!.path, "tasks.backend[0].max_iterations");
  assert.match(r.errors[0]!.message, /<=20.*got 30/);
});

test("all schema errors are reported at once", async () => {
  const text = valid.replace("priority: high\n  status: planning", "priority: urgent\n  status: done");
  const r = await validateSpecText(text);
  assert.equal(
    r.errors.map((e) => e.path),
    ["feature.priority", "feature.status"],
  );
});

test("duplicate requirement ids, unknown references and empty acceptance lists are warnings", async () => {
  const text = valid
    .replace("- id: FR-102", "- id: FR-101")
    .replace("reference: FR-101", "reference: FR-999")
    .replace("acceptance_criteria: [The session ends]", "acceptance_criteria: []");
  const r = await validateSpecText(text);
  assert.ok(r.valid);
  const codes = r.warnings.map((w) => w.code).sort();
  assert.equal(codes, ["W_SPEC_DUPLICATE_ID", "W_SPEC_EMPTY_ACCEPTANCE", "W_SPEC_UNKNOWN_REQUIREMENT"]);
  const unknown = r.warnings.find((w) => w.code === "W_SPEC_UNKNOWN_REQUIREMENT")!;
  assert.is(unknown.line, lineOf(text, "reference: FR-999"));
});

test("an API contract is recognised by its `api` key and checked against its own schema", async () => {
  const ok = await validateSpecText(
    "version: '1.0'\napi: {name: auth}\nendpoints:\n  - method: POST\n    path: /login\n    responses: {'200': {description: ok}}\n",
  );
  assert.is(ok.kind, "api_contract");
  assert.ok(ok.valid, JSON.stringify(ok.errors));
  const bad = await validateSpecText(
    "version: '1.0'\napi: {name: auth}\nendpoints:\n  - method: FETCH\n    path: /login\n    responses: {}\n",
  );
  assert.is(bad.errors[0]!.path, "endpoints[0].method");
  assert.ok(bad.errors[0]!.allowed!.includes("POST"));
});

// ---
const hostile = suite("hostile input");

hostile("an alias bomb is refused quickly with a clear error", async () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++)
    lines.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(",")}]`,
    );
  const started = Date.now();
  const r = await validateSpecText(lines.join("\n"));
  assert.ok(Date.now() - started < 2000);
  assert.is(r.errors[0]!.code, "E_SPEC_ALIAS_BOMB");
  assert.match(r.errors[0]!.message, /alias/);
});

hostile("deep flow nesting is refused before parsing, with its position", async () => {
  const text = `version: '1.0'\nfeature: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
  const started = Date.now();
  const r = await validateSpecText(text);
  assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);
  assert.is(r.errors[0]!.code, "E_SPEC_TOO_DEEP");
  assert.is(r.errors[0]!.line, 2);
});

hostile("deep block nesting is refused", async () => {
  let text = "";
  for (let i = 0; i < 200; i++) text += `${" ".repeat(i)}k:\n`;
  const r = await validateSpecText(text);
  assert.is(r.errors[0]!.code, "E_SPEC_TOO_DEEP");
});

hostile("a huge file is refused without being read", async () => {
  const dir = tempDir();
  writeFiles(dir, { "big.yaml": `x: "${"a".repeat(2_000_000)}"\n` });
  const started = Date.now();
  const r = await validateSpec(join(dir, "big.yaml"));
  assert.ok(Date.now() - started < 500);
  assert.is(r.errors[0]!.code, "E_SPEC_TOO_LARGE");
});

hostile("a missing file is bad input", async () => {
  try {
    await validateSpec(join(tempDir(), "nope.yaml"));
    assert.unreachable("should throw");
  } catch (error) {
    assert.is((error as { code: string }).code, "E_USAGE_NOT_FOUND");
  }
});

test.run();
hostile.run();
