import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { languageOf, skeleton } from "../../lib/context/skeleton.ts";
import { ROOT, json, runCli, tempDir, writeFiles } from "../_support/index.ts";

const fixtures = join(ROOT, "test/context/fixtures");
const test = suite("skeleton");

test("picks the language from the extension", () => {
  assert.equal(["a.tsx", "b.mjs", "c.py", "d.php", "e.go", "f.rb"].map(languageOf), ["typescript", "javascript", "python", "php", "go", undefined]);
});

test("skeleton(file) reads and dispatches", async () => {
  assert.match(await skeleton(join(fixtures, "server.go")), /^\/\/ Package server/);
});

test("context skeleton prints a file's skeleton; a folder's with a header per file", async () => {
  const one = await runCli(["context", "skeleton", join(fixtures, "complex.ts")], { cwd: ROOT });
  assert.is(one.code, 0, one.stderr);
  assert.match(one.stdout, /^import \{ readFileSync \}/);
  const dir = await runCli(["context", "skeleton", "test/context/fixtures", "--json"], { cwd: ROOT });
  const body = json(dir);
  assert.equal(body.files.map((f: { path: string }) => f.path.split("/").at(-1)), ["Repository.php", "commonjs.js", "complex.ts", "server.go", "service.py"]);
  for (const f of body.files) assert.ok(f.skeleton_tokens < f.tokens, f.path);
});

test("a file in a language without skeletons is bad input naming the languages", async () => {
  const dir = tempDir();
  writeFiles(dir, { "a.rb": "puts 1\n" });
  const r = await runCli(["context", "skeleton", "a.rb"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_USAGE_LANGUAGE/);
});

test.run();
