import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectPaths } from "../../lib/config/paths.ts";
import { defaultConfig } from "../../lib/config/defaults.ts";
import { isWfError } from "../../lib/core/errors.ts";
import { addDecision, markFile, progressInit, update } from "../../lib/harness/progress-ops.ts";
import { history, importState, loadState, saveState } from "../../lib/harness/state.ts";
import { gitRepo } from "../_support/index.ts";

function setup(maxHistoryEntries = 10) {
  const root = gitRepo();
  const config = { ...defaultConfig(), harness: { ...defaultConfig().harness, maxHistoryEntries } };
  const paths = projectPaths({ config, root });
  return { root, paths, config, file: paths.progressFile };
}

const state = suite("agent state (.af)");

state("save fills the state from progress, git and config, and load reads it back", async () => {
  const s = setup();
  await progressInit("auth-system", "backend", { file: s.file });
  await update("BE-3", "in_progress", { file: s.file });
  await markFile("src/a.ts", { file: s.file });
  await addDecision("JWT over sessions", { file: s.file });
  const r = await saveState("backend", { paths: s.paths, config: s.config });
  assert.ok(existsSync(join(s.paths.agentsDir, "backend.af")));
  const af = loadState(s.paths, "backend")!;
  assert.equal(af, r.state);
  assert.is(af.agent.role, "backend");
  assert.is(af.memory.short_term.current_task, "BE-3");
  assert.equal(af.memory.short_term.recent_files, ["src/a.ts"]);
  assert.equal(af.memory.short_term.recent_decisions, ["JWT over sessions"]);
  assert.equal(af.context, {
    feature: "auth-system",
    workspace: ".ai/project/features/auth-system",
    worktree: s.root,
    branch: "main",
  });
  assert.is(af.state.status, "in_progress");
  assert.is(af.state.iteration_count, 1);
});

state("a role with . and _ (as `parallel` allows) saves and loads back", async () => {
  const s = setup();
  await progressInit("f", "api_v2.1", { file: s.file });
  await saveState("api_v2.1", { paths: s.paths, config: s.config });
  assert.is(loadState(s.paths, "api_v2.1")!.agent.role, "api_v2.1");
});

state("a second save keeps the agent id and long-term memory and counts the iteration", async () => {
  const s = setup();
  await progressInit("f", "qa", { file: s.file });
  const first = (await saveState("qa", { paths: s.paths, config: s.config })).state;
  const file = join(s.paths.agentsDir, "qa.af");
  const edited = {
    ...first,
    memory: { ...first.memory, long_term: { project_patterns: ["tests beside code"], learned_preferences: [] } },
  };
  writeFileSync(file, JSON.stringify(edited));
  const second = (await saveState("qa", { paths: s.paths, config: s.config })).state;
  assert.is(second.agent.id, first.agent.id);
  assert.is(second.state.iteration_count, 2);
  assert.equal(second.memory.long_term.project_patterns, ["tests beside code"]);
});

state("keeps only the last maxHistoryEntries snapshots of the role", async () => {
  const s = setup(2);
  await progressInit("f", "qa", { file: s.file });
  let pruned: string[] = [];
  for (let i = 0; i < 4; i++) pruned = (await saveState("qa", { paths: s.paths, config: s.config })).pruned;
  const kept = history(s.paths, "qa");
  assert.is(kept.length, 2);
  assert.match(kept[1]!, /-0004\.af$/);
  assert.is(pruned.length, 1);
});

state("a corrupt .af is reported with its key path and not overwritten", async () => {
  const s = setup();
  const file = join(s.paths.agentsDir, "qa.af");
  await progressInit("f", "qa", { file: s.file });
  await saveState("qa", { paths: s.paths, config: s.config });
  const bad = readFileSync(file, "utf8").replace(/"iteration_count": \d+/, '"iteration_count": "many"');
  writeFileSync(file, bad);
  try {
    await saveState("qa", { paths: s.paths, config: s.config });
    assert.unreachable();
  } catch (error) {
    assert.ok(isWfError(error));
    assert.is(error.code, "E_STATE_CORRUPT");
    assert.match(error.message, /state\.iteration_count/);
  }
  assert.is(readFileSync(file, "utf8"), bad);
});

state("an exported state loads back as the role's state, and a role mismatch is refused", async () => {
  const s = setup();
  await progressInit("f", "qa", { file: s.file });
  const saved = (await saveState("qa", { paths: s.paths, config: s.config })).state;
  const other = setup();
  const exported = join(other.root, "qa-export.af");
  writeFileSync(exported, JSON.stringify(saved));
  const r = await importState(exported, other.paths);
  assert.equal(loadState(other.paths, "qa"), saved);
  assert.is(r.file, join(other.paths.agentsDir, "qa.af"));
  try {
    await importState(exported, other.paths, "backend");
    assert.unreachable();
  } catch (error) {
    assert.ok(isWfError(error));
    assert.is(error.exitCode, 2);
  }
});

state.run();
