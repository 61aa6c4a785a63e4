import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { CLI, ROOT, tempDir } from "../../_support/index.ts";

const test = suite("what a one-file skeleton loads and compiles");
const TS = join(ROOT, "test/context/fixtures/complex.ts");
const PY = join(ROOT, "test/context/fixtures/service.py");
/** gpt-tokenizer, from node_modules or bundled into its own chunk. */
const TOKENIZER = /gpt-tokenizer|\/o200k_base[-.]/;

/** The module URLs the built CLI resolves while running `args` (a resolve hook writes them to a file). */
function loaded(args: string[]): { urls: string[]; stdout: string } {
  const dir = tempDir();
  const log = join(dir, "loaded.txt");
  writeFileSync(log, "");
  writeFileSync(
    join(dir, "hooks.mjs"),
    `import { appendFileSync } from "node:fs";\n` +
      `export async function resolve(specifier, context, next) {\n` +
      `  const r = await next(specifier, context);\n` +
      `  appendFileSync(${JSON.stringify(log)}, r.url + "\\n");\n` +
      `  return r;\n}\n`,
  );
  writeFileSync(
    join(dir, "register.mjs"),
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(join(dir, "hooks.mjs")).href)});\n`,
  );
  const r = spawnSync(process.execPath, ["--import", join(dir, "register.mjs"), CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  assert.is(r.status, 0, r.stderr);
  return { urls: readFileSync(log, "utf8").split("\n").filter(Boolean), stdout: r.stdout };
}

test("a skeleton without --json loads neither the tokenizer nor the TypeScript compiler", () => {
  const { urls, stdout } = loaded(["context", "skeleton", TS]);
  assert.match(stdout, /export interface/);
  assert.ok(
    urls.some((u) => u.includes("web-tree-sitter")),
    urls.join("\n"),
  );
  assert.not.ok(
    urls.some((u) => TOKENIZER.test(u) || /\/typescript\/lib\//.test(u)),
    urls.join("\n"),
  );
});

test("--json loads the tokenizer (it counts tokens)", () => {
  const { urls } = loaded(["context", "skeleton", TS, "--json"]);
  assert.ok(
    urls.some((u) => TOKENIZER.test(u)),
    urls.join("\n"),
  );
});

/** Wasm functions V8 compiled with its optimising tier while the built CLI ran `args`. */
function turbofan(args: string[]): string[] {
  const r = spawnSync(process.execPath, ["--trace-wasm-compilation-times", CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  assert.is(r.status, 0, r.stderr);
  return r.stdout.split("\n").filter((l) => /^Compiled function .* using TurboFan/.test(l));
}

// A process waits at exit for V8's background optimising compiles: ~140 ms of CPU for the
// parser runtime's hot functions, more than the whole one-file job.
test("no wasm is compiled with the optimising tier for one TypeScript or Python file", () => {
  for (const file of [TS, PY]) {
    const compiled = turbofan(["context", "skeleton", file]);
    assert.is(compiled.length, 0, `${file}: ${compiled.length} functions, e.g. ${compiled[0]}`);
  }
});

test.run();
