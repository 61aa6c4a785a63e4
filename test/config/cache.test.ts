import { suite } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configInputs, isPureConfigSource } from "../../lib/config/cache.ts";
import { loadConfig } from "../../lib/config/load.ts";
import { tempDir, writeFiles } from "../_support/index.ts";

const cache = suite("config cache");

cache("tells a pure-data config from one that reads its environment or imports", () => {
  assert.ok(
    isPureConfigSource(
      `import { defineConfig } from "wf-task";\nexport default defineConfig({ parallel: { roles: ["a"] } });\n`,
    ),
  );
  assert.ok(
    isPureConfigSource(`import type { UserConfig } from "wf-task";\nconst c: UserConfig = {};\nexport default c;\n`),
  );
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

cache("a pure config alone is also cached validated: the same LoadedConfig, and env overrides bypass it", async () => {
  const dir = project(`export default { parallel: { roles: ["one"] } };\n`);
  const fresh = await loadConfig({ cwd: dir, env: {} });
  await loadConfig({ cwd: dir, env: {} }); // the evaluated value from the cache, validated, written resolved
  const cacheDir = join(dir, "node_modules/.cache/wf-task");
  const resolved = readdirSync(cacheDir).find((f) => f.startsWith("resolved-"));
  assert.ok(resolved, readdirSync(cacheDir).join(", "));
  assert.equal(await loadConfig({ cwd: dir, env: {} }), fresh);
  // Prove it is read: doctor it; an env override (PROGRESS_DIR) goes around it.
  writeFileSync(
    join(cacheDir, resolved!),
    JSON.stringify({ ...fresh.config, parallel: { ...fresh.config.parallel, roles: ["doctored"] } }),
  );
  assert.equal((await loadConfig({ cwd: dir, env: {} })).config.parallel.roles, ["doctored"]);
  const overridden = await loadConfig({ cwd: dir, env: { PROGRESS_DIR: "state" } });
  assert.equal(overridden.config.parallel.roles, ["one"]);
  assert.match(overridden.config.harness.progressFile, /^state\//);
});

cache("with no config file the validated defaults are cached too, and a config file added is seen", async () => {
  const dir = tempDir();
  mkdirSync(join(dir, "node_modules"));
  const fresh = await loadConfig({ cwd: dir, env: {} });
  const cacheDir = join(dir, "node_modules/.cache/wf-task");
  const [resolved] = readdirSync(cacheDir).filter((f) => f.startsWith("resolved-"));
  assert.ok(resolved);
  assert.equal(await loadConfig({ cwd: dir, env: {} }), fresh);
  // Prove it is read: doctor it; an env override goes around it, a config file replaces it.
  writeFileSync(
    join(cacheDir, resolved!),
    JSON.stringify({ ...fresh.config, parallel: { ...fresh.config.parallel, roles: ["doctored"] } }),
  );
  assert.equal((await loadConfig({ cwd: dir, env: {} })).config.parallel.roles, ["doctored"]);
  assert.equal(
    (await loadConfig({ cwd: dir, env: { PROGRESS_DIR: "state" } })).config.parallel.roles,
    fresh.config.parallel.roles,
  );
  writeFiles(dir, { "workflow.config.ts": `export default { parallel: { roles: ["file"] } };\n` });
  assert.equal((await loadConfig({ cwd: dir, env: {} })).config.parallel.roles, ["file"]);
});

cache("a config reading process.env.NAME is cached by those values: another value is evaluated afresh", async () => {
  const dir = project(
    `export default { parallel: { agentCommand: process.env["AGENT"] ?? process.env.FALLBACK ?? "claude" } };\n`,
  );
  const agent = async (env: Record<string, string>) =>
    (await loadConfig({ cwd: dir, env })).config.parallel.agentCommand;
  assert.is(await agent({ AGENT: "first" }), "first");
  const cacheDir = join(dir, "node_modules/.cache/wf-task");
  const files = () => readdirSync(cacheDir).filter((f) => f.startsWith("config-"));
  assert.is(files().length, 1);
  // Prove the same value is served from the cache: doctor it.
  writeFileSync(join(cacheDir, files()[0]!), JSON.stringify({ parallel: { agentCommand: "from-cache" } }));
  assert.is(await agent({ AGENT: "first", UNRELATED: "x" }), "from-cache");
  assert.is(await agent({ AGENT: "second" }), "second");
  assert.is(await agent({}), "claude");
  assert.is(await agent({ FALLBACK: "codex" }), "codex");
  assert.is(files().length, 4);
});

cache(
  "a config reading the environment otherwise, or a secret-looking variable or value, is never cached",
  async () => {
    assert.equal(configInputs(`export default { a: process.env.AGENT, b: process.env['CI'] };\n`), {
      env: ["AGENT", "CI"],
    });
    assert.is(configInputs(`const k = "AGENT";\nexport default { a: process.env[k] };\n`), null);
    assert.is(configInputs(`export default { a: Object.keys(process.env) };\n`), null);
    assert.is(configInputs(`export default { mcp: { token: process.env.GITHUB_TOKEN } };\n`), null);
    const dir = project(`export default { parallel: { agentCommand: process.env.AGENT ?? "claude" } };\n`);
    const agent = async (env: Record<string, string>) =>
      (await loadConfig({ cwd: dir, env })).config.parallel.agentCommand;
    const credential = "sk_live_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c";
    assert.is(await agent({ AGENT: credential }), credential);
    const cacheDir = join(dir, "node_modules/.cache/wf-task");
    assert.not.ok(existsSync(cacheDir) && readdirSync(cacheDir).length, "nothing written");
    const computed = project(
      `const k = "AGENT";\nexport default { parallel: { agentCommand: process.env[k] ?? "claude" } };\n`,
    );
    assert.is((await loadConfig({ cwd: computed, env: { AGENT: "a" } })).config.parallel.agentCommand, "a");
    assert.is((await loadConfig({ cwd: computed, env: { AGENT: "b" } })).config.parallel.agentCommand, "b");
    assert.not.ok(existsSync(join(computed, "node_modules/.cache/wf-task")));
  },
);

cache("a function config is never cached", async () => {
  const dir = project(`export default ({ env }) => ({ parallel: { agentCommand: env.AGENT } });\n`);
  assert.is((await loadConfig({ cwd: dir, env: { AGENT: "a" } })).config.parallel.agentCommand, "a");
  assert.is((await loadConfig({ cwd: dir, env: { AGENT: "b" } })).config.parallel.agentCommand, "b");
});

cache("a linked worktree without node_modules is served from the cache in git's common folder", async () => {
  const main = tempDir();
  const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, stdio: "pipe" });
  git(main, "init", "-q");
  writeFiles(main, { "workflow.config.ts": `export default { parallel: { roles: ["main"] } };\n` });
  git(main, "add", ".");
  git(main, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "config");
  assert.equal((await loadConfig({ cwd: main, env: {} })).config.parallel.roles, ["main"]);
  const cacheDir = join(main, ".git/wf-task");
  const [file] = readdirSync(cacheDir);
  assert.ok(file, "written to .git/wf-task");
  // Prove the worktree reads the cache (not the TS loader): doctor the cached value.
  writeFileSync(join(cacheDir, file!), JSON.stringify({ parallel: { roles: ["from-cache"] } }));
  const wt = join(tempDir(), "wt");
  git(main, "worktree", "add", "-q", wt);
  assert.not.ok(existsSync(join(wt, "node_modules")));
  assert.equal((await loadConfig({ cwd: wt, env: {} })).config.parallel.roles, ["from-cache"]);
});

cache.run();
