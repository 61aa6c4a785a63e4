import { suite } from "uvu";
import * as assert from "uvu/assert";
import {
  blobIdSpecs,
  parseNameStatus,
  parseRaw,
  readBlobs,
  runGit,
  stagedChangesWithIds,
} from "../../lib/enforcement/git.ts";
import { git, gitRepo, writeFiles } from "../_support/index.ts";

const g = suite("git blob ids");
const a = "a".repeat(40);
const b = "b".repeat(40);
const z = "0".repeat(40);

g("parses -z raw output with ids, renames with their old path and score", () => {
  assert.equal(
    parseRaw(
      `:000000 100644 ${z} ${a} A\0src/a.ts\0:100644 100644 ${a} ${b} R087\0old.ts\0new.ts\0:100644 000000 ${b} ${z} D\0gone.ts\0`,
    ),
    [
      { status: "A", path: "src/a.ts", oldId: z, newId: a },
      { status: "R", path: "new.ts", from: "old.ts", score: 87, oldId: a, newId: b },
      { status: "D", path: "gone.ts", oldId: b, newId: z },
    ],
  );
});

g("the raw listing names the same changes as --name-status, and its ids read the base and staged contents", () => {
  const dir = gitRepo({
    "t/a.test.ts": "it('x', () => {});\n",
    "old name.ts": "keep me as I am, a long enough text to be found again\n",
    "gone.ts": "x\n",
  });
  writeFiles(dir, { "t/a.test.ts": "it('y', () => {});\n", "src/my file.ts": "new\n" });
  git(dir, "mv", "old name.ts", "new name.ts");
  git(dir, "rm", "-q", "gone.ts");
  git(dir, "add", "-A");
  const changes = stagedChangesWithIds({ cwd: dir });
  const plain = parseNameStatus(runGit({ cwd: dir }, ["diff", "--cached", "--name-status", "-z", "-M"]));
  assert.equal(
    changes.map(({ oldId, newId, ...c }) => c),
    plain,
  );
  const specs = blobIdSpecs(changes);
  const wanted = [
    specs.before("t/a.test.ts"),
    specs.after("t/a.test.ts"),
    specs.before("old name.ts"),
    specs.after("new name.ts"),
  ];
  assert.ok(wanted.every((s) => /^[0-9a-f]{40}$/.test(s)));
  const blobs = readBlobs({ cwd: dir }, wanted);
  assert.equal(
    wanted.map((s) => blobs.get(s)),
    [
      "it('x', () => {});\n",
      "it('y', () => {});\n",
      "keep me as I am, a long enough text to be found again\n",
      "keep me as I am, a long enough text to be found again\n",
    ],
  );
  assert.equal(specs.before("src/my file.ts"), "HEAD:src/my file.ts");
});

g.run();
