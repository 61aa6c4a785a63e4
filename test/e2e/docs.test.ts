import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cliReference } from "../../tasks/docs-cli.ts";
import { commands } from "../../lib/cli/registry.ts";
import { ROOT } from "../_support/index.ts";

const docs = suite("docs/cli.md");

docs("is what the commands' definitions generate (run `wf-task docs-cli` after changing a command)", async () => {
  assert.is(readFileSync(join(ROOT, "docs/cli.md"), "utf8"), await cliReference());
});

docs("has a section for every command", async () => {
  const text = await cliReference();
  for (const c of commands) assert.match(text, `## \`wf-task ${c.name}\``);
  assert.match(text, "### `wf-task progress update`");
});

docs.run();
