import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { gitRepo, json, runCli } from "../_support/index.ts";

const test = suite("pack");
const big =
  `/** Token helpers. */\n` +
  `export function refreshToken(token: string): string {\n` +
  `${"  token = token.split('').reverse().join('');\n".repeat(60)}  return token;\n` +
  `}\n`;

test("fills the budget greedily: full text when it fits, skeletons when it does not", async () => {
  const dir = gitRepo({
    "src/token.ts": big,
    "src/token-store.ts":
      'import { refreshToken } from "./token.ts";\nexport const store = new Map<string, string>();\n',
  });
  const r = await runCli(["context", "pack", "refresh token", "--budget", "300", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const body = json(r);
  assert.ok(body.used_tokens <= 300, String(body.used_tokens));
  const modes = Object.fromEntries(body.files.map((f: { path: string; mode: string }) => [f.path, f.mode]));
  assert.equal(modes, { "src/token.ts": "skeleton", "src/token-store.ts": "full" });
  assert.match(body.text, /export function refreshToken\(token: string\): string \{ … \}/);
  assert.ok(encode(body.text).length <= 300);
});

test("writes the pack to a file with --out", async () => {
  const dir = gitRepo({ "src/token.ts": big });
  const r = await runCli(["context", "pack", "refresh token", "--budget", "5000", "--out", "ctx.md"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /wrote ctx\.md: 1 files/);
  assert.ok(readFileSync(join(dir, "ctx.md"), "utf8").includes(big));
});

test("a budget that is not a positive integer is bad input", async () => {
  const r = await runCli(["context", "pack", "x", "--budget", "0"], { cwd: gitRepo() });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_USAGE_BUDGET/);
});

test.run();
