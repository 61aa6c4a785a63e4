import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { atomicWriteSync } from "../../lib/util/atomic-write.ts";
import { ROOT, tempDir } from "../_support/index.ts";

const write = suite("atomicWrite");

write("replaces the content and leaves no temp file", () => {
  const dir = tempDir();
  const file = join(dir, "a", "state.json");
  atomicWriteSync(file, "one");
  atomicWriteSync(file, "two");
  assert.is(readFileSync(file, "utf8"), "two");
  assert.equal(readdirSync(join(dir, "a")), ["state.json"]);
});

write("creates a new file with the given mode", () => {
  const file = join(tempDir(), "secret");
  atomicWriteSync(file, "x", { mode: 0o600 });
  assert.is(statSync(file).mode & 0o777, 0o600);
});

write("a writer killed mid-way leaves the old file intact", () => {
  const dir = tempDir();
  const file = join(dir, "state.txt");
  writeFileSync(file, "old content");
  // The child writes huge files in a loop and is killed wherever it is.
  const script = `import { atomicWriteSync } from ${JSON.stringify(join(ROOT, "lib/util/atomic-write.ts"))};
const big = "x".repeat(64 * 1024 * 1024);
for (;;) atomicWriteSync(${JSON.stringify(file)}, big + Math.random());`;
  writeFileSync(join(dir, "writer.mts"), script);
  const r = spawnSync(process.execPath, ["--import", "tsx", join(dir, "writer.mts")], {
    cwd: ROOT,
    timeout: 1500,
    killSignal: "SIGKILL",
  });
  assert.is(r.signal, "SIGKILL");
  const content = readFileSync(file, "utf8");
  assert.ok(content === "old content" || content.length > 64 * 1024 * 1024, "either the old or a whole new file");
});

write("a symlinked file stays a link: the file it points at is replaced", () => {
  const dir = tempDir();
  mkdirSync(join(dir, "docs"));
  writeFileSync(join(dir, "docs/CLAUDE.md"), "old\n");
  symlinkSync("docs/CLAUDE.md", join(dir, "CLAUDE.md"));
  atomicWriteSync(join(dir, "CLAUDE.md"), "new\n");
  assert.ok(lstatSync(join(dir, "CLAUDE.md")).isSymbolicLink());
  assert.is(readFileSync(join(dir, "docs/CLAUDE.md"), "utf8"), "new\n");
});

write("temp files left by a killed writer are removed by the next write; a live writer's are kept", () => {
  const dir = tempDir();
  const file = join(dir, "state.json");
  writeFileSync(join(dir, ".state.json.4194311.deadbeef.tmp"), "half");
  writeFileSync(join(dir, `.state.json.${process.ppid}.cafebabe.tmp`), "in progress");
  atomicWriteSync(file, "{}");
  assert.equal(readdirSync(dir).sort(), [`.state.json.${process.ppid}.cafebabe.tmp`, "state.json"]);
});

write.run();
