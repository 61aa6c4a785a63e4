import { suite } from "uvu";
import * as assert from "uvu/assert";
import {
  blobIdSpecs,
  parseNameStatus,
  parseRaw,
  readBlobs,
  readBlobsBeside,
  readStagedBlobs,
  runGit,
  stagedChangesWithIds,
} from "../../lib/enforcement/git.ts";
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
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

g(
  "staged blobs are read from the worktree files and unpacked objects that hold them, the others from git",
  async () => {
    const dir = gitRepo({
      "t/a.test.ts": "it('a', () => {});\n",
      "t/b.test.ts": "it('b', () => {});\n",
      "t/c.test.ts": "c\n",
    });
    // The committed blobs are packed: only git reads them.
    git(dir, "repack", "-adq");
    writeFiles(dir, {
      "t/a.test.ts": "it('a2', () => {});\n",
      "t/b.test.ts": "it('b2', () => {});\n",
      "t/c.test.ts": "c2\n",
    });
    git(dir, "add", "-A");
    // Edited after `git add`, and replaced by a folder: the staged contents are only in the (unpacked) objects.
    writeFileSync(join(dir, "t/b.test.ts"), "it('b3', () => {});\n");
    rmSync(join(dir, "t/c.test.ts"));
    mkdirSync(join(dir, "t/c.test.ts"));
    const changes = stagedChangesWithIds({ cwd: dir });
    const specs = blobIdSpecs(changes);
    const paths = ["t/a.test.ts", "t/b.test.ts", "t/c.test.ts"];
    const wanted = paths.flatMap((p) => [specs.before(p), specs.after(p)]);
    // From a sub-folder too: the worktree paths are the repository's.
    const { blobs, fromWorktree, fromGit } = await readStagedBlobs({ cwd: join(dir, "t") }, changes, wanted);
    assert.equal(
      wanted.map((s) => blobs.get(s)),
      ["it('a', () => {});\n", "it('a2', () => {});\n", "it('b', () => {});\n", "it('b2', () => {});\n", "c\n", "c2\n"],
    );
    assert.equal(fromWorktree, ["t/a.test.ts"]);
    assert.equal(
      fromGit,
      paths.map((p) => specs.before(p)),
    );
  },
);

g("an unpacked object file that does not hash to its id is not trusted", async () => {
  const dir = gitRepo({ "t/a.test.ts": "it('a', () => {});\n" });
  const id = runGit({ cwd: dir }, ["rev-parse", "HEAD:t/a.test.ts"]).trim();
  // Packed and left unpacked too; git reads the pack first, so only the unpacked file is wrong.
  git(dir, "repack", "-aq");
  const file = join(dir, ".git/objects", id.slice(0, 2), id.slice(2));
  chmodSync(file, 0o644);
  writeFileSync(file, deflateSync(Buffer.from("blob 20\0it('x', () => {});\n")));
  const { blobs, fromGit } = await readStagedBlobs({ cwd: dir }, [], [id]);
  assert.equal(blobs.get(id), "it('a', () => {});\n");
  assert.equal(fromGit, [id]);
});

g("blobs read beside this process equal those read in one call, a missing one is null", async () => {
  const dir = gitRepo({ "a.txt": "one\n", "b.txt": "two\n" });
  const specs = ["HEAD:a.txt", "HEAD:b.txt", "HEAD:nope.txt"];
  assert.equal([...(await readBlobsBeside({ cwd: dir }, specs))], [...readBlobs({ cwd: dir }, specs)]);
  assert.equal((await readBlobsBeside({ cwd: dir }, specs)).get("HEAD:nope.txt"), null);
});

g.run();
