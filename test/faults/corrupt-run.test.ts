// One corrupt parallel run file must not hide the other runs from the monitor, nor be rewritten.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gitRepo, runBuilt, writeFiles } from "../_support/index.ts";
import { testEnv } from "../parallel/_helpers.ts";

const corrupt = suite("a corrupt run file");

corrupt("monitor shows the runs that read, names the one that does not, and leaves it as it is", () => {
  const repo = gitRepo();
  const env = testEnv();
  const good = {
    version: 1,
    feature: "shop",
    session: "workflow-shop",
    base: "main",
    agent_command: "claude",
    started: "2026-12-02T10:00:00Z",
    socket: null,
    agents: [],
  };
  writeFiles(repo, {
    ".ai/project/sessions/parallel/shop.json": JSON.stringify(good),
    ".ai/project/sessions/parallel/broken.json": "{ not json",
  });
  const r = runBuilt(["monitor", "--json"], { cwd: repo, env });
  assert.is(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(
    report.runs.map((x: any) => x.feature),
    ["shop"],
  );
  assert.is(report.unreadable_runs.length, 1);
  assert.match(report.unreadable_runs[0].file, /broken\.json$/);
  const human = runBuilt(["monitor"], { cwd: repo, env });
  assert.match(human.stdout, /unreadable run file .*broken\.json/);
  const one = runBuilt(["monitor", "--feature", "broken"], { cwd: repo, env });
  assert.is(one.code, 2, one.stdout);
  assert.match(one.stderr, "E_STATE_CORRUPT");
  assert.is(readFileSync(join(repo, ".ai/project/sessions/parallel/broken.json"), "utf8"), "{ not json");
});

corrupt.run();
