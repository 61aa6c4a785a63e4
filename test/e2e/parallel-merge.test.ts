import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GIT_ENV, git, gitRepo, json, runBuilt, tempDir } from "../_support/index.ts";

const e2e = suite("parallel radar and merge (built CLI)");

function env(): Record<string, string | undefined> {
  const start = 33000 + Math.floor(Math.random() * 3000) * 10;
  const e: Record<string, string | undefined> = {
    ...process.env,
    ...GIT_ENV,
    TMUX_TMPDIR: tempDir("wf-tmux-"),
    SHELL: "/bin/sh",
    PORT_RANGE_START: String(start),
    PORT_RANGE_END: String(start + 9),
  };
  delete e.TMUX;
  return e;
}

e2e("three agents: the radar names the file a and b both edited, merge lands c and a, stops at b, base clean", () => {
  const repo = gitRepo({ "README.md": "# shop\n", "shared.txt": "one\ntwo\nthree\n", "other.txt": "x\n" });
  const e = env();
  try {
    const started = runBuilt(
      [
        "parallel",
        "shop",
        "--roles",
        "a,b,c",
        "--agent-command",
        "sh -c 'while :; do sleep 1; done'",
        "--no-attach",
        "--json",
      ],
      { cwd: repo, env: e },
    );
    assert.is(started.code, 0, started.stderr);
    const work = (role: string, file: string, text: string) => {
      const wt = join(repo, ".worktrees", role);
      writeFileSync(join(wt, file), text);
      git(wt, "commit", "-q", "-am", `${role}: edit ${file}`);
    };
    work("a", "shared.txt", "one\ntwo (a)\nthree\n");
    work("b", "shared.txt", "one\ntwo (b)\nthree\n");
    work("c", "other.txt", "y\n");

    const status = runBuilt(["parallel", "status", "shop", "--json"], { cwd: repo, env: e });
    assert.is(status.code, 0, status.stderr);
    const radar = json(status).radar;
    assert.ok(radar.available);
    const pair = (x: string, y: string) => radar.pairs.find((p: any) => p.a === x && p.b === y);
    assert.equal(
      pair("a", "b").conflicts.map((c: any) => c.path),
      ["shared.txt"],
    );
    assert.equal(pair("a", "b").conflicts[0].hunks, [{ start: 2, end: 6 }]);
    for (const p of radar.pairs.filter((p: any) => p.a === "c" || p.b === "c"))
      assert.equal([p.files_both_changed, p.conflicts], [[], []], `${p.a} ↔ ${p.b}`);
    const human = runBuilt(["parallel", "status", "shop"], { cwd: repo, env: e });
    assert.match(human.stdout, /⚠ a ↔ b: shared\.txt/);
    assert.not.match(human.stdout, /↔ c|c ↔/);
    const mon = json(runBuilt(["monitor", "--json"], { cwd: repo, env: e }));
    assert.equal(
      mon.radar.pairs.find((p: any) => p.a === "a" && p.b === "b").conflicts.map((c: any) => c.path),
      ["shared.txt"],
    );

    const mainBefore = git(repo, "rev-parse", "main");
    const plan = runBuilt(["parallel", "merge", "shop", "a", "b", "c", "--dry-run", "--json"], { cwd: repo, env: e });
    assert.is(plan.code, 1, "the plan stops at a conflict");
    const p = json(plan);
    assert.equal(p.order, ["c", "a", "b"]);
    assert.equal(
      p.steps.map((s: any) => [s.role, s.status]),
      [
        ["c", "planned"],
        ["a", "planned"],
        ["b", "conflict"],
      ],
    );
    assert.equal([p.landed, p.left, p.stopped_at], [[], ["b"], "b"]);
    assert.is(git(repo, "rev-parse", "main"), mainBefore, "a dry run moves nothing");
    const planText = runBuilt(["parallel", "merge", "shop", "a", "b", "c", "--dry-run"], { cwd: repo, env: e }).stdout;
    assert.match(planText, /in this order: c, a, b/);
    assert.match(planText, /3\. b \(feature\/shop-b\): would conflict: shared\.txt/);

    const merged = runBuilt(["parallel", "merge", "shop", "a", "b", "c", "--json"], { cwd: repo, env: e });
    assert.is(merged.code, 1, merged.stderr);
    const m = json(merged);
    assert.equal([m.landed, m.left, m.stopped_at], [["c", "a"], ["b"], "b"]);
    assert.match(m.reason, /b conflicts with main after c, a in shared\.txt/);
    // The base: both merges on it, nothing half-done.
    assert.is(git(repo, "rev-parse", "main"), m.base_after);
    assert.is(git(repo, "status", "--porcelain", "--untracked-files=no"), "");
    assert.not.ok(existsSync(join(repo, ".git", "MERGE_HEAD")));
    assert.is(readFileSync(join(repo, "shared.txt"), "utf8"), "one\ntwo (a)\nthree\n");
    assert.is(readFileSync(join(repo, "other.txt"), "utf8"), "y\n");
    assert.equal(git(repo, "log", "--merges", "--format=%s", "main").split("\n"), [
      "Merge feature/shop-a (a) into main",
      "Merge feature/shop-c (c) into main",
    ]);
    assert.equal(
      git(repo, "worktree", "list", "--porcelain")
        .split("\n")
        .filter((l) => l.startsWith("worktree ")).length,
      4,
      "the scratch checkout is gone",
    );

    // After the landing the radar sees b against the new base.
    const after = json(runBuilt(["parallel", "status", "shop", "--json"], { cwd: repo, env: e })).radar;
    assert.equal(
      after.pairs.find((x: any) => x.a === "b" && x.against === "base").conflicts.map((c: any) => c.path),
      ["shared.txt"],
    );
    assert.ok(after.behind.find((x: any) => x.role === "b").commits_touching >= 1);
  } finally {
    runBuilt(["tmux", "kill", "workflow-shop"], { cwd: repo, env: e });
  }
});

e2e.run();
