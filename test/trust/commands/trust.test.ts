import { suite } from "uvu";
import * as assert from "uvu/assert";
import { gitRepo, json, runCli, writeFiles } from "../../_support/index.ts";
import { SEED_YAML } from "../_models.ts";

const repo = gitRepo();
const run = (argv: string[], input?: string, cwd = repo) => runCli(argv, { cwd, input });

// ---
const single = suite("trust level / auto-approve / supervision");

single("level prints high, medium or low", async () => {
  assert.equal(
    [
      (await run(["trust", "level", "src/Security/AuthService.php"])).stdout,
      (await run(["trust", "level", "tests/Unit/UserTest.php"])).stdout,
      (await run(["trust", "level", "src/User.ts"])).stdout,
    ],
    ["low\n", "high\n", "medium\n"],
  );
});

single("auto-approve exits 0 only for high", async () => {
  const yes = await run(["trust", "auto-approve", "docs/a.md"]);
  const no = await run(["trust", "auto-approve", "src/User.ts"]);
  assert.equal([yes.code, yes.stdout, no.code, no.stdout], [0, "yes\n", 1, "no\n"]);
});

single("supervision prints the level's supervision, and JSON with --json", async () => {
  assert.is((await run(["trust", "supervision", ".env"])).stdout, "pair_programming\n");
  assert.equal(json(await run(["trust", "supervision", ".env", "--json"])), {
    path: ".env",
    supervision: "pair_programming",
    level: "low",
  });
});

single("paths are relative to the current folder, matched relative to the root", async () => {
  writeFiles(repo, { "tests/keep": "" });
  const r = await runCli(["trust", "level", "x.test.php", "--json"], { cwd: `${repo}/tests` });
  assert.equal(json(r), { path: "tests/x.test.php", level: "high", matched: "*.test.*" });
});

// ---
const task = suite("trust task");

task("prints level, auto-approve, supervision and reason; JSON has the plan's shape", async () => {
  const r = await run(["trust", "task", "payment", "--json"]);
  assert.is(r.code, 0);
  const t = json(r);
  assert.equal([t.level, t.auto_approve, t.supervision, typeof t.reason], ["low", false, "pair_programming", "string"]);
});

task("warns on stderr about an unknown task type and uses the default level", async () => {
  const r = await run(["trust", "task", "juggling"]);
  assert.is(r.code, 0);
  assert.match(r.stdout, /Trust Level: medium/);
  assert.match(r.stderr, /warning: unknown task type `juggling`/);
});

// ---
const assess = suite("trust assess");

assess("prints the plan's File / Trust Level / Auto-approve / Supervision / Reason", async () => {
  const r = await run(["trust", "assess", "src/auth/login.ts"]);
  assert.is(
    r.stdout,
    "File: src/auth/login.ts\nTrust Level: low\nAuto-approve: no\nSupervision: pair_programming\nReason: security-sensitive path (*auth*)\n",
  );
});

assess("--json adds matched and escalation; --task gives the most restrictive of both", async () => {
  const r = json(await run(["trust", "assess", "--json", "--task", "payment", "docs/a.md", "tests/b.test.ts"]));
  assert.equal(
    r.files.map((f: any) => [f.path, f.level, f.matched, f.escalation]),
    [
      ["docs/a.md", "high", "docs/", false],
      ["tests/b.test.ts", "high", "*.test.*", false],
    ],
  );
  assert.is(r.task.level, "low");
  assert.equal([r.overall.level, r.overall.auto_approve, r.overall.supervision], ["low", false, "pair_programming"]);
});

assess("without paths or --task is bad usage (exit 2)", async () => {
  const r = await run(["trust", "assess"]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /expected at least one path/);
});

assess(
  "reads the paths from stdin given `-`, one per line (`git diff --name-only | wf-task trust assess -`)",
  async () => {
    const r = json(await run(["trust", "assess", "-", "--json"], "src/auth/login.ts\ndocs/a.md\n\n"));
    assert.equal(
      r.files.map((f: any) => [f.path, f.level]),
      [
        ["src/auth/login.ts", "low"],
        ["docs/a.md", "high"],
      ],
    );
    assert.is((await run(["trust", "assess"], "README.md\n")).code, 2, "never waits on stdin without `-`");
  },
);

// ---
const explain = suite("trust explain");

explain("shows every matching rule, marks the winner and says why", async () => {
  const r = await run(["trust", "explain", "tests/auth/login.test.ts"]);
  assert.match(r.stdout, /tests\/auth\/login\.test\.ts → low/);
  assert.match(r.stdout, /high\s+\*\.test\.\*/);
  assert.match(r.stdout, /▶ low\s+\*auth\*/);
  assert.match(r.stdout, /Why: several levels match; low wins/);
});

// ---
const batch = suite("trust batch");

batch("prints one TSV line per path read from stdin, in order", async () => {
  const r = await run(["trust", "batch"], "src/a.ts\n.env\n\nREADME.md\n");
  assert.is(
    r.stdout,
    "src/a.ts\tmedium\tfalse\tcode_review_required\t-\n.env\tlow\tfalse\tpair_programming\t.env*\nREADME.md\thigh\ttrue\tminimal\t*.md\n",
  );
});

batch("-z reads NUL-separated paths and --json prints JSON lines", async () => {
  const r = await run(["trust", "batch", "-z", "--json"], "odd\nname.md\0src/x.ts\0");
  const lines = r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(
    lines.map((l) => [l.path, l.level]),
    [
      ["odd\nname.md", "high"],
      ["src/x.ts", "medium"],
    ],
  );
});

// ---
const hook = suite("trust hook claude");

hook("prints the PreToolUse decision for the input on stdin", async () => {
  const input = JSON.stringify({
    hook_event_name: "PreToolUse",
    cwd: repo,
    tool_name: "Write",
    tool_input: { file_path: `${repo}/docs/guide.md` },
  });
  const out = JSON.parse((await run(["trust", "hook", "claude"], input)).stdout);
  assert.is(out.hookSpecificOutput.permissionDecision, "allow");
});

hook("asks (exit 0) when the trust model is broken, naming the problem", async () => {
  const dir = gitRepo();
  writeFiles(dir, { ".ai/workflow/trust_model.yaml": "trust_levels:\n  hihg: {}\n" });
  const input = JSON.stringify({
    hook_event_name: "PreToolUse",
    cwd: dir,
    tool_name: "Write",
    tool_input: { file_path: `${dir}/docs/guide.md` },
  });
  const r = await runCli(["trust", "hook", "claude"], { cwd: dir, input });
  assert.is(r.code, 0);
  const out = JSON.parse(r.stdout).hookSpecificOutput;
  assert.is(out.permissionDecision, "ask");
  assert.match(out.permissionDecisionReason, /trust_model\.yaml:2:3: trust_levels\.hihg/);
});

hook("asks on stdin that is not JSON, and prints nothing for a Bash call", async () => {
  assert.is(
    JSON.parse((await run(["trust", "hook", "claude"], "{oops")).stdout).hookSpecificOutput.permissionDecision,
    "ask",
  );
  const bash = await run(
    ["trust", "hook", "claude"],
    JSON.stringify({ hook_event_name: "PreToolUse", cwd: repo, tool_name: "Bash", tool_input: { command: "ls" } }),
  );
  assert.equal([bash.code, bash.stdout], [0, ""]);
});

// ---
const model = suite("trust show and a bad model");

model("show names the base model; --yaml prints trust_model.yaml", async () => {
  assert.match((await run(["trust", "show"])).stdout, /Model: built-in default/);
  assert.match((await run(["trust", "show", "--yaml"])).stdout, /trust_levels:\n  high:/);
});

model("a bad model is exit 2 naming file, line and entry", async () => {
  const dir = gitRepo();
  writeFiles(dir, { ".ai/workflow/trust_model.yaml": SEED_YAML.replace('- pattern: "lib/**"', '- reason: "lib"') });
  const r = await runCli(["trust", "level", "src/a.ts"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(
    r.stderr,
    /error E_TRUST_MODEL: \.ai\/workflow\/trust_model\.yaml:25 trust_levels\.medium\.contexts\[1\]: expected `pattern` or `task_type`/,
  );
});

single.run();
task.run();
assess.run();
explain.run();
batch.run();
hook.run();
model.run();
