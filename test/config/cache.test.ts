import { suite } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isPureConfigSource } from "../../lib/config/cache.ts";
import { loadConfig } from "../../lib/config/load.ts";
import { tempDir, writeFiles } from "../_support/index.ts";

const cache = suite("config cache");

cache("tells a pure-data config from one that reads its environment or imports", () => {
  assert.ok(isPureConfigSource(`import { defineConfig } from "wf-task";\nexport default defineConfig({ parallel: { roles: ["a"] } });\n`));
  assert.ok(isPureConfigSource(`import type { UserConfig } from "wf-task";\nconst c: UserConfig = {};\nexport default c;\n`));
  assert.not.ok(isPureConfigSource(`export default { parallel: { agentCommand: process.env.AGENT } };\n`));
  assert.not.ok(isPureConfigSource(`import roles from "./roles.ts";\nexport default { parallel: { roles } };\n`));
  assert.not.ok(isPureConfigSource(`export default { harness: { progressFile: \`\${Date.now()}\` } };\n`));
  assert.not.ok(isPureConfigSource(`const x = await import("node:os");\nexport default {};\n`));
});

function project(config: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, "node_modules"));
  writeFiles(dir, { "workflow.config.ts": config });
  return dir;
}

cache("a pure config is served from the cache on the next load, and a change to it is seen", async () => {
  const dir = project(`export default { parallel: { roles: ["one"] } };\n`);
  assert.equal((await loadConfig({ cwd: dir, env: {} })).config.parallel.roles, ["one"]);
  const cacheDir = join(dir, "node_modules/.cache/wf-task");
  const [file] = readdirSync(cacheDir);
  assert.ok(file);
  // Prove the next load reads the cache: doctor the cached value.
  writeFileSync(join(cacheDir, file!), JSON.stringify({ parallel: { roles: ["from-cache"] } }));
  assert.equal((await loadConfig({ cwd: dir, env: {} })).config.parallel.roles, ["from-cache"]);
  writeFileSync(join(dir, "workflow.config.ts"), `export default { parallel: { roles: ["two"] } };\n`);
  assert.equal((await loadConfig({ cwd: dir, env: {} })).config.parallel.roles, ["two"]);
});

cache("a config that reads the environment is never cached", async () => {
  const dir = project(`export default { parallel: { agentCommand: process.env.AGENT ?? "claude" } };\n`);
  process.env.AGENT = "first";
  assert.is((await loadConfig({ cwd: dir, env: {} })).config.parallel.agentCommand, "first");
  process.env.AGENT = "second";
  assert.is((await loadConfig({ cwd: dir, env: {} })).config.parallel.agentCommand, "second");
  delete process.env.AGENT;
});

cache("a function config is never cached", async () => {
  const dir = project(`export default ({ env }) => ({ parallel: { agentCommand: env.AGENT } });\n`);
  assert.is((await loadConfig({ cwd: dir, env: { AGENT: "a" } })).config.parallel.agentCommand, "a");
  assert.is((await loadConfig({ cwd: dir, env: { AGENT: "b" } })).config.parallel.agentCommand, "b");
});

cache.run();
