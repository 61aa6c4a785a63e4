import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { countTokens, estimateTokens } from "../../lib/context/tokens.ts";
import { ROOT, json, runCli, tempDir, writeFiles } from "../_support/index.ts";

const fixtures = join(ROOT, "test/context/fixtures");
const names = ["complex.ts", "service.py", "Repository.php", "server.go", "transcript.jsonl"];
const test = suite("tokens");

test("counts equal the tokenizer package's o200k counts on the fixtures", async () => {
  for (const name of names) {
    const text = readFileSync(join(fixtures, name), "utf8");
    assert.is(await countTokens(text), encode(text).length, name);
  }
});

test("the estimate is one token per four characters", async () => {
  assert.is(estimateTokens("abcdefghi"), 3);
  assert.is(await countTokens("abcd", "estimate"), 1);
});

test("context tokens lists per-file and total counts of a folder", async () => {
  const r = await runCli(["context", "tokens", fixtures, "--json"], { cwd: ROOT });
  assert.is(r.code, 0, r.stderr);
  const body = json(r);
  assert.is(body.mode, "bpe");
  for (const name of names) {
    const file = body.files.find((f: { path: string }) => f.path.endsWith(name));
    assert.is(file.tokens, encode(readFileSync(join(fixtures, name), "utf8")).length, name);
  }
  assert.is(
    body.total,
    body.files.reduce((s: number, f: { tokens: number }) => s + f.tokens, 0),
  );
});

test("respects .gitignore and skips binary files", async () => {
  const dir = tempDir();
  writeFiles(dir, {
    ".gitignore": "dist/\n*.log\n",
    "src/a.ts": "export const a = 1;\n",
    "dist/a.js": "x",
    "debug.log": "y",
  });
  const { writeFileSync } = await import("node:fs");
  writeFileSync(join(dir, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
  const body = json(await runCli(["context", "tokens", "--json"], { cwd: dir }));
  assert.equal(
    body.files.map((f: { path: string }) => f.path),
    ["src/a.ts"],
  );
});

test("--estimate switches to the fast estimate", async () => {
  const dir = tempDir();
  writeFiles(dir, { "a.txt": "x".repeat(40) });
  const body = json(await runCli(["context", "tokens", "a.txt", "--estimate", "--json"], { cwd: dir }));
  assert.equal(body, { mode: "estimate", files: [{ path: "a.txt", tokens: 10 }], total: 10 });
});

test("a missing path is bad input (exit 2)", async () => {
  const r = await runCli(["context", "tokens", "nope"], { cwd: tempDir() });
  assert.is(r.code, 2);
  assert.match(r.stderr, /no such file or folder: nope/);
});

test.run();
