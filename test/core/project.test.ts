import { mkdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { openProject, relPath, type ConfigLoader } from "../../lib/core/project.ts";
import { isWfError } from "../../lib/core/errors.ts";
import { git, gitRepo, writeFiles } from "../_support/index.ts";

const config = (name: string) => `export default { harness: { progressFile: "${name}.txt" } };\n`;

test("a project has the root, the resolved config, the state paths and the environment", async () => {
  const repo = realpathSync(gitRepo({ "workflow.config.ts": config("main-progress") }));
  const project = await openProject(repo, { FOO: "1" });
  assert.is(project.root, repo);
  assert.is(project.config.harness.progressFile, "main-progress.txt");
  assert.is(project.paths.progressFile, join(repo, "main-progress.txt"));
  assert.is(project.env.FOO, "1");
  assert.is(project.checkout?.linked, false);
  assert.is(await project.mainCheckout(), project);
});

test("in a linked worktree the project knows it, and mainCheckout() is the main checkout's project with its own config", async () => {
  const repo = realpathSync(gitRepo({ "workflow.config.ts": config("main-progress") }));
  const wt = `${repo}-wt`;
  git(repo, "worktree", "add", "-q", "-b", "agent", wt);
  writeFiles(wt, { "workflow.config.ts": config("agent-progress") });
  const project = await openProject(wt, {});
  assert.is(project.root, wt);
  assert.is(project.checkout?.linked, true);
  assert.is(project.checkout?.main, repo);
  assert.is(project.paths.progressFile, join(wt, "agent-progress.txt"));
  const main = await project.mainCheckout();
  assert.is(main.root, repo);
  assert.is(main.paths.progressFile, join(repo, "main-progress.txt"));
  assert.is(await project.mainCheckout(), main, "opened once");
});

test("at(dir) uses the same loader and environment as the project it came from", async () => {
  const a = realpathSync(gitRepo());
  const b = realpathSync(gitRepo());
  const seen: string[] = [];
  const loader: ConfigLoader = async (cwd, env) => {
    seen.push(`${cwd}:${env.MARK}`);
    const { loadConfig } = await import("../../lib/config/load.ts");
    return loadConfig({ cwd, env });
  };
  const project = await openProject(a, { MARK: "x" }, loader);
  const other = await project.at(b);
  assert.is(other.root, b);
  assert.equal(seen, [`${a}:x`, `${b}:x`]);
  assert.is(await project.at(b), other, "cached per folder");
});

test("rel() turns a user's path (relative to cwd) into a path relative to the root", async () => {
  const repo = realpathSync(gitRepo());
  mkdirSync(join(repo, "src/deep"), { recursive: true });
  const project = await openProject(join(repo, "src"), {});
  assert.is(project.root, repo);
  assert.is(project.rel("deep/x.ts"), "src/deep/x.ts");
  assert.is(project.rel(join(repo, "README.md")), "README.md");
  assert.is(project.rel(".."), ".");
  assert.is(project.rel("../../elsewhere.ts"), join(repo, "..", "elsewhere.ts"));
});

test("rel(path, { inside: true }) refuses a path outside the project with a usage error", () => {
  try {
    relPath("/repo", "/repo/src", "../../etc/passwd", { inside: true });
    assert.unreachable("should refuse");
  } catch (error) {
    assert.ok(isWfError(error));
    assert.is(error.code, "E_USAGE_OUTSIDE_ROOT");
    assert.is(error.exitCode, 2);
    assert.match(error.message, "../../etc/passwd is outside the project");
  }
});

test.run();
