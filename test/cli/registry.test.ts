import { test } from "uvu";
import * as assert from "uvu/assert";
import { commands } from "../../lib/cli/registry.ts";

test("each registry summary is its command's meta.description (help lists without loading every command)", async () => {
  const drift: string[] = [];
  for (const entry of commands) {
    const def = (await entry.load()).default as {
      meta: { description?: string } | (() => Promise<{ description?: string }>);
    };
    const meta = typeof def.meta === "function" ? await def.meta() : def.meta;
    if (meta.description !== entry.summary)
      drift.push(`${entry.name}: registry "${entry.summary}" ≠ meta "${meta.description}"`);
  }
  assert.equal(drift, []);
});

test.run();
