import { suite } from "uvu";
import * as assert from "uvu/assert";
import { git, gitRepo, writeFiles } from "../_support/index.ts";
import { allocatePort } from "../../lib/parallel/ports.ts";
import { writeRun } from "../../lib/parallel/runs.ts";
import { radar } from "../../lib/parallel/radar.ts";
import { worktreeCreate } from "../../lib/parallel/worktrees.ts";
import { project, runState } from "./_helpers.ts";

const t = suite("wf-task's machine state stays out of `git add -A`");

t("run state, port allocations and the radar's cache are excluded; the progress file is not", async () => {
  const repo = gitRepo({ "README.md": "# r\n" });
  const p = await project(repo);
  writeFiles(repo, { ".ai/project/sessions/claude-progress.txt": "# Progress: f\n" });
  const wt = await worktreeCreate(p, "a", { feature: "f", setup: false });
  await allocatePort(p, "a");
  const run = runState("f", [{ role: "a", branch: wt.branch, worktree: wt.path, port: null, pane_id: null }]);
  writeRun(p, run);
  await radar(p, [run]);
  const added = git(repo, "add", "-A", "-n")
    .split("\n")
    .filter(Boolean)
    .map((l) => l.replace(/^add '(.*)'$/, "$1"));
  assert.equal(added, [".ai/project/sessions/claude-progress.txt"]);
});

t.run();
