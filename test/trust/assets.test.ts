import { suite } from "uvu";
import * as assert from "uvu/assert";
import assets from "../../lib/trust/assets.ts";
import { configWith } from "./_models.ts";
import { tempDir } from "../_support/index.ts";

const provider = suite("trust assets");

provider("scripts install gets trust_model.yaml written from the resolved model", async () => {
  const files = await assets({
    root: tempDir(),
    config: configWith({ levels: { low: { patterns: ["src/billing/**"] } } }),
  });
  assert.equal(
    files.map((f) => f.path),
    ["trust_model.yaml"],
  );
  assert.match(files[0]!.content, /- pattern: src\/billing\/\*\*/);
  assert.match(files[0]!.content, /trust_levels:/);
});

provider.run();
