import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gitRepo, runCli } from "../_support/index.ts";
import { checkName, nameProblem, parseRoles, sessionName } from "../../lib/parallel/names.ts";
import { testEnv } from "./_helpers.ts";

const names = suite("names");
const BAD = ["../x", "a b", "$(id)", "-rf", "x;y", "a/b", "", "`id`", "..", "x.lock"];

names("accepts ordinary roles, features and branches", () => {
  for (const n of ["backend", "qa", "auth-system", "v1.2", "BE_007"]) assert.is(nameProblem("role", n), undefined, n);
  assert.is(nameProblem("branch", "feature/auth-backend"), undefined);
});

names("refuses path traversal, spaces, shell syntax and option-like names", () => {
  for (const n of BAD) assert.ok(nameProblem("role", n), `role ${JSON.stringify(n)} should be refused`);
  for (const n of ["../x", "a b", "$(id)", "-rf", "a//b", "a/", "a..b", "x@{1}"]) assert.ok(nameProblem("branch", n), `branch ${n}`);
});

names("checkName throws E_USAGE_NAME with exit 2", () => {
  try {
    checkName("feature", "$(id)");
    assert.unreachable();
  } catch (error: any) {
    assert.is(error.code, "E_USAGE_NAME");
    assert.is(error.exitCode, 2);
  }
});

names("parseRoles splits a comma list and drops duplicates", () => {
  assert.equal(parseRoles("backend, frontend,backend"), ["backend", "frontend"]);
  assert.throws(() => parseRoles("backend,../x"));
});

names("the session of a feature is workflow-<feature>, dots made tmux-safe", () => {
  assert.is(sessionName("auth"), "workflow-auth");
  assert.throws(() => sessionName("v1.2"), /feature id uses lower-case letters/, "a feature is a spec id, as `wf-task init` and `interview` take it");
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
