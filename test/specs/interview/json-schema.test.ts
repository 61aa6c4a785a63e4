import { suite } from "uvu";
import * as assert from "uvu/assert";
import Ajv2020 from "ajv/dist/2020.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT, gitRepo, json, runCli, tempDir, writeFiles } from "../../_support/index.ts";

// The interview's output, checked with ajv against the JSON Schemas `spec schema` emits (the ones that
// accept the plan's shapes: test/specs/plan-shapes.test.ts validates the plan's fixtures against them).
const schemas = suite("interview output against the JSON Schemas");

async function validator(kind: string) {
  const dir = tempDir();
  assert.is((await runCli(["spec", "schema", "--out", dir], { cwd: ROOT })).code, 0);
  const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false, allErrors: true });
  return ajv.compile(JSON.parse(readFileSync(join(dir, `${kind}.json`), "utf8")));
}

const answers =
  "name: Checkout\n" +
  "goal: Let customers pay\n" +
  "acceptance_criteria:\n" +
  "  - A card payment completes\n" +
  "apis:\n" +
  "  - POST /checkout Pay the cart\n" +
  "  - GET /orders/{id}\n" +
  "requirements:\n" +
  "  - Pay by card\n" +
  "  - Email a receipt\n";

for (const mode of ["quick", "api"] as const) {
  schemas(
    `--${mode} with answers from a file writes a feature spec${mode === "api" ? " and an API contract" : ""} the schemas accept`,
    async () => {
      const dir = gitRepo();
      writeFiles(dir, { "a.yaml": mode === "quick" ? answers.replace(/^apis:\n(  .*\n)+/m, "") : answers });
      const r = await runCli(["interview", "checkout", `--${mode}`, "--answers", "a.yaml", "--json"], { cwd: dir });
      assert.is(r.code, 0, r.stderr);
      const out = json(r);
      const feature = await validator("feature_spec");
      const spec = parse(readFileSync(join(dir, out.spec), "utf8"));
      assert.ok(feature(spec), `spec.yaml: ${JSON.stringify(feature.errors)}`);
      if (mode === "api") {
        const contract = await validator("api_contract");
        const c = parse(readFileSync(join(dir, out.contract), "utf8")) as { endpoints: unknown[] };
        assert.ok(contract(c), `api_contract.yaml: ${JSON.stringify(contract.errors)}`);
        assert.is(c.endpoints.length, 2);
      } else assert.is(out.contract, undefined);
    },
  );
}

schemas.run();
