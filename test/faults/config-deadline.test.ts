import { suite } from "uvu";
import * as assert from "uvu/assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { git, gitRepo, json, runBuilt } from "../_support/index.ts";

const t = suite("faults: configs that never settle, loop or throw");

// The deadline is lowered for the test; the default (5 s) is within every hook's budget the same way.
// A hook's budget is Claude Code's hook timeout (60 s by default): a run killed at 30 s failed it.
const ENV = { WF_CONFIG_TIMEOUT_MS: "1000", FORCE_COLOR: undefined };
const BUDGET_MS = 30_000;
// Configs that do finish run under the default deadline (a loaded machine may take a second to transpile).
const DEFAULT_ENV = { FORCE_COLOR: undefined };

const CONFIGS = {
  "never settles": "export default new Promise(() => {});\n",
  loops: "while (true) {}\nexport default {};\n",
};

function repoWith(config: string): string {
  const dir = gitRepo({ "README.md": "# x\n", "src/app.ts": "export const a = 1;\n" });
  writeFileSync(join(dir, "workflow.config.ts"), config);
  writeFileSync(join(dir, "src/untested.ts"), "export const b = 2;\n");
  git(dir, "add", "-A");
  return dir;
}

function timed(argv: string[], cwd: string, input?: string) {
  const start = performance.now();
  const r = runBuilt(argv, { cwd, env: ENV, input, timeout: BUDGET_MS });
  assert.ok(r.code !== -1, `${argv.join(" ")} did not answer within ${BUDGET_MS} ms`);
  return { ...r, ms: performance.now() - start };
}

for (const [name, config] of Object.entries(CONFIGS)) {
  t(
    `a config that ${name}: commands and the gate exit 2 with E_CONFIG_TIMEOUT, the hooks answer within their budget with exit 0`,
    () => {
      const dir = repoWith(config);
      const show = timed(["config", "show"], dir);
      assert.is(show.code, 2, show.stderr);
      assert.match(show.stderr, /^error E_CONFIG_TIMEOUT: workflow\.config\.ts: /);
      assert.not.match(show.stderr, /\n\s+at /, "no stack trace");

      const gate = timed(["precommit"], dir);
      assert.is(gate.code, 2, `the gate refuses the commit: ${gate.stderr}`);
      assert.match(gate.stderr, /E_CONFIG_TIMEOUT/);

      const input = JSON.stringify({
        tool_name: "Write",
        tool_input: { file_path: join(dir, "src/app.ts"), content: "x" },
        cwd: dir,
        hook_event_name: "PreToolUse",
      });
      const hook = timed(["trust", "hook", "claude"], dir, input);
      assert.is(hook.code, 0, hook.stderr);
      const answer = json(hook).hookSpecificOutput;
      assert.is(answer.permissionDecision, "ask");
      assert.match(answer.permissionDecisionReason, /did not finish|never settles/);

      const start = timed(
        ["resume", "--hook", "claude"],
        dir,
        JSON.stringify({ cwd: dir, hook_event_name: "SessionStart", source: "startup" }),
      );
      assert.is(start.code, 0, start.stderr);
      assert.match(
        json(start).hookSpecificOutput.additionalContext,
        /could not restore the previous session: workflow\.config\.ts: the config/,
      );
    },
  );
}

t("a config function that never settles or loops: exit 2 with E_CONFIG_TIMEOUT", () => {
  for (const config of [
    "export default async () => new Promise(() => {});\n",
    "export default () => { for (;;) {} };\n",
  ]) {
    const r = timed(["config", "show"], repoWith(config));
    assert.is(r.code, 2, r.stderr);
    assert.match(r.stderr, /^error E_CONFIG_TIMEOUT: workflow\.config\.ts: the config/);
  }
});

t("a config function that throws: exit 2 with the file and the message, no stack unless --debug", () => {
  const dir = repoWith(`export default () => { throw new Error("DATABASE_URL is not set"); };\n`);
  const r = runBuilt(["config", "show"], { cwd: dir, env: DEFAULT_ENV });
  assert.is(r.code, 2);
  assert.is(
    r.stderr.split("\n")[0],
    "error E_CONFIG_LOAD: workflow.config.ts: the config threw: DATABASE_URL is not set",
  );
  assert.not.match(r.stderr, /\n\s+at /);
  const j = runBuilt(["config", "show", "--json"], { cwd: dir, env: DEFAULT_ENV });
  assert.is(json(j).error.code, "E_CONFIG_LOAD");
  const debug = runBuilt(["config", "show", "--debug"], { cwd: dir, env: DEFAULT_ENV });
  assert.match(debug.stderr, /\n\s+at /, "--debug shows the stack");
});

t("a syntax error in workflow.config.ts gives the loader's line and column", () => {
  const dir = repoWith(`export default {\n  harness: { autoRestore: true,, },\n};\n`);
  const r = runBuilt(["config", "validate"], { cwd: dir, env: DEFAULT_ENV });
  assert.is(r.code, 2);
  assert.match(r.stderr, /^error E_CONFIG_SYNTAX: workflow\.config\.ts:2:\d+: /);
});

t("an unknown key and a bad value in workflow.config.ts point at file:line:col of the key", () => {
  const dir = repoWith(
    `export default {\n  harness: {\n    autoRestore: "yes",\n  },\n  parallel: { worktreBase: "x" },\n};\n`,
  );
  const r = runBuilt(["config", "validate"], { cwd: dir, env: DEFAULT_ENV });
  assert.is(r.code, 2);
  assert.match(r.stderr, /workflow\.config\.ts:3:5: harness\.autoRestore: expected boolean/);
  assert.match(
    r.stderr,
    /workflow\.config\.ts:5:15: parallel\.worktreBase: unknown key `worktreBase` \(did you mean `worktreeBase`\?\)/,
  );
});

t.run();
