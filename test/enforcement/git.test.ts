import { suite } from "uvu";
import * as assert from "uvu/assert";
import { inIndex, parseNameStatus, readBlobs, stagedChanges } from "../../lib/enforcement/git.ts";
import { git, gitRepo, writeFiles } from "../_support/index.ts";

const g = suite("git helpers");

g("parses -z name-status output, renames with their old path and score", () => {
  assert.equal(parseNameStatus("A\0src/a.ts\0R087\0old.ts\0new.ts\0D\0gone.ts\0"), [
    { status: "A", path: "src/a.ts" },
    { status: "R", path: "new.ts", from: "old.ts", score: 87 },
    { status: "D", path: "gone.ts" },
  ]);
});

g("lists staged changes, including paths with spaces", () => {
  const dir = gitRepo();
  writeFiles(dir, { "src/my file.ts": "x\n" });
  git(dir, "add", "-A");
  assert.equal(stagedChanges({ cwd: dir }), [{ status: "A", path: "src/my file.ts" }]);
});

g("reads many blobs in one call; a missing one is null", () => {
  const dir = gitRepo({ "a.txt": "one\n", "b.txt": "two\n" });
  writeFiles(dir, { "a.txt": "one, staged\n" });
  git(dir, "add", "a.txt");
  const blobs = readBlobs({ cwd: dir }, ["HEAD:a.txt", ":a.txt", "HEAD:b.txt", "HEAD:nope.txt"]);
  assert.equal(
    [...blobs],
    [
      ["HEAD:a.txt", "one\n"],
      [":a.txt", "one, staged\n"],
      ["HEAD:b.txt", "two\n"],
      ["HEAD:nope.txt", null],
    ],
  );
});

g("tells which paths are in the index", () => {
  const dir = gitRepo({ "a.txt": "a\n" });
  writeFiles(dir, { "untracked.txt": "u\n" });
  assert.equal([...inIndex({ cwd: dir }, ["a.txt", "untracked.txt", "none.txt"])], ["a.txt"]);
});

g.run();
