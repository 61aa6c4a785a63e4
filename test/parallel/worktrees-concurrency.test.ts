// Worktree creation from several processes at once, and a creation that fails half-way.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CLI, git, gitRepo, runBuilt, tempDir } from "../_support/index.ts";
import { testEnv } from "./_helpers.ts";

const race = suite("worktree create, concurrently");

function create(
  repo: string,
  role: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number; out: any }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, "worktree", "create", role, "--json", "--no-setup"], {
      cwd: repo,
      env: env as NodeJS.ProcessEnv,
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => {
      let parsed: any = err;
      try {
        parsed = JSON.parse(out);
      } catch {
        // the error text stays in `out`
      }
      done({ code: code ?? -1, out: parsed });
    });
  });
}

race("six processes for three roles: each role's worktree made once, the others reuse it, none fails", async () => {
  const repo = gitRepo();
  const env = testEnv();
  const results = await Promise.all(["a", "b", "c", "a", "b", "c"].map((role) => create(repo, role, env)));
  assert.equal(
    results.map((r) => r.code),
    [0, 0, 0, 0, 0, 0],
    JSON.stringify(results.map((r) => r.out)),
  );
  for (const role of ["a", "b", "c"]) {
    const mine = results.map((r) => r.out).filter((o) => o.role === role);
    assert.equal(mine.map((o) => o.created).sort(), [false, true], role);
  }
  assert.is(
    git(repo, "worktree", "list", "--porcelain")
      .split("\n")
      .filter((l) => l.startsWith("worktree ")).length,
    4,
  );
});

race("a creation git refuses leaves no folder, branch or registration behind", () => {
  const repo = gitRepo();
  const env = testEnv();
  git(repo, "branch", "taken");
  git(repo, "worktree", "add", "-q", join(tempDir("wf-wt-"), "elsewhere"), "taken");
  const r = runBuilt(["worktree", "create", "qa", "--branch", "taken"], { cwd: repo, env });
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, "checked out elsewhere");
  assert.not.ok(existsSync(join(repo, ".worktrees/qa")));
  assert.not.match(git(repo, "worktree", "list"), ".worktrees/qa");
  assert.equal(git(repo, "branch", "--list", "taken").trim(), "+ taken", "the existing branch is not deleted");
});

race.run();
