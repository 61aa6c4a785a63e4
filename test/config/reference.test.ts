import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configReference } from "../../tasks/docs-config.ts";
import { ROOT } from "../_support/index.ts";

const reference = suite("docs/config.md");

reference("is what the schema generates (run `wf-task docs-config` after changing the schema)", () => {
  assert.is(readFileSync(join(ROOT, "docs/config.md"), "utf8"), configReference());
});

reference("documents every section and states defaults", () => {
  const text = configReference();
  for (const key of [
    "harness.progressFile",
    "trust.defaultLevel",
    "parallel.portRange.start",
    "specs.validation",
    "enforcement.tdd.strictness",
    "compound.maxRules",
    "integrations.mcp.timeoutMs",
  ]) {
    assert.match(text, `\`${key}\``);
  }
  assert.match(text, /`parallel\.portRange\.start` \| number \| `3001`/);
});

reference.run();
