import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { git, gitRepo, runCli, writeFiles } from "../_support/index.ts";

/** A repo whose staged change breaks the TDD gate: a new source file without a test. */
function violating(): string {
  const dir = gitRepo({ "README.md": "# demo\n", ".workflowrc.json": "{}" });
  writeFiles(dir, { "src/User.php": "<?php class User {}\n" });
  git(dir, "add", "-A");
  return dir;
}
const events = (dir: string) =>
  readFileSync(join(dir, ".ai/project/metrics/events.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

const env = suite("the bash workflow's TDD switches");

env("TDD_STRICTNESS=warn lets the commit through with the warning; off skips the gate", async () => {
  const dir = violating();
  assert.is((await runCli(["precommit"], { cwd: dir })).code, 1);
  const warn = await runCli(["precommit"], { cwd: dir, env: { TDD_STRICTNESS: "warn" } });
  assert.is(warn.code, 0);
  assert.match(warn.stderr, /Commit allowed \(strictness: warn\)/);
  const off = await runCli(["precommit"], { cwd: dir, env: { TDD_STRICTNESS: "off" } });
  assert.is(off.code, 0);
  assert.is(off.stderr, "");
  const bad = await runCli(["precommit"], { cwd: dir, env: { TDD_STRICTNESS: "sometimes" } });
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /TDD_STRICTNESS=sometimes ignored/);
});

env("TDD_SKIP=1 is a bypass: allowed, logged, and recorded as an event", async () => {
  const dir = violating();
  const r = await runCli(["precommit", "--json"], { cwd: dir, env: { TDD_SKIP: "1" } });
  assert.is(r.code, 0, r.stderr);
  assert.is(JSON.parse(r.stdout).bypass_reason, "TDD_SKIP=1");
  const log = readFileSync(join(dir, ".ai/project/sessions/history/bypass.log"), "utf8");
  assert.match(log, /"reason":"TDD_SKIP=1"/);
  assert.equal(
    events(dir).map((e) => e.event),
    ["gate_violation", "tdd_bypass"],
  );
  assert.equal(events(dir)[0].files, ["src/User.php"]);
  assert.is((await runCli(["precommit"], { cwd: dir, env: { TDD_SKIP: "0" } })).code, 1, "TDD_SKIP=0 is no bypass");
});

env("[skip-tdd] in the commit message file is a bypass of the commit-msg gate", async () => {
  const dir = gitRepo({
    "README.md": "# demo\n",
    ".workflowrc.json": JSON.stringify({ enforcement: { trust: { gate: true } } }),
  });
  writeFiles(dir, {
    ".env.production": "KEY=1\n",
    "msg-plain": "change keys\n",
    "msg-skip": "change keys [skip-tdd]\n",
  });
  git(dir, "add", ".env.production");
  const blocked = await runCli(["precommit", "--message-file", join(dir, "msg-plain")], { cwd: dir });
  assert.is(blocked.code, 1, "a low-trust path without review is blocked");
  const r = await runCli(["precommit", "--json", "--message-file", join(dir, "msg-skip")], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.is(JSON.parse(r.stdout).bypass_reason, "[skip-tdd] in the commit message");
});

env.run();
