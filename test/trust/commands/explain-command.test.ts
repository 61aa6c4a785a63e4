import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { gitRepo, json, runCli } from "../../_support/index.ts";

const root = gitRepo({
  "README.md": "# demo\n",
  "src/auth/login.ts": "export {};\n",
  ".workflowrc.json": JSON.stringify({ trust: { forbidden: [".env*"] } }),
});
mkdirSync(join(root, "docs"));
writeFileSync(join(root, "docs/a.md"), "# a\n");

test("trust explain --command lists each target, its level, the rule and the decision (JSON)", async () => {
  const r = await runCli(
    ["trust", "explain", "--json", "--command", "cd src && sed -i s/a/b/ auth/login.ts; echo x > ../docs/a.md; rm $X"],
    { cwd: root },
  );
  assert.is(r.code, 0, r.stderr);
  const data = json(r);
  assert.equal(Object.keys(data).sort(), [
    "bypasses",
    "command",
    "cwd",
    "decision",
    "parsed",
    "reason",
    "targets",
    "unknown",
    "unreadable",
  ]);
  assert.is(data.decision, "ask");
  assert.is(data.parsed, true);
  const [sed, docs] = data.targets;
  assert.equal(
    [sed.path, sed.via, sed.level, sed.matched, sed.decision],
    ["src/auth/login.ts", "sed -i file", "low", "*auth*", "ask"],
  );
  assert.equal([docs.path, docs.level, docs.decision], ["docs/a.md", "high", "allow"]);
  assert.equal(
    data.unknown.map((u: { why: string }) => u.why),
    ["rm operand `$X` depends on $X, known only when the command runs"],
  );
});

test("trust explain --command says deny for a bypass and names the honest way (human)", async () => {
  const r = await runCli(["trust", "explain", "--command", "HUSKY=0 git commit -m wip"], { cwd: root });
  assert.is(r.code, 0);
  assert.match(r.stdout, /Bypasses:\n  deny  `HUSKY=0` turns the git hooks off/);
  assert.match(r.stdout, /Decision: deny\n .*WF_TDD_BYPASS/);
});

test("trust explain --command on a read-only command: no writes, no decision", async () => {
  const r = await runCli(["trust", "explain", "--command", "git log --oneline | head"], { cwd: root });
  assert.match(r.stdout, /Writes: none found/);
  assert.match(r.stdout, /Decision: none \(left to Claude Code\)/);
  const j = json(await runCli(["trust", "explain", "--json", "--command", "ls"], { cwd: root }));
  assert.is(j.decision, null);
});

test("trust explain --command on a command that cannot be parsed: asks, with the parser's reason", async () => {
  const j = json(await runCli(["trust", "explain", "--json", "--command", "echo 'open"], { cwd: root }));
  assert.is(j.parsed, false);
  assert.is(j.decision, "ask");
  assert.match(j.unreadable, /Unclosed/);
});

test("trust explain wants a path or --command, not both, not neither (exit 2)", async () => {
  const none = await runCli(["trust", "explain"], { cwd: root });
  assert.is(none.code, 2);
  assert.match(none.stderr, /E_USAGE.*expected a path or --command/);
  const both = await runCli(["trust", "explain", "a.ts", "--command", "ls"], { cwd: root });
  assert.is(both.code, 2);
});

test.run();
