import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, gitRepo, json, runBuilt, writeFiles } from "../_support/index.ts";

const e2e = suite("built CLI: context and compound");
const fixtures = join(ROOT, "test/context/fixtures");

e2e("context skeleton of a TypeScript file runs from the built CLI with typescript loaded lazily", () => {
  const r = runBuilt(["context", "skeleton", join(fixtures, "complex.ts"), "--json"]);
  assert.is(r.code, 0, r.stderr);
  const [file] = json(r).files;
  assert.is(file.language, "typescript");
  assert.ok(file.skeleton_tokens < file.tokens);
  assert.not.match(file.skeleton, /BODY_MARKER/);
});

e2e("usage and should-clear from a transcript, the way a Claude Code hook calls them", () => {
  const dir = gitRepo();
  const transcript = join(fixtures, "transcript.jsonl");
  const usage = runBuilt(["context", "usage", "--transcript", transcript, "--json"], { cwd: dir });
  assert.equal(json(usage).usage_percent, 90);
  const advice = runBuilt(["context", "should-clear", "--transcript", transcript], { cwd: dir });
  assert.is(advice.code, 0);
  assert.match(advice.stdout, /^\/(clear|compact): /);
});

e2e("rank and pack a small repo", () => {
  const dir = gitRepo({
    "src/cart.ts": "export function addToCart(id: string): void {}\n",
    "src/user.ts": "export const user = 1;\n",
  });
  const rank = json(runBuilt(["context", "rank", "add to cart", "--json"], { cwd: dir }));
  assert.is(rank.files[0].path, "src/cart.ts");
  const pack = runBuilt(["context", "pack", "add to cart", "--budget", "200"], { cwd: dir });
  assert.match(pack.stdout, /## src\/cart\.ts \(full\)/);
});

e2e("capture, update CLAUDE.md, track and report through the built CLI", () => {
  const dir = gitRepo();
  writeFiles(dir, { "CLAUDE.md": "# Team notes\nmine\n" });
  const cap = runBuilt(
    ["compound", "capture", "anti_pattern", "Tests slept", "Used fake timers", "Never sleep in tests"],
    { cwd: dir },
  );
  assert.is(cap.code, 0, cap.stderr);
  assert.match(
    readFileSync(join(dir, "CLAUDE.md"), "utf8"),
    /^# Team notes\nmine\n\n<!-- wf-task:learnings:start -->[\s\S]*- Never sleep in tests\n[\s\S]*<!-- wf-task:learnings:end -->\n$/,
  );
  assert.is(runBuilt(["compound", "track", "task_completed", '{"task":"T1"}'], { cwd: dir }).code, 0);
  const report = runBuilt(["compound", "report"], { cwd: dir });
  assert.match(report.stdout, /# Compound learning report[\s\S]*first-pass rate \| 100%[\s\S]*Never sleep in tests/);
});

e2e("every context and compound subcommand has --help", () => {
  for (const args of [
    ["context", "skeleton"],
    ["context", "tokens"],
    ["context", "usage"],
    ["context", "should-clear"],
    ["context", "rank"],
    ["context", "pack"],
    ["compound", "capture"],
    ["compound", "update-claude-md"],
    ["compound", "track"],
    ["compound", "metrics"],
    ["compound", "list"],
    ["compound", "report"],
  ]) {
    const r = runBuilt([...args, "--help"]);
    assert.is(r.code, 0, args.join(" "));
    assert.match(r.stdout, new RegExp(`wf-task ${args.join(" ")} — `));
  }
});

e2e.run();
