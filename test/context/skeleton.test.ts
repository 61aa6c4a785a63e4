import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { languageOf, skeleton, skeletonOf } from "../../lib/context/skeleton.ts";
import { CLI, ROOT, gitRepo, json, runBuilt, runCli, tempDir, writeFiles } from "../_support/index.ts";

const fixtures = join(ROOT, "test/context/fixtures");
const test = suite("skeleton");

test("picks the language from the extension", () => {
  assert.equal(
    [
      "a.tsx",
      "b.mjs",
      "c.py",
      "d.php",
      "e.go",
      "f.rb",
      "g.rs",
      "h.java",
      "i.cs",
      "j.kt",
      "k.swift",
      "l.c",
      "m.hpp",
      "n.ts",
      "o.txt",
    ].map(languageOf),
    [
      "tsx",
      "javascript",
      "python",
      "php",
      "go",
      "ruby",
      "rust",
      "java",
      "csharp",
      "kotlin",
      "swift",
      "c",
      "cpp",
      "typescript",
      undefined,
    ],
  );
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
  const names = body.files.map((f: { path: string }) => f.path.split("/").at(-1)).sort();
  assert.equal(names, [
    "Repo.java",
    "Repository.php",
    "Service.cs",
    "Service.kt",
    "Service.swift",
    "commonjs.js",
    "complex.ts",
    "lib.rs",
    "server.go",
    "service.py",
    "service.rb",
    "store.c",
    "store.cpp",
  ]);
  for (const f of body.files) assert.ok(f.skeleton_tokens < f.tokens, f.path);
});

test("a file in a language without skeletons is bad input naming the languages", async () => {
  const dir = tempDir();
  writeFiles(dir, { "a.txt": "plain words\n" });
  const r = await runCli(["context", "skeleton", "a.txt"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_USAGE_LANGUAGE/);
});

const SOURCE =
  "/** Adds. */\n" +
  "export function add(a: number, b: number): number {\n" +
  "  return a + b; // BODY\n" +
  "}\n" +
  "export class Box<T> {\n" +
  "  constructor(readonly value: T) {}\n" +
  "  map<U>(f: (v: T) => U): Box<U> {\n" +
  "    return new Box(f(this.value)); // BODY\n" +
  "  }\n" +
  "}\n";
const EXPECTED =
  "/** Adds. */\n" +
  "export function add(a: number, b: number): number { … }\n" +
  "export class Box<T> {\n" +
  "  constructor(readonly value: T) { … }\n" +
  "  map<U>(f: (v: T) => U): Box<U> { … }\n" +
  "}\n";

test("in a project with typescript@7 (the native compiler, no JS API) the built CLI skeletons TypeScript", () => {
  const dir = tempDir();
  writeFiles(dir, {
    "package.json": JSON.stringify({ name: "p", private: true, devDependencies: { typescript: "^7" } }),
    "src/a.ts": SOURCE,
  });
  const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--silent"], {
    cwd: dir,
    encoding: "utf8",
  });
  assert.is(install.status, 0, install.stderr);
  const version = JSON.parse(readFileSync(join(dir, "node_modules/typescript/package.json"), "utf8")).version as string;
  assert.match(version, /^7\./);
  const r = runBuilt(["context", "skeleton", "src/a.ts"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, EXPECTED);
});

test("in a project with no TypeScript at all the built CLI skeletons TypeScript and JavaScript", () => {
  const dir = tempDir();
  writeFiles(dir, { "src/a.ts": SOURCE, "src/b.js": "exports.run = function run(x) {\n  return x; // BODY\n};\n" });
  assert.not.ok(existsSync(join(dir, "node_modules")));
  const r = runBuilt(["context", "skeleton", "src", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const files = json(r).files as { path: string; skeleton: string }[];
  assert.is(files.find((f) => f.path.endsWith("a.ts"))!.skeleton, EXPECTED);
  assert.is(files.find((f) => f.path.endsWith("b.js"))!.skeleton, "exports.run = function run(x) { … };\n");
});

// The grammars package's TypeScript build reads `import("…")` in a type as a bare `import`.
const IMPORT_TYPE =
  'type Server = import("./schema.ts").Server;\nexport function f(): Server {\n  return 1 as never;\n}\n';
const IMPORT_TYPE_SKELETON = 'type Server = import("./schema.ts").Server;\nexport function f(): Server { … }\n';

test("TypeScript and TSX are read with wf-task's own grammars: the library, the CLI, its context entry, an installed script", () => {
  const dir = gitRepo({ "a.ts": IMPORT_TYPE, "b.tsx": IMPORT_TYPE });
  const viaEntry = spawnSync(
    process.execPath,
    [join(ROOT, "dist/entries/context.cjs"), "context", "skeleton", "a.ts"],
    {
      cwd: dir,
      encoding: "utf8",
    },
  );
  assert.is(viaEntry.stdout, IMPORT_TYPE_SKELETON, viaEntry.stderr);
  for (const file of ["a.ts", "b.tsx"]) {
    const r = runBuilt(["context", "skeleton", file], { cwd: dir });
    assert.is(r.stdout, IMPORT_TYPE_SKELETON, r.stderr);
  }
  // the standalone script of a project that installed wf-task (linked here) finds the package's copy
  const install = spawnSync(process.execPath, [CLI, "scripts", "install", "--quiet"], { cwd: dir, encoding: "utf8" });
  assert.is(install.status, 0, install.stderr);
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules/wf-task"));
  symlinkSync(join(ROOT, "node_modules/web-tree-sitter"), join(dir, "node_modules/web-tree-sitter"));
  const script = spawnSync(
    process.execPath,
    [join(dir, ".ai/workflow/enforcement/context_manager.mjs"), "skeleton", "a.ts"],
    { cwd: dir, encoding: "utf8" },
  );
  assert.is(script.stdout, IMPORT_TYPE_SKELETON, script.stderr);
});

test("the library from source reads TypeScript with the pinned grammar package", async () => {
  assert.is(await skeletonOf(IMPORT_TYPE, "a.ts"), IMPORT_TYPE_SKELETON);
  assert.is(await skeletonOf(IMPORT_TYPE, "b.tsx"), IMPORT_TYPE_SKELETON);
});

test.run();
