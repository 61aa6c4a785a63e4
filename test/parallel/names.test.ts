import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gitRepo, runCli } from "../_support/index.ts";
import { parseRoles, sessionName } from "../../lib/parallel/names.ts";
import { testEnv } from "./_helpers.ts";

const names = suite("names");

names("parseRoles splits a comma list and drops duplicates", () => {
  assert.equal(parseRoles("backend, frontend,backend"), ["backend", "frontend"]);
  assert.throws(() => parseRoles("backend,../x"));
});

names("the session of a feature is workflow-<feature>, dots made tmux-safe", () => {
  assert.is(sessionName("auth"), "workflow-auth");
  assert.throws(
    () => sessionName("v1.2"),
    /feature id uses lower-case letters/,
    "a feature is a spec id, as `wf-task init` and `interview` take it",
  );
});

names("every command refuses bad names with exit 2 and creates nothing", async () => {
  const repo = gitRepo();
  const env = testEnv();
  for (const bad of ["../x", "a b", "$(id)", "-rf"]) {
    const runs = [
      ["worktree", "create", "--", bad],
      ["worktree", "cleanup", "--", bad],
      ["ports", "allocate", "--", bad],
      ["parallel", "--roles", bad, "feat", "--no-attach"],
      ["parallel", "--roles", "backend", "--no-attach", "--", bad],
      ["tmux", "create", "s1", "--roles", bad],
    ];
    for (const argv of runs) {
      const r = await runCli(argv, { cwd: repo, env });
      assert.is(r.code, 2, `${argv.join(" ")} → ${r.code} ${r.stderr}`);
    }
  }
  assert.not.ok(existsSync(join(repo, ".worktrees")), "no worktree folder");
  assert.not.ok(existsSync(join(repo, ".ai")), "no state written");
  assert.not.ok(existsSync(join(repo, "..", "x")), "nothing outside the repo");
});

names.run();
