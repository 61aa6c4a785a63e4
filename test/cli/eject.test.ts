import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gitRepo, runCli, writeFiles } from "../_support/index.ts";

const eject = suite("tasks eject");

eject(
  "copies a recipe into tasks/, importing from wf-task; `run` then runs the copy, step for step the same",
  async () => {
    const repo = gitRepo();
    const r = await runCli(["tasks", "eject", "init", "--json"], { cwd: repo });
    assert.is(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout), {
      recipe: "init",
      file: "tasks/init.ts",
      replaced: false,
      run: "wf-task run init",
    });
    const text = readFileSync(join(repo, "tasks/init.ts"), "utf8");
    assert.not.match(text, /\.\.\/lib\//, "no import of wf-task's own files");
    assert.match(text, /from "wf-task"/);
    assert.match(text, /ctx\.\$\.nothrow`git branch --show-current`/, "the shell step is zx's $");
    const builtIn = JSON.parse((await runCli(["init", "auth", "backend", "--json"], { cwd: gitRepo() })).stdout);
    const copy = await runCli(["run", "init", "auth", "backend", "--json"], { cwd: repo });
    assert.is(copy.code, 0, copy.stderr);
    const mine = JSON.parse(copy.stdout);
    assert.equal(Object.keys(mine), Object.keys(builtIn));
    assert.is(mine.branch, "main");
    assert.is(mine.first_session, true);
  },
);

eject("a changed step changes what the copy does", async () => {
  const repo = gitRepo();
  await runCli(["tasks", "eject", "init"], { cwd: repo });
  const file = join(repo, "tasks/init.ts");
  const text = readFileSync(file, "utf8").replace("git branch --show-current", "echo release-train");
  writeFileSync(file, text);
  const r = await runCli(["run", "init", "auth", "backend"], { cwd: repo });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /Branch: release-train/);
});

eject("every recipe ejects into a task that loads (its --help answers)", async () => {
  const repo = gitRepo();
  for (const name of ["init", "resume", "parallel", "interview", "precommit"]) {
    assert.is((await runCli(["tasks", "eject", name], { cwd: repo })).code, 0, name);
    const help = await runCli(["run", name, "--help"], { cwd: repo });
    assert.is(help.code, 0, `${name}: ${help.stderr}`);
  }
  const list = JSON.parse((await runCli(["tasks", "--json"], { cwd: repo })).stdout);
  assert.equal(
    list.tasks.filter((t: { error?: string }) => t.error),
    [],
    "every ejected task loads",
  );
});

eject("refuses to replace a task file (exit 2) unless --force; an unknown recipe is bad input", async () => {
  const repo = gitRepo();
  writeFiles(repo, { "tasks/init.ts": "// mine\n" });
  const r = await runCli(["tasks", "eject", "init"], { cwd: repo });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_USAGE_EXISTS.*tasks\/init\.ts exists/);
  assert.is(readFileSync(join(repo, "tasks/init.ts"), "utf8"), "// mine\n");
  const forced = await runCli(["tasks", "eject", "init", "--force", "--json"], { cwd: repo });
  assert.is(JSON.parse(forced.stdout).replaced, true);
  const unknown = await runCli(["tasks", "eject", "deploy"], { cwd: repo });
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /hint: one of: init, resume, parallel, interview, precommit/);
});

eject.run();
