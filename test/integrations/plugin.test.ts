import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT } from "../_support/index.ts";
import { findCommand } from "../../lib/runner/registry.ts";
import { VERSION } from "../../lib/version.ts";

const plugin = suite("Claude Code plugin");
const dir = join(ROOT, "plugins/multi-agent-workflow");

plugin("plugin.json names the plugin with this package's version", () => {
  const manifest = JSON.parse(readFileSync(join(dir, ".claude-plugin/plugin.json"), "utf8"));
  assert.is(manifest.name, "multi-agent-workflow");
  assert.is(manifest.version, VERSION);
  assert.ok(manifest.description.length > 20);
});

for (const name of ["progress", "trust"]) {
  plugin(`/workflows:${name} has Claude Code frontmatter and calls only real wf-task commands it is allowed to run`, () => {
    const text = readFileSync(join(dir, `commands/workflows/${name}.md`), "utf8");
    const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
    assert.ok(m, "frontmatter");
    const front = parse(m![1]!);
    for (const key of ["description", "argument-hint", "allowed-tools"]) assert.ok(front[key], key);
    const calls = [...m![2]!.matchAll(/npx wf-task ([a-z]+)/g)].map((c) => c[1]!);
    assert.ok(calls.length > 0);
    for (const cmd of calls) {
      assert.ok(findCommand(cmd), `wf-task ${cmd} is not a command`);
      assert.ok(String(front["allowed-tools"]).includes(`Bash(npx wf-task ${cmd}:*)`), `allowed-tools does not allow wf-task ${cmd}`);
    }
  });
}

plugin.run();
