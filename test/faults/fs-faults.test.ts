import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fsError } from "../../lib/util/fs-errors.ts";
import { CLI, git, gitRepo, json, runBuilt, tempDir } from "../_support/index.ts";

const t = suite("faults: the file system says no");

const ENV = { FORCE_COLOR: undefined };
const NO_STACK = /\n\s+at /;

function oneError(stderr: string, code: string) {
  const lines = stderr.trim().split("\n");
  assert.match(lines[0]!, new RegExp(`^error ${code}: `), stderr);
  assert.ok(
    lines.length <= 2 && (lines.length === 1 || lines[1]!.startsWith("  hint: ")),
    `one line and a hint, got:\n${stderr}`,
  );
  assert.not.match(stderr, NO_STACK);
}

t(
  "a state file replaced by a folder: exit 2, E_FS_EISDIR with the path and a hint; --json puts the error on stdout; --debug adds the stack",
  () => {
    const dir = gitRepo();
    mkdirSync(join(dir, ".ai/project/sessions/port_allocations.json"), { recursive: true });
    const r = runBuilt(["ports", "allocate", "backend"], { cwd: dir, env: ENV });
    assert.is(r.code, 2, r.stderr);
    oneError(r.stderr, "E_FS_EISDIR");
    assert.match(r.stderr, /port_allocations\.json/);
    const j = runBuilt(["ports", "allocate", "backend", "--json"], { cwd: dir, env: ENV });
    assert.is(j.code, 2);
    const e = json(j).error;
    assert.is(e.code, "E_FS_EISDIR");
    assert.match(e.where, /port_allocations\.json$/);
    assert.ok(e.hint);
    const debug = runBuilt(["ports", "allocate", "backend", "--debug"], { cwd: dir, env: ENV });
    assert.match(debug.stderr, NO_STACK, "--debug shows the stack");
  },
);

t("a file where a state folder belongs: exit 2, one line naming it", () => {
  const dir = gitRepo();
  mkdirSync(join(dir, ".ai/project"), { recursive: true });
  writeFileSync(join(dir, ".ai/project/sessions"), "not a folder\n");
  const r = runBuilt(["ports", "allocate", "backend"], { cwd: dir, env: ENV });
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, /^error E_FS_(EEXIST|ENOTDIR): .*\.ai\/project\/sessions/);
  oneError(r.stderr, "E_FS_(EEXIST|ENOTDIR)");
});

t("a read-only state folder (as a non-root user): exit 3, E_FS_EACCES with the path", () => {
  const dir = gitRepo();
  const sessions = join(dir, ".ai/project/sessions");
  mkdirSync(sessions, { recursive: true });
  chmodSync(sessions, 0o555);
  chmodSync(dir, 0o755); // temp folders are private (0700): let the other user in
  // As root, run the CLI as `nobody`, for whom the folder is read-only.
  const asRoot = process.getuid?.() === 0;
  const r = spawnSync(process.execPath, [CLI, "ports", "allocate", "backend"], {
    cwd: dir,
    encoding: "utf8",
    // git refuses a repository owned by another user unless told it is safe.
    env: {
      PATH: process.env.PATH,
      HOME: "/tmp",
      NO_COLOR: "1",
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "safe.directory",
      GIT_CONFIG_VALUE_0: "*",
    },
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  chmodSync(sessions, 0o755);
  assert.is(r.status, 3, r.stderr);
  oneError(r.stderr, "E_FS_EACCES");
  assert.match(r.stderr, /\.ai\/project\/sessions/);
  assert.match(r.stderr, /hint: give your user write access/);
});

t("a broken package.json: exit 2, E_CONFIG_SYNTAX at its line and column", () => {
  const dir = gitRepo();
  writeFileSync(join(dir, "package.json"), '{\n  "name": "x",\n}\n');
  const r = runBuilt(["progress", "show"], { cwd: dir, env: ENV });
  assert.is(r.code, 2, r.stderr);
  oneError(r.stderr, "E_CONFIG_SYNTAX");
  assert.match(r.stderr, /^error E_CONFIG_SYNTAX: package\.json:3:1: /);
});

t("broken CLAUDE.md markers stop compound capture before the learning is stored (a retry does not count twice)", () => {
  const dir = gitRepo();
  writeFileSync(join(dir, "CLAUDE.md"), "# x\n<!-- wf-task:learnings:start -->\nno end marker\n");
  const r = runBuilt(["compound", "capture", "bug", "d", "s", "Always lock the row"], { cwd: dir, env: ENV });
  assert.is(r.code, 2, r.stderr);
  oneError(r.stderr, "E_COMPOUND_MARKERS");
  const list = runBuilt(["compound", "list", "--json"], { cwd: dir, env: ENV });
  assert.equal(JSON.stringify(json(list)).includes("Always lock the row"), false, "nothing stored");
});

t("ENOSPC (a real write to /dev/full) and EROFS map to exit 3 with the path and a hint, never E_INTERNAL", () => {
  let real: unknown;
  try {
    writeFileSync("/dev/full", "x");
  } catch (error) {
    real = error;
  }
  const full = fsError(real, "/dev/full") as { code: string; exitCode: number; where: string; hint: string };
  assert.is(full.code, "E_FS_ENOSPC");
  assert.is(full.exitCode, 3);
  assert.is(full.where, "/dev/full");
  assert.match(full.hint, /free disk space/);
  // No read-only mount can be made without privileges here: the error is built as Node builds it.
  const rofs = Object.assign(new Error("EROFS: read-only file system, open '/ro/x'"), {
    code: "EROFS",
    errno: -30,
    syscall: "open",
    path: "/ro/x",
  });
  const ro = fsError(rofs) as { code: string; exitCode: number; where: string };
  assert.equal([ro.code, ro.exitCode, ro.where], ["E_FS_EROFS", 3, "/ro/x"]);
});

t(
  "TMPDIR gone (a folder removed, or a file): the gate reads packed objects and runs the staged tests as with it",
  () => {
    const test = (names: string[]) =>
      `import { test } from "node:test";\nimport assert from "node:assert";\n` +
      names.map((n) => `test(${JSON.stringify(n)}, () => assert.ok(true));`).join("\n") +
      "\n";
    const dir = gitRepo({
      ".workflowrc.json": JSON.stringify({
        enforcement: { tdd: { testCommand: "node --test --test-reporter=tap", testScope: "staged" } },
      }),
      "src/a.mjs": "export const a = 1;\n",
      "src/a.test.mjs": test(["one", "two"]),
    });
    git(dir, "gc", "-q"); // the base's blobs are packed: read through `git cat-file --batch`
    writeFileSync(join(dir, "src/a.mjs"), "export const a = 2;\n");
    writeFileSync(join(dir, "src/a.test.mjs"), test(["one", "two", "three"]));
    git(dir, "add", "-A");
    const file = join(tempDir(), "a-file");
    writeFileSync(file, "x\n");
    const answer = (env: Record<string, string | undefined>) => {
      const r = runBuilt(["precommit", "--json"], { cwd: dir, env: { ...ENV, ...env } });
      const out = json(r);
      if (out.tests) {
        delete out.tests.duration_ms;
        delete out.tests.previous; // each run is recorded: the next one names it as `previous`
      }
      return { code: r.code, out, stderr: r.stderr };
    };
    const expected = answer({});
    assert.is(expected.code, 0, expected.stderr);
    assert.equal([expected.out.tests.count, expected.out.tests.exit_code], [3, 0]);
    for (const gone of [join(tempDir(), "removed"), file]) {
      const got = answer({ TMPDIR: gone });
      assert.equal(got, expected, `TMPDIR=${gone}`);
    }
    // a test that lost its assertion is still refused, not an E_FS error
    writeFileSync(join(dir, "src/a.test.mjs"), test(["one"]).replace("assert.ok(true)", "{}"));
    git(dir, "add", "-A");
    const blocked = runBuilt(["precommit"], { cwd: dir, env: { ...ENV, TMPDIR: join(tempDir(), "removed") } });
    assert.is(blocked.code, 1, blocked.stderr);
    assert.match(blocked.stderr + blocked.stdout, /fewer assertions/);
    assert.not.match(blocked.stderr, /E_FS/);
  },
);

t.run();
