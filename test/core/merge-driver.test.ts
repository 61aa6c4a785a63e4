import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { json, runCli, tempDir, writeFiles } from "../_support/index.ts";

const t = suite("merge-file commands (git's merge drivers)");

/** The three versions git hands a driver, as files in a folder; returns their paths. */
function versions(base: string, ours: string, theirs: string): { dir: string; files: string[] } {
  const dir = tempDir("wf-driver-");
  writeFiles(dir, { O: base, A: ours, B: theirs });
  return { dir, files: ["O", "A", "B"] };
}

const learnings = (...rules: string[]) =>
  `version: 1\nlearnings:${rules.length ? "\n" : " []\n"}` +
  rules
    .map(
      (rule, i) =>
        `  - id: L-00${i + 1}\n    type: bug\n    description: d\n    solution: s\n    rule: ${rule}\n` +
        `    date: "2026-12-08"\n    author: a\n    files: []\n    commit: null\n    count: 1\n    last_seen: "2026-12-08"\n`,
    )
    .join("");

t("a merge it can make replaces the current version: exit 0", async () => {
  const { dir, files } = versions(learnings(), learnings("A"), learnings("B"));
  const r = await runCli(["compound", "merge-file", ...files, "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.equal(json(r), { file: join(dir, "A"), merged: true });
  assert.match(readFileSync(join(dir, "A"), "utf8"), /rule: A[\s\S]*id: L-002[\s\S]*rule: B/);
});

t("what it does not read goes to git's line merge: clean when the sides agree, else markers and exit 1", async () => {
  const same = versions("not: [yaml", learnings("A"), learnings("A"));
  const clean = await runCli(["compound", "merge-file", ...same.files, "--json"], { cwd: same.dir });
  assert.is(clean.code, 0, clean.stderr);
  assert.is(json(clean).merged, true);
  assert.is(readFileSync(join(same.dir, "A"), "utf8"), learnings("A"));
  const apart = versions("x\n", "ours: [\n", "theirs: [\n");
  const conflict = await runCli(["compound", "merge-file", ...apart.files], { cwd: apart.dir });
  assert.is(conflict.code, 1);
  assert.match(
    readFileSync(join(apart.dir, "A"), "utf8"),
    /^<<<<<<< ours\nours: \[\n=======\ntheirs: \[\n>>>>>>> theirs\n$/,
  );
  // CLAUDE.md without its markers on one side, the progress file's driver too: the same fallback
  const md = versions("# C\n", "# C\nours\n", "# C\ntheirs\n");
  assert.is((await runCli(["compound", "merge-file", "--claude-md", ...md.files], { cwd: md.dir })).code, 1);
  const progress = versions("# P\n", "# Q\n", "# R\n");
  assert.is((await runCli(["progress", "merge-file", ...progress.files], { cwd: progress.dir })).code, 1);
});

t("a version that is not there: E_FS_ENOENT with the path, exit 2, nothing written", async () => {
  const { dir } = versions("", "ours\n", "theirs\n");
  const r = await runCli(["compound", "merge-file", "gone", "A", "B"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_FS_ENOENT: .*gone/);
  assert.is(readFileSync(join(dir, "A"), "utf8"), "ours\n");
});

t.run();
