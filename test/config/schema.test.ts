import { suite } from "uvu";
import * as assert from "uvu/assert";
import Ajv2020 from "ajv/dist/2020.js";
import { ConfigSchema } from "../../lib/config/schema.ts";
import { defaultConfig } from "../../lib/config/defaults.ts";
import { validateConfig } from "../../lib/config/validate.ts";
import { emitJsonSchema } from "../../lib/util/json-schema.ts";

const schema = suite("config JSON Schema");

schema("is valid draft 2020-12 and agrees with the valibot schema", async () => {
  const json = await emitJsonSchema(ConfigSchema, { title: "wf-task config" });
  const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false, allErrors: true });
  const check = ajv.compile(json);
  const cases: unknown[] = [
    {},
    defaultConfig(),
    { parallel: { roles: ["a"], portRange: { start: 4000, end: 4001 } } },
    { parallel: { portRange: { start: "x" } } },
    { parallle: {} },
    { trust: { defaultLevel: "extreme" } },
    { enforcement: { tdd: { strictness: "warn", minCoverage: 80 } } },
    { enforcement: { tdd: { minCoverage: 101 } } },
    { integrations: { mcp: { servers: [{ name: "github", command: "npx" }] } } },
    { integrations: { mcp: { servers: [{ command: "npx" }] } } },
  ];
  for (const input of cases) {
    assert.is(check(input), validateConfig(input).ok, JSON.stringify(input));
  }
});

schema.run();
