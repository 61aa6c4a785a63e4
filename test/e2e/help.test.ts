import { suite } from "uvu";
import * as assert from "uvu/assert";
import { commands } from "../../lib/cli/registry.ts";
import { runBuilt, tempDir } from "../_support/index.ts";

const help = suite("built CLI: help on every command");

help("--version prints the package version", () => {
  const r = runBuilt(["--version"]);
  assert.is(r.code, 0);
  assert.match(r.stdout.trim(), /^\d+\.\d+\.\d+$/);
});

help("every registered command answers --help with exit 0 and a usage line", () => {
  const cwd = tempDir();
  for (const entry of commands) {
    const r = runBuilt([entry.name, "--help"], { cwd });
    assert.is(r.code, 0, `${entry.name}: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`^wf-task ${entry.name}`), entry.name);
    assert.match(r.stdout, /Usage: /, entry.name);
  }
});

help.run();
