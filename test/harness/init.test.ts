import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectPaths } from "../../lib/config/paths.ts";
import { defaultConfig } from "../../lib/config/defaults.ts";
import { isWfError } from "../../lib/core/errors.ts";
import { initializeSession, renderInit } from "../../lib/harness/init.ts";
import { readProgressFile } from "../../lib/harness/progress.ts";
import { gitRepo, tempDir, writeFiles } from "../_support/index.ts";

const paths = (root: string) => projectPaths({ config: defaultConfig(), root });
const init = suite("initializeSession");

init("detects a first session and creates the workspace, sessions folders and progress file", async () => {
  const root = gitRepo();
  const p = paths(root);
  const r = await initializeSession("auth-system", "backend", { paths: p, sessionId: "s1" });
  assert.ok(r.first_session);
  assert.ok(r.changed);
  for (const dir of [join(p.featuresDir, "auth-system"), p.agentsDir, p.historyDir]) assert.ok(existsSync(dir), dir);
  assert.equal(r.created.sort(), [
    ".ai/project/features/auth-system/",
    ".ai/project/sessions/agents/",
    ".ai/project/sessions/claude-progress.txt",
    ".ai/project/sessions/history/",
  ]);
  const progress = await readProgressFile(p.progressFile);
  assert.is(progress?.feature, "auth-system");
  assert.is(progress?.role, "backend");
  assert.is(r.branch, "main");
});

init("is idempotent: a second run changes nothing and says so", async () => {
  const root = gitRepo();
  const p = paths(root);
  await initializeSession("auth-system", "backend", { paths: p });
  const before = readFileSync(p.progressFile, "utf8");
  const r = await initializeSession("auth-system", "backend", { paths: p });
  assert.is(r.first_session, false);
  assert.is(r.changed, false);
  assert.equal(r.created, []);
  assert.is(readFileSync(p.progressFile, "utf8"), before);
  assert.match(renderInit(r, root), /Already initialized for auth-system \(backend\): nothing changed/);
});

init("treats another feature's progress file as a first session and archives it", async () => {
  const root = gitRepo();
  const p = paths(root);
  await initializeSession("old-one", "backend", { paths: p });
  const r = await initializeSession("new-one", "backend", { paths: p });
  assert.ok(r.first_session);
  assert.is(r.previous_feature, "old-one");
  assert.ok(r.archived && r.archived.startsWith(p.historyDir));
});

init("shows the feature's context: spec and plan files, tasks, branch and next steps", async () => {
  const root = gitRepo();
  const p = paths(root);
  writeFiles(join(p.featuresDir, "auth-system"), {
    "spec.yaml":
      "feature:\n" +
      "  id: auth-system\n" +
      "tasks:\n" +
      "  frontend:\n" +
      "    - id: FE-001\n" +
      "      title: Login form\n" +
      "  backend:\n" +
      "    - id: BE-001\n" +
      "      title: Token endpoint\n",
    "plan.md": "# Plan\n### BE-002: Refresh tokens\n",
  });
  const r = await initializeSession("auth-system", "backend", { paths: p });
  assert.equal(r.context_files, ["plan.md", "spec.yaml"]);
  assert.equal(
    r.tasks.map((t) => t.id),
    ["BE-001", "FE-001", "BE-002"],
  );
  const text = renderInit(r, root);
  assert.match(text, /=== Session Initialized: auth-system \(backend\) ===/);
  assert.match(text, /Branch: main/);
  assert.match(text, /plan\.md, spec\.yaml/);
  assert.match(text, /wf-task progress update BE-001 in_progress/);
  assert.not.match(text, /wf-task interview/, "a spec exists: no interview suggested");
});

init("says there is no git outside a repository", async () => {
  const root = tempDir();
  const r = await initializeSession("f", "qa", { paths: paths(root) });
  assert.is(r.branch, null);
  assert.match(renderInit(r, root), /not a git repository/);
});

init("refuses a bad feature id or role before creating anything", async () => {
  const root = tempDir();
  for (const [f, role] of [
    ["../etc", "qa"],
    ["ok", "Back End"],
  ]) {
    try {
      await initializeSession(f!, role!, { paths: paths(root) });
      assert.unreachable();
    } catch (error) {
      assert.ok(isWfError(error));
      assert.is(error.exitCode, 2);
    }
  }
  assert.not.ok(existsSync(join(root, ".ai")));
});

init("stops on a corrupt progress file and leaves it as it is", async () => {
  const root = tempDir();
  const p = paths(root);
  writeFiles(root, { ".ai/project/sessions/claude-progress.txt": "## Session Info\n- feature: BAD ID\n" });
  try {
    await initializeSession("f", "qa", { paths: p });
    assert.unreachable();
  } catch (error) {
    assert.ok(isWfError(error));
    assert.is(error.code, "E_PROGRESS_CORRUPT");
    assert.match(error.where!, /claude-progress\.txt:2$/);
  }
  assert.is(readFileSync(p.progressFile, "utf8"), "## Session Info\n- feature: BAD ID\n");
});

init.run();
