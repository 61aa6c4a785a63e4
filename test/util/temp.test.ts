import { suite } from "uvu";
import * as assert from "uvu/assert";
import { closeSync, existsSync, readdirSync, readSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { makeTempDir, openTempFile, tempRoots } from "../../lib/util/temp.ts";
import { tempDir } from "../_support/index.ts";

const t = suite("temp folders and files, with TMPDIR gone");

/** Runs `fn` with TMPDIR set to `value`, restoring it after. */
function withTmpdir<T>(value: string, fn: () => T): T {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = value;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

t("a temp folder goes under TMPDIR when it is there", () => {
  const root = tempDir();
  const dir = withTmpdir(root, () => makeTempDir("wf-x-"));
  assert.is(dirname(dir), root);
  assert.match(dir, /\/wf-x-[^/]+$/);
  assert.ok(existsSync(dir));
});

t(
  "TMPDIR a missing folder or a file: the system's own temp folder serves, and nothing is made where TMPDIR points",
  () => {
    const base = tempDir();
    const file = join(base, "a-file");
    writeFileSync(file, "x\n");
    for (const gone of [join(base, "missing", "deeper"), file]) {
      const dir = withTmpdir(gone, () => makeTempDir("wf-x-"));
      try {
        assert.is.not(dirname(dir), gone);
        assert.ok(existsSync(dir), dir);
        assert.ok(
          withTmpdir(gone, () => tempRoots())
            .slice(1)
            .includes(dirname(dir)),
          `${dir} is in one of the system's folders`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    assert.not.ok(existsSync(join(base, "missing")), "no folder is created for TMPDIR");
  },
);

t("when no folder serves, the error is the first folder's own", () => {
  const base = tempDir();
  const first = join(base, "one");
  assert.throws(
    () => makeTempDir("wf-x-", [first, join(base, "two")]),
    (e: NodeJS.ErrnoException) => e.code === "ENOENT" && String(e.path).startsWith(first),
  );
});

t("an unlinked temp file with TMPDIR gone: written and read back by its descriptor, nothing left behind", () => {
  const gone = join(tempDir(), "missing");
  const roots = withTmpdir(gone, () => tempRoots());
  const mine = `wf-io-${process.pid}-`;
  const fd = withTmpdir(gone, () => openTempFile("wf-io-"));
  try {
    writeSync(fd, "hello", 0);
    const buf = Buffer.alloc(5);
    readSync(fd, buf, 0, 5, 0);
    assert.is(buf.toString(), "hello");
    for (const r of roots)
      assert.equal(
        safeList(r).filter((f) => f.startsWith(mine)),
        [],
        `no file left in ${r}`,
      );
  } finally {
    closeSync(fd);
  }
  assert.not.ok(existsSync(gone));
});

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

t.run();
