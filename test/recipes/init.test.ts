import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gitRepo, json, runCli, tempDir } from "../_support/index.ts";

const init = suite("wf-task init");

init("welcomes a first session and prints what it did with --json", async () => {
  const dir = gitRepo();
  const r = await runCli(["init", "shop", "backend"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /=== Session Initialized: shop \(backend\) ===\nFirst session for shop\./);
  const again = json(await runCli(["init", "shop", "backend", "--json"], { cwd: dir }));
  assert.equal([again.first_session, again.changed, again.created], [false, false, []]);
  assert.is(again.branch, "main");
});

init("honours PROGRESS_DIR for the progress file's folder", async () => {
  const dir = tempDir();
  const r = json(await runCli(["init", "shop", "qa", "--json"], { cwd: dir, env: { PROGRESS_DIR: "state" } }));
  assert.is(r.progress_file, join(dir, "state/claude-progress.txt"));
  assert.match(readFileSync(r.progress_file, "utf8"), /- role: qa/);
});

init("refuses a bad feature id with exit 2 and a hint", async () => {
  const r = await runCli(["init", "Shop!", "backend"], { cwd: tempDir() });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_USAGE_NAME/);
  assert.match(r.stderr, /hint: use lower-case letters/);
});

init.run();
