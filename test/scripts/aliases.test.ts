import { suite } from "uvu";
import * as assert from "uvu/assert";
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { legacyArgs } from "../../lib/scripts/aliases.ts";
import { ROOT, gitRepo, json, runCli, runNode, writeFiles } from "../_support/index.ts";

const rewrite = suite("legacyArgs");

rewrite("the original verbs become the wf-task subcommands, in the same argument order", () => {
  assert.equal(legacyArgs("trust", ["--level", "src/a.ts"]), ["level", "src/a.ts"]);
  assert.equal(legacyArgs("tdd", ["verify", "main..HEAD"]), ["order", "--range", "main..HEAD"]);
  assert.equal(legacyArgs("worktree", ["create", "backend", "feature/x"]), [
    "create",
    "backend",
    "--branch",
    "feature/x",
  ]);
  assert.equal(legacyArgs("context", ["prioritize", "login", "flow"]), ["rank", "login flow"]);
  assert.equal(legacyArgs("compound", ["track-task", "BE-1"]), [
    "track",
    "task_completed",
    '{"task":"BE-1","source":"compound_tracker"}',
  ]);
  assert.equal(legacyArgs("ports", ["release-all"]), ["release", "--all"]);
  assert.equal(legacyArgs("worktree", ["cleanup-all", "--force"]), ["cleanup", "--all", "--force"]);
  assert.equal(legacyArgs("monitor", ["diagnose"]), ["diagnose"]);
  assert.equal(legacyArgs("tdd", ["generate", "src/a.ts"]), ["generate", "src/a.ts"]);
});

rewrite("wf-task's own subcommands and unknown commands are left as they are", () => {
  assert.equal(legacyArgs("trust", ["level", "x"]), ["level", "x"]);
  assert.equal(legacyArgs("ports", ["allocate", "backend"]), ["allocate", "backend"]);
  assert.equal(legacyArgs("nope", ["--level", "x"]), ["--level", "x"]);
  assert.equal(legacyArgs("trust", []), []);
});

// ---
const scripts = suite("the installed scripts take the original CLIs");

scripts("each script answers the original's verbs with the original's argument order", async () => {
  const dir = gitRepo({
    "README.md": "# demo\n",
    "src/auth/login.ts": "export const login = () => 1;\n",
    "src/user.ts": "export const u = 1;\n",
    "src/user.py": "def user_name(u):\n    return u.name\n",
  });
  mkdirSync(join(dir, ".ai/workflow"), { recursive: true });
  copyFileSync(join(ROOT, "test/trust/fixtures/legacy_trust_model.yaml"), join(dir, ".ai/workflow/trust_model.yaml"));
  const install = await runCli(["scripts", "install"], { cwd: dir });
  assert.is(install.code, 1, "the team's trust model is not overwritten by a plain install");
  assert.is((await runCli(["migrate"], { cwd: dir })).code, 0);
  const wf = (script: string, ...args: string[]) =>
    runNode([join(dir, ".ai/workflow", `${script}.mjs`), ...args], { cwd: dir });

  assert.is(wf("enforcement/trust_evaluator", "--level", "src/Security/AuthService.php").stdout.trim(), "low");
  assert.is(wf("enforcement/trust_evaluator", "--supervision", "src/user.ts").stdout.trim(), "code_review_required");
  assert.is(json(wf("enforcement/trust_evaluator", "--task", "payment", "--json")).level, "low");
  assert.match(wf("enforcement/trust_evaluator", "--display", "tests/a.test.ts").stdout, /Trust Level: high/);

  assert.is(wf("parallel/port_manager", "allocate", "backend").stdout.trim(), "3001");
  assert.is(wf("parallel/port_manager", "get", "backend").stdout.trim(), "3001");
  assert.match(wf("parallel/port_manager", "status").stdout, /backend/);
  assert.is(wf("parallel/port_manager", "release", "backend").code, 0);

  const tokens = wf("harness/context_manager", "estimate", "src/user.ts", "--json");
  assert.is(tokens.code, 0, tokens.stderr);
  assert.ok(json(tokens).total > 0);
  // Skeletons need the tree-sitter grammars: the standalone runtime finds them in the project's node_modules.
  mkdirSync(join(dir, "node_modules/@cursorless"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules/web-tree-sitter"), join(dir, "node_modules/web-tree-sitter"), "dir");
  symlinkSync(
    join(ROOT, "node_modules/@cursorless/tree-sitter-wasms"),
    join(dir, "node_modules/@cursorless/tree-sitter-wasms"),
    "dir",
  );
  assert.match(wf("harness/context_manager", "skeleton", "src/user.py").stdout, /def user_name\(u\)/);
  assert.match(wf("harness/context_manager", "prioritize", "login").stdout, /src\/auth\/login\.ts/);

  writeFiles(dir, {
    ".ai/project/features/auth/spec.yaml": readFileSync(
      join(ROOT, "test/specs/fixtures/plan_feature_spec.yaml"),
      "utf8",
    ),
  });
  const spec = wf("specs/validator", "syntax", ".ai/project/features/auth/spec.yaml");
  assert.is(spec.code, 0, spec.stdout + spec.stderr);

  const track = wf("harness/compound_tracker", "track-task", "BE-001");
  assert.is(track.code, 0, track.stderr);
  assert.ok(existsSync(join(dir, ".ai/project/metrics/events.jsonl")));
  assert.is(json(wf("harness/compound_tracker", "export")).learnings.length, 0);

  assert.is(wf("harness/progress_manager", "init", "auth", "backend").code, 0);
  assert.is(wf("harness/progress_manager", "update", "BE-001", "COMPLETED", "tests pass").code, 0);
  assert.is(wf("harness/progress_manager", "add-note", "next: login").code, 0);
  const p = json(wf("harness/progress_manager", "read"));
  assert.equal(p.completed, ["BE-001"]);
  assert.equal(p.tasks[0].notes, ["tests pass"]);
  assert.equal(p.notes, ["next: login"]);

  const tdd = wf("enforcement/tdd_enforcer", "exists", "src/user.ts");
  assert.is(tdd.code, 1, "no test for src/user.ts: the check says no");
  assert.match(wf("parallel/monitor", "status").stdout, /"agents"/);
});

rewrite.run();
scripts.run();
