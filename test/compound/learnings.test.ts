import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { capture, readLearnings, ruleKey } from "../../lib/compound/learnings.ts";
import { git, gitRepo, json, runCli, tempDir, writeFiles } from "../_support/index.ts";

const test = suite("learnings");
const base = { description: "d", solution: "s", author: "ann" };

test("a second identical capture does not duplicate: one entry, counted", async () => {
  const dir = gitRepo();
  const args = [
    "compound",
    "capture",
    "pattern",
    "Handlers grew fat",
    "Moved logic to services",
    "Keep HTTP handlers thin",
    "--json",
  ];
  const first = json(await runCli(args, { cwd: dir }));
  const second = json(await runCli([...args.slice(0, 5), "keep http handlers thin.", "--json"], { cwd: dir }));
  assert.is(first.created, true);
  assert.is(second.created, false);
  assert.is(second.learning.count, 2);
  const list = json(await runCli(["compound", "list", "--json"], { cwd: dir }));
  assert.is(list.learnings.length, 1);
  const claude = readFileSync(join(dir, "CLAUDE.md"), "utf8");
  assert.is(claude.split("Keep HTTP handlers thin").length, 2);
  assert.match(claude, /Keep HTTP handlers thin \(seen 2×\)/);
});

test("records id, date, author, related commit and files", async () => {
  const dir = gitRepo();
  writeFiles(dir, { "src/auth.ts": "export {};\n" });
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "fix: refresh race");
  const sha = git(dir, "rev-parse", "--short", "HEAD");
  const { learning } = json(
    await runCli(["compound", "capture", "bug", "Race", "Lock", "Lock before refresh", "--json"], { cwd: dir }),
  );
  assert.is(learning.id, "L-001");
  assert.is(learning.author, "Test");
  assert.is(learning.commit, sha);
  assert.equal(learning.files, ["src/auth.ts"]);
  assert.match(learning.date, /^\d{4}-\d\d-\d\dT/);
  const yaml = readFileSync(join(dir, ".ai/project/learnings.yaml"), "utf8");
  assert.match(yaml, /rule: Lock before refresh/);
});

test("rules differing only in case, spacing or final punctuation are the same rule", () => {
  assert.is(ruleKey("Keep  HTTP handlers thin."), ruleKey("keep http handlers thin"));
  assert.is.not(ruleKey("keep handlers thin"), ruleKey("keep handlers thick"));
});

test("parallel captures lose nothing", async () => {
  const file = join(tempDir(), "learnings.yaml");
  await Promise.all(
    Array.from({ length: 8 }, (_, i) => capture(file, { ...base, type: "pattern", rule: `rule ${i}` })),
  );
  assert.is((await readLearnings(file)).length, 8);
});

test("a corrupt learnings file is reported with its place and never overwritten", async () => {
  const dir = tempDir();
  const file = join(dir, ".ai/project/learnings.yaml");
  mkdirSync(join(dir, ".ai/project"), { recursive: true });
  writeFileSync(file, "version: 1\nlearnings: [\n  - oops: {\n");
  const r = await runCli(["compound", "capture", "bug", "a", "b", "c"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_COMPOUND_CORRUPT/);
  assert.match(r.stderr, /learnings\.yaml:\d+:\d+/);
  assert.is(readFileSync(file, "utf8"), "version: 1\nlearnings: [\n  - oops: {\n");
});

test("an unknown learning type is bad usage", async () => {
  const r = await runCli(["compound", "capture", "bugfix", "a", "b", "c"], { cwd: tempDir() });
  assert.is(r.code, 2);
  assert.match(r.stderr, /bug\|pattern\|anti_pattern/);
});

test.run();
