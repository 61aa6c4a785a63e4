import { suite } from "uvu";
import * as assert from "uvu/assert";
import { loadConfig } from "../../lib/config/load.ts";
import { hasTrailer, trustGate } from "../../lib/enforcement/trust-gate.ts";
import { gitRepo } from "../_support/index.ts";

const gate = suite("trust gate");

gate("finds the review trailer with a value, ignoring comment lines", () => {
  assert.ok(hasTrailer("fix login\n\nHuman-Reviewed: Ada\n", "Human-Reviewed"));
  assert.ok(hasTrailer("fix\n\nhuman-reviewed: ada\n", "Human-Reviewed"));
  assert.not.ok(hasTrailer("fix\n\nHuman-Reviewed:\n", "Human-Reviewed"));
  assert.not.ok(hasTrailer("fix\n# Human-Reviewed: Ada\n", "Human-Reviewed"));
});

gate("stops low-trust paths only, unless allowed or reviewed", async () => {
  const dir = gitRepo({
    ".workflowrc.json": JSON.stringify({ enforcement: { trust: { gate: true, allow: ["deploy/**"] } } }),
  });
  const loaded = await loadConfig({ cwd: dir });
  const paths = ["src/payments/charge.ts", "deploy/app.yaml", "docs/readme.md"];
  assert.equal(
    (await trustGate(loaded, paths, "charge\n")).map((v) => v.file),
    ["src/payments/charge.ts"],
  );
  assert.equal(await trustGate(loaded, paths, "charge\n\nHuman-Reviewed: Ada\n"), []);
});

gate.run();
