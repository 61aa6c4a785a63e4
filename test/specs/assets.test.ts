import { test } from "uvu";
import * as assert from "uvu/assert";
import assets from "../../lib/specs/assets.ts";
import { defaultConfig } from "../../lib/config/defaults.ts";
import { validateSpecText } from "../../lib/specs/validate.ts";

test("scripts install gets the three schemas and two templates under specs/", async () => {
  const files = await assets({ root: "/tmp/x", config: defaultConfig() });
  assert.equal(files.map((f) => f.path).sort(), [
    "specs/schema/api_contract.json",
    "specs/schema/feature_spec.json",
    "specs/schema/task_spec.json",
    "specs/templates/api_contract.yaml",
    "specs/templates/feature_spec.yaml",
  ]);
  for (const f of files.filter((f) => f.path.endsWith(".json")))
    assert.is(JSON.parse(f.content).$schema, "https://json-schema.org/draft/2020-12/schema");
  for (const f of files.filter((f) => f.path.endsWith(".yaml")))
    assert.ok((await validateSpecText(f.content)).valid, f.path);
});

test.run();
