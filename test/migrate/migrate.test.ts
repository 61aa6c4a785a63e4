import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GIT_ENV, ROOT, gitRepo, json, runBuilt, tempDir, writeFiles } from "../_support/index.ts";

/** A repo on the bash workflow: two of the plan's scripts, a team's own script, its trust model and progress file. */
function bashRepo(): string {
  const dir = tempDir("wf-bash-");
  cpSync(join(ROOT, "test/migrate/fixtures/bash-workflow"), dir, { recursive: true });
  return dir;
}
const bash = (cwd: string, script: string) =>
  spawnSync("bash", ["-c", script], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
const PROGRESS = ".ai/project/sessions/claude-progress.txt";
const gitIn = (cwd: string, ...args: string[]) =>
  spawnSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, ...GIT_ENV } });

/** `dir` as a repository that committed the bash workflow, then only the shims (the compiled scripts left untracked). */
function migratedRepo(dir: string): typeof gitIn {
  gitIn(dir, "init", "-q", "-b", "main");
  gitIn(dir, "add", "-A");
  gitIn(dir, "commit", "-q", "-m", "the bash workflow");
  assert.is(runBuilt(["migrate"], { cwd: dir }).code, 0);
  gitIn(dir, "commit", "-q", "-a", "-m", "the shims");
  return gitIn;
}

const migrate = suite("wf-task migrate");

migrate("replaces each .sh with a shim over its compiled script; sourcing it keeps the functions working", () => {
  const dir = bashRepo();
  const r = runBuilt(["migrate", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const report = json(r);
  const shim = report.actions.find((a: any) => a.path === ".ai/workflow/enforcement/trust_evaluator.sh");
  assert.is(shim.action, "replaced");
  assert.ok(existsSync(join(dir, ".ai/workflow/.bash-backup/enforcement/trust_evaluator.sh")));
  assert.match(
    readFileSync(join(dir, ".ai/workflow/.bash-backup/enforcement/trust_evaluator.sh"), "utf8"),
    /_trust_match/,
  );
  assert.ok(statSync(join(dir, ".ai/workflow/enforcement/trust_evaluator.sh")).mode & 0o100);
  assert.ok(
    readFileSync(join(dir, ".ai/workflow/enforcement/trust_evaluator.sh"), "utf8").split("\n").length < 30,
    "a few lines",
  );

  const level = bash(
    dir,
    "source .ai/workflow/enforcement/trust_evaluator.sh; trust_get_level src/Security/AuthService.php",
  );
  assert.is(level.status, 0, level.stderr);
  assert.is(level.stdout.trim(), "low");
  assert.is(
    bash(
      dir,
      "source .ai/workflow/enforcement/trust_evaluator.sh; trust_get_level tests/Unit/UserTest.php",
    ).stdout.trim(),
    "high",
  );
  assert.is(
    bash(dir, "source .ai/workflow/enforcement/trust_evaluator.sh; trust_can_auto_approve src/User.php").status,
    1,
  );

  const update = bash(dir, 'source .ai/workflow/harness/progress_manager.sh; progress_update BE-001 completed "done"');
  assert.is(update.status, 0, update.stderr);
  const text = readFileSync(join(dir, PROGRESS), "utf8");
  assert.match(text, /^- \[x\] BE-001: Create harness module structure\n  - done$/m);
  assert.is((text.match(/^status:/gm) ?? []).length, 1);
  const read = bash(dir, "source .ai/workflow/harness/progress_manager.sh; progress_read");
  assert.equal(JSON.parse(read.stdout).completed, ["BE-001"]);
});

migrate("says what it could not do: functions with no equivalent, a team's own script", () => {
  const dir = bashRepo();
  const report = json(runBuilt(["migrate", "--json"], { cwd: dir }));
  assert.ok(
    report.could_not.some(
      (c: any) => c.path === ".ai/workflow/enforcement/trust_evaluator.sh" && /trust_report_card/.test(c.reason),
    ),
  );
  assert.ok(report.could_not.some((c: any) => c.path === ".ai/workflow/parallel/team_notify.sh"));
  const missing = bash(dir, "source .ai/workflow/enforcement/trust_evaluator.sh; trust_report_card");
  assert.is(missing.status, 3);
  assert.match(missing.stderr, /trust_report_card: no wf-task equivalent/);
  assert.equal(
    readFileSync(join(dir, ".ai/workflow/trust_model.yaml"), "utf8"),
    readFileSync(join(ROOT, "test/trust/fixtures/legacy_trust_model.yaml"), "utf8"),
    "the team's trust model is kept",
  );
  const trust = report.actions.find((a: any) => a.kind === "trust_model");
  assert.match(trust.detail, /2 warning/);
  assert.match(report.actions.find((a: any) => a.kind === "progress").detail, /plain dialect/);
});

migrate("--dry-run writes nothing; a second run changes nothing", () => {
  const dir = bashRepo();
  const dry = json(runBuilt(["migrate", "--dry-run", "--json"], { cwd: dir }));
  assert.ok(dry.actions.some((a: any) => a.action === "would-replace"));
  assert.match(readFileSync(join(dir, ".ai/workflow/enforcement/trust_evaluator.sh"), "utf8"), /_trust_match/);
  assert.not.ok(existsSync(join(dir, ".ai/workflow/.bash-backup")));
  runBuilt(["migrate"], { cwd: dir });
  const shim = readFileSync(join(dir, ".ai/workflow/enforcement/trust_evaluator.sh"), "utf8");
  const again = json(runBuilt(["migrate", "--json"], { cwd: dir }));
  assert.ok(again.actions.filter((a: any) => a.kind === "shim").every((a: any) => a.action === "unchanged"));
  assert.is(again.actions.find((a: any) => a.kind === "scripts").action, "unchanged");
  assert.is(readFileSync(join(dir, ".ai/workflow/enforcement/trust_evaluator.sh"), "utf8"), shim);
  assert.match(
    readFileSync(join(dir, ".ai/workflow/.bash-backup/enforcement/trust_evaluator.sh"), "utf8"),
    /_trust_match/,
    "the backup is the original, not a shim",
  );
});

migrate(
  "the shims of tdd_generate_test, port_release_all, worktree_cleanup_all and monitor_diagnose run their commands",
  () => {
    const dir = gitRepo({ "src/cart.ts": "export function total() { return 0; }\n" });
    const fn = (name: string) => `${name}() {\n  echo original\n}\n`;
    writeFiles(dir, {
      ".ai/workflow/enforcement/tdd_enforcer.sh": `#!/usr/bin/env bash\n${fn("tdd_check_tests_exist")}${fn("tdd_generate_test")}`,
      ".ai/workflow/parallel/port_manager.sh": `#!/usr/bin/env bash\n${fn("port_allocate")}${fn("port_release_all")}`,
      ".ai/workflow/parallel/worktree_manager.sh": `#!/usr/bin/env bash\n${fn("worktree_create")}${fn("worktree_cleanup_all")}`,
      ".ai/workflow/parallel/monitor.sh": `#!/usr/bin/env bash\n${fn("monitor_status")}${fn("monitor_diagnose")}`,
    });
    const env = { PORT_RANGE_START: "27100", PORT_RANGE_END: "27109" };
    const m = runBuilt(["migrate", "--json"], { cwd: dir, env });
    assert.is(m.code, 0, m.stderr);
    assert.not.ok(
      json(m).could_not.some((c: any) => /no wf-task equivalent/.test(c.reason)),
      m.stdout,
    );
    const sh = (script: string) =>
      spawnSync("bash", ["-c", script], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
    const gen = sh("source .ai/workflow/enforcement/tdd_enforcer.sh; tdd_generate_test src/cart.ts");
    assert.is(gen.status, 0, gen.stderr);
    assert.match(readFileSync(join(dir, "src/cart.test.ts"), "utf8"), 'test("total"');
    assert.is(sh("source .ai/workflow/parallel/port_manager.sh; port_allocate backend").stdout.trim(), "27100");
    const rel = sh("source .ai/workflow/parallel/port_manager.sh; port_release_all");
    assert.is(rel.status, 0, rel.stderr);
    assert.match(rel.stdout, /released 27100 \(backend\)/);
    assert.is(sh("source .ai/workflow/parallel/worktree_manager.sh; worktree_create qa").status, 0);
    const clean = sh("source .ai/workflow/parallel/worktree_manager.sh; worktree_cleanup_all");
    assert.is(clean.status, 0, clean.stderr);
    assert.not.ok(existsSync(join(dir, ".worktrees/qa")));
    const diag = sh("source .ai/workflow/parallel/monitor.sh; monitor_diagnose");
    assert.is(diag.status, 0, diag.stderr);
    assert.match(diag.stdout, /no parallel runs/);
  },
);

migrate("a shim an older wf-task wrote is rewritten (from its original); a current one is left as it is", () => {
  const dir = bashRepo();
  runBuilt(["migrate"], { cwd: dir });
  const file = join(dir, ".ai/workflow/enforcement/trust_evaluator.sh");
  const current = readFileSync(file, "utf8");
  const older = current
    .replace(/\(wf-task [^)]+\)/, "(wf-task 0.0.1)")
    .replace(/  if \[\[ ! -f "\$s" \]\]; then[\s\S]*?\n  fi\n/, "");
  assert.is.not(older, current);
  writeFileSync(file, older, { mode: 0o755 });
  const dry = json(runBuilt(["migrate", "--dry-run", "--json"], { cwd: dir }));
  assert.is(
    dry.actions.find((a: any) => a.path === ".ai/workflow/enforcement/trust_evaluator.sh").action,
    "would-update",
  );
  assert.is(readFileSync(file, "utf8"), older);
  const r = json(runBuilt(["migrate", "--json"], { cwd: dir }));
  const action = (path: string) => r.actions.find((a: any) => a.kind === "shim" && a.path === path)?.action;
  assert.is(action(".ai/workflow/enforcement/trust_evaluator.sh"), "updated");
  assert.is(action(".ai/workflow/harness/progress_manager.sh"), "unchanged");
  assert.is(readFileSync(file, "utf8"), current);
  assert.match(
    readFileSync(join(dir, ".ai/workflow/.bash-backup/enforcement/trust_evaluator.sh"), "utf8"),
    /_trust_match/,
    "the backup is still the original",
  );
  const missing = bash(dir, "source .ai/workflow/enforcement/trust_evaluator.sh; trust_report_card");
  assert.is(missing.status, 3, "the original's functions with no equivalent still say so");
  // a shim of this version that was edited by hand: kept, and said so
  const edited = `${current}export TRUST_DEBUG=1 # ours\n`;
  writeFileSync(file, edited, { mode: 0o755 });
  const kept = json(runBuilt(["migrate", "--json"], { cwd: dir }));
  assert.is(
    kept.actions.find((a: any) => a.path === ".ai/workflow/enforcement/trust_evaluator.sh").action,
    "unchanged",
  );
  assert.ok(
    kept.could_not.some(
      (c: any) => c.path === ".ai/workflow/enforcement/trust_evaluator.sh" && /edited since/.test(c.reason),
    ),
    JSON.stringify(kept.could_not),
  );
  assert.is(readFileSync(file, "utf8"), edited);
});

migrate(
  "in a linked worktree of a checkout that committed only the shims, they run the main checkout's compiled scripts",
  () => {
    const dir = bashRepo();
    const git = migratedRepo(dir);
    const wt = join(dir, ".worktrees/agent");
    git(dir, "worktree", "add", "-q", "-b", "agent", wt);
    assert.not.ok(existsSync(join(wt, ".ai/workflow/enforcement/trust_evaluator.mjs")));
    const call = "source .ai/workflow/enforcement/trust_evaluator.sh; trust_get_level src/Security/AuthService.php";
    const inMain = bash(dir, call);
    const inWorktree = bash(wt, call);
    assert.is(inWorktree.status, 0, inWorktree.stderr);
    assert.is(inWorktree.stdout, inMain.stdout);
    // nowhere to be found: one line that names the script, exit 3
    rmSync(join(dir, ".ai/workflow/enforcement/trust_evaluator.mjs"));
    const gone = bash(wt, call);
    assert.is(gone.status, 3);
    assert.match(gone.stderr, /^wf-task: .*enforcement\/trust_evaluator\.mjs is missing.*wf-task scripts install/);
    assert.is(gone.stderr.trim().split("\n").length, 1, gone.stderr);
  },
);

migrate(
  "a git hook in a linked worktree (git sets GIT_DIR there) runs the main checkout's compiled gate through the shim",
  () => {
    const dir = bashRepo();
    writeFiles(dir, {
      ".ai/workflow/hooks/pre_commit_tdd.sh": "#!/usr/bin/env bash\necho 'the bash gate'\n",
      "src/a.ts": "export const a = 1;\n",
      "src/a.test.ts":
        'import { test } from "uvu";\nimport * as assert from "uvu/assert";\ntest("a", () => assert.is(1, 1));\n',
    });
    const git = migratedRepo(dir);
    // the team's own git hook, as it was: it calls the script by its path
    writeFiles(dir, { ".git/hooks/pre-commit": "#!/bin/sh\nexec .ai/workflow/hooks/pre_commit_tdd.sh\n" });
    spawnSync("chmod", ["+x", join(dir, ".git/hooks/pre-commit")]);
    const wt = join(dir, ".worktrees/agent");
    git(dir, "worktree", "add", "-q", "-b", "agent", wt);
    assert.not.ok(existsSync(join(wt, ".ai/workflow/hooks/pre_commit_tdd.mjs")));
    writeFiles(wt, { "src/b.ts": "export const b = 2;\n" });
    git(wt, "add", "src/b.ts");
    const refused = git(wt, "commit", "-m", "b without a test");
    assert.is.not(refused.status, 0, refused.stdout);
    assert.not.match(refused.stderr, /is missing/);
    assert.match(refused.stdout + refused.stderr, /src\/b\.ts has no test file/);
    writeFiles(wt, {
      "src/b.test.ts":
        'import { test } from "uvu";\nimport * as assert from "uvu/assert";\ntest("b", () => assert.is(2, 2));\n',
    });
    git(wt, "add", "src/b.test.ts");
    const landed = git(wt, "commit", "-q", "-m", "b with its test");
    assert.is(landed.status, 0, landed.stdout + landed.stderr);
  },
);

migrate.run();
