import { test } from "uvu";
import * as assert from "uvu/assert";
import { realpathSync } from "node:fs";
import { shellFor } from "../../lib/core/shell.ts";
import { gitRepo, runCli, writeFiles } from "../_support/index.ts";

test("$ runs in the command's folder with its env, quotes what is interpolated, throws on failure unless nothrow", async () => {
  const repo = gitRepo();
  const $ = shellFor(repo, { ...process.env, GREETING: "hi" });
  assert.is((await $`pwd`).stdout.trim(), realpathSync(repo));
  assert.is((await $`printf %s "$GREETING"`).stdout, "hi");
  const tricky = "a b; echo injected";
  assert.is((await $`printf %s ${tricky}`).stdout, tricky, "one argument, not shell text");
  await $`exit 3`.then(
    () => assert.unreachable(),
    (error: { exitCode: number }) => assert.is(error.exitCode, 3),
  );
  assert.is((await $.nothrow`exit 4`).exitCode, 4);
});

test("a user task gets zx's $ as ctx.$", async () => {
  const repo = gitRepo();
  writeFiles(repo, {
    "tasks/branch.ts":
      `import { defineTask } from "wf-task";\n` +
      `export default defineTask({ name: "branch", description: "b", async run(ctx) { ctx.print((await ` +
      `ctx.$\`git branch --show-current\`).stdout.trim()); } });\n`,
  });
  const r = await runCli(["run", "branch"], { cwd: repo });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.trim(), "main");
});

test.run();
