import { suite } from "uvu";
import * as assert from "uvu/assert";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { git, gitRepo, tempDir } from "../_support/index.ts";
import {
  conflictHunks,
  hasMergeTree,
  parseGitVersion,
  radar,
  radarCacheFile,
  renderRadar,
} from "../../lib/parallel/radar.ts";
import type { RunState } from "../../lib/parallel/runs.ts";
import { project, testEnv } from "./_helpers.ts";

const test = suite("conflict radar");

/** A repo with branches a, b (same line of shared.txt) and c (other.txt), as a run's agents. */
function threeBranches() {
  const repo = gitRepo({ "shared.txt": "one\ntwo\nthree\n", "other.txt": "x\n", "README.md": "# r\n" });
  const commitOn = (branch: string, files: Record<string, string>) => {
    git(repo, "checkout", "-q", "-B", branch, "main");
    for (const [f, c] of Object.entries(files)) writeFileSync(join(repo, f), c);
    git(repo, "commit", "-q", "-am", `${branch} work`);
    git(repo, "checkout", "-q", "main");
  };
  commitOn("feature/f-a", { "shared.txt": "one\nTWO by a\nthree\n" });
  commitOn("feature/f-b", { "shared.txt": "one\ntwo by b\nthree\n" });
  commitOn("feature/f-c", { "other.txt": "y\n" });
  const run: RunState = {
    version: 1,
    feature: "f",
    session: "workflow-f",
    base: "main",
    agent_command: "true",
    started: new Date().toISOString(),
    socket: null,
    agents: ["a", "b", "c"].map((role) => ({
      role,
      branch: `feature/f-${role}`,
      worktree: join(repo, ".worktrees", role),
      port: null,
      pane_id: null,
    })),
  };
  return { repo, run };
}

const pair = (r: Awaited<ReturnType<typeof radar>>, a: string, b: string) =>
  r.pairs.find((p) => p.a === a && p.b === b)!;

test("names the file and its hunk for the two agents that edited the same line, nothing for the third", async () => {
  const { repo, run } = threeBranches();
  const p = await project(repo);
  const r = await radar(p, [run]);
  assert.ok(r.available, r.message ?? "");
  const ab = pair(r, "a", "b");
  assert.equal(ab.files_both_changed, ["shared.txt"]);
  assert.equal(
    ab.conflicts.map((c) => c.path),
    ["shared.txt"],
  );
  assert.equal(ab.conflicts[0]!.types, ["contents"]);
  assert.equal(ab.conflicts[0]!.hunks.length, 1);
  for (const [x, y] of [
    ["a", "c"],
    ["b", "c"],
  ])
    assert.equal([pair(r, x!, y!).files_both_changed, pair(r, x!, y!).conflicts], [[], []]);
  for (const role of ["a", "b", "c"]) assert.equal(pair(r, role, "main").conflicts, [], `${role} against main`);
  const lines = renderRadar(r);
  assert.equal(lines, [`⚠ a ↔ b: shared.txt (${ab.conflicts[0]!.hunks[0]!.start}-${ab.conflicts[0]!.hunks[0]!.end})`]);
});

test("asks git again only about the tips that moved", async () => {
  const { repo, run } = threeBranches();
  const p = await project(repo);
  const first = await radar(p, [run]);
  assert.ok(first.computed > 0);
  assert.ok(existsSync(radarCacheFile(p, "f")));
  const again = await radar(p, [run]);
  assert.is(again.computed, 0);
  assert.is(again.reused, first.computed);
  assert.equal(again.pairs, first.pairs);
  // c moves: its diff and its own base question are new; a↔b is reused.
  git(repo, "checkout", "-q", "feature/f-c");
  writeFileSync(join(repo, "other.txt"), "z\n");
  git(repo, "commit", "-q", "-am", "c again");
  git(repo, "checkout", "-q", "main");
  const moved = await radar(p, [run]);
  assert.is(moved.computed, 2, "c's changed files and what the base changed since c forked");
  assert.equal(pair(moved, "a", "b").conflicts, first.pairs.find((x) => x.a === "a" && x.b === "b")!.conflicts);
});

test("flags an agent behind the base by commits touching its files, and predicts its conflict with the base", async () => {
  const { repo, run } = threeBranches();
  writeFileSync(join(repo, "shared.txt"), "one\ntwo on main\nthree\n");
  git(repo, "commit", "-q", "-am", "main moves");
  writeFileSync(join(repo, "README.md"), "# r2\n");
  git(repo, "commit", "-q", "-am", "main again");
  const r = await radar(await project(repo), [run]);
  const a = r.behind.find((b) => b.role === "a")!;
  assert.equal([a.behind, a.commits_touching, a.files], [2, 1, ["shared.txt"]]);
  const c = r.behind.find((b) => b.role === "c")!;
  assert.equal([c.behind, c.commits_touching, c.files], [2, 0, []]);
  assert.equal(
    pair(r, "a", "main").conflicts.map((x) => x.path),
    ["shared.txt"],
  );
  assert.equal(pair(r, "c", "main").conflicts, []);
  assert.ok(
    renderRadar(r).some((l) => l.startsWith("↓ a is behind main by 1 commit(s) touching its files: shared.txt")),
  );
});

test("on git older than 2.38 it says so and shows only the files both changed", async () => {
  const { repo, run } = threeBranches();
  const real = spawnSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).stdout.trim();
  const bin = tempDir("wf-oldgit-");
  writeFileSync(
    join(bin, "git"),
    `#!/bin/sh\nif [ "$1" = version ] || [ "$1" = --version ]; then echo "git version 2.37.1"; exit 0; fi\nexec ${real} "$@"\n`,
  );
  chmodSync(join(bin, "git"), 0o755);
  const env = testEnv({ PATH: `${bin}:${process.env.PATH}` });
  const r = await radar(await project(repo, env), [run]);
  assert.not.ok(r.available);
  assert.is(r.git_version, "2.37.1");
  assert.match(r.message!, /needs git ≥ 2\.38/);
  assert.equal(pair(r, "a", "b").files_both_changed, ["shared.txt"]);
  assert.equal(pair(r, "a", "b").conflicts, []);
  const lines = renderRadar(r);
  assert.ok(lines.includes("~ a ↔ b: both changed shared.txt"), lines.join("\n"));
  assert.ok(lines.some((l) => l.startsWith("radar: git 2.37.1 cannot predict conflicts")));
});

test("a --watch redraw with nothing moved asks git only for the refs", async () => {
  const { repo, run } = threeBranches();
  const real = spawnSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).stdout.trim();
  const bin = tempDir("wf-loggit-");
  const log = join(bin, "calls.log");
  writeFileSync(join(bin, "git"), `#!/bin/sh\necho "$1" >> ${log}\nexec ${real} "$@"\n`);
  chmodSync(join(bin, "git"), 0o755);
  const p = await project(repo, testEnv({ PATH: `${bin}:${process.env.PATH}` }));
  await radar(p, [run]);
  writeFileSync(log, "");
  const again = await radar(p, [run]);
  assert.is(again.git_version, spawnSync("git", ["version"], { encoding: "utf8" }).stdout.match(/\d+\.\d+\.\d+/)![0]);
  assert.equal(readFileSync(log, "utf8").trim().split("\n"), ["for-each-ref"]);
});

test("a corrupt cache is reported and left as it is", async () => {
  const { repo, run } = threeBranches();
  const p = await project(repo);
  const file = radarCacheFile(p, "f");
  await radar(p, [run]);
  writeFileSync(file, "{ not json");
  const r = await radar(p, [run]);
  assert.match(r.warnings.join("\n"), /radar cache .* is unreadable/);
  assert.is(readFileSync(file, "utf8"), "{ not json");
  assert.equal(
    pair(r, "a", "b").conflicts.map((c) => c.path),
    ["shared.txt"],
  );
});

test("reads git versions and conflict hunks", () => {
  assert.equal(parseGitVersion("git version 2.39.5"), [2, 39, 5]);
  assert.equal(parseGitVersion("git version 2.37.1.windows.1"), [2, 37, 1]);
  assert.ok(hasMergeTree([2, 38, 0]));
  assert.ok(hasMergeTree([3, 0, 0]));
  assert.not.ok(hasMergeTree([2, 37, 9]));
  assert.not.ok(hasMergeTree(null));
  assert.equal(conflictHunks("a\n<<<<<<< x\nb\n=======\nc\n>>>>>>> y\nd\n"), [{ start: 2, end: 6 }]);
});

test.run();
