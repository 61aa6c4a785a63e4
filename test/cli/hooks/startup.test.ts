import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { CLI, ROOT, gitRepo, runRecordingLoads } from "../../_support/index.ts";

const test = suite("what a hook entry loads at a warm start");

/**
 * Node's built-in modules whose load a hook would pay at every run (~5–7 ms each, next to a
 * ~75 ms `node -e 0`): the ES module loader's own (an .mjs entry, or one import()), node:crypto,
 * node:fs/promises (it brings readline and the stream utilities), and any file from node_modules.
 */
const HEAVY = [
  "NativeModule internal/modules/esm/load",
  "NativeModule internal/modules/esm/module_job",
  "NativeModule crypto",
  "NativeModule fs/promises",
  "NativeModule internal/fs/promises",
];

/** What running the hook entry `name` with `args` and `input` in `cwd` loaded: built-ins and files. */
function loaded(cwd: string, name: string, args: string[], input: object) {
  const r = runRecordingLoads(join(ROOT, "dist/hooks", `${name}.cjs`), args, {
    cwd,
    input: JSON.stringify(input),
    env: { ...process.env, CLAUDE_PROJECT_DIR: cwd },
  });
  assert.is(r.code, 0, r.stderr);
  return r;
}

function project(): string {
  const dir = gitRepo({ "workflow.config.ts": `export default { parallel: { roles: ["backend"] } };\n` });
  mkdirSync(join(dir, "node_modules"));
  const init = spawnSync(process.execPath, [CLI, "init", "startup", "backend", "--quiet"], {
    cwd: dir,
    encoding: "utf8",
  });
  assert.is(init.status, 0, init.stderr);
  return dir;
}

const cases = (dir: string) =>
  [
    [
      "trust-claude",
      ["trust", "hook", "claude"],
      {
        session_id: "s",
        hook_event_name: "PreToolUse",
        cwd: dir,
        tool_name: "Edit",
        tool_input: { file_path: join(dir, "src/a.ts") },
      },
      /permissionDecision/,
    ],
    [
      "resume-claude",
      ["resume", "--hook", "claude"],
      { session_id: "s", hook_event_name: "SessionStart", cwd: dir, source: "startup" },
      /startup/,
    ],
  ] as const;

test("the trust and SessionStart entries load no ES module loader, node:crypto, fs/promises or package", () => {
  const dir = project();
  for (const [name, args, input, out] of cases(dir)) {
    loaded(dir, name, [...args], input); // the first run writes the config cache
    const { builtins, files, stdout } = loaded(dir, name, [...args], input);
    assert.match(stdout, out);
    for (const heavy of HEAVY) assert.not.ok(builtins.includes(heavy), `${name} loaded ${heavy}`);
    const others = files.filter((f) => !f.endsWith(`/dist/hooks/${name}.cjs`));
    assert.equal(others, [], `${name} loaded ${others.join(", ")}`);
  }
});

test("the gate with nothing staged loads no ES module loader, node:crypto, node:zlib, fs/promises or package", () => {
  const dir = project();
  loaded(dir, "precommit", ["precommit"], {});
  const { builtins, files } = loaded(dir, "precommit", ["precommit"], {});
  for (const heavy of [...HEAVY, "NativeModule zlib"])
    assert.not.ok(builtins.includes(heavy), `the gate loaded ${heavy}`);
  const others = files.filter((f) => !f.endsWith("/dist/hooks/precommit.cjs"));
  assert.equal(others, [], `the gate loaded ${others.join(", ")}`);
});

test("a Bash command loads the shell parser from its own file, and an Edit does not", () => {
  const dir = project();
  const bash = {
    session_id: "s",
    hook_event_name: "PreToolUse",
    cwd: dir,
    tool_name: "Bash",
    tool_input: { command: "rm -rf build | tee x.log" },
  };
  const { files, stdout } = loaded(dir, "trust-claude", ["trust", "hook", "claude"], bash);
  assert.match(stdout, /x\.log/);
  assert.ok(
    files.some((f) => f.endsWith("/dist/hooks/bash-parser.cjs")),
    files.join(", "),
  );
  const [, args, edit] = cases(dir)[0];
  assert.not.ok(loaded(dir, "trust-claude", [...args], edit).files.some((f) => f.includes("bash-parser")));
});

test.run();
