import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { commands } from "../../lib/cli/registry.ts";
import { COMMAND_ENTRY_NAMES } from "../../tasks/build.ts";
import { CLI, ROOT, gitRepo, runRecordingLoads } from "../_support/index.ts";

const test = suite("the bin and the hot commands' own entries");
const BIN = join(ROOT, "dist/wf-task.cjs");

const run = (file: string, args: string[], cwd: string) => runRecordingLoads(file, args, { cwd });

test("`monitor` runs from dist/entries/monitor.cjs without the ES module loader, as the CLI would", () => {
  const dir = gitRepo();
  const viaBin = run(BIN, ["monitor", "--json"], dir);
  assert.is(viaBin.code, 0, viaBin.stderr);
  assert.ok(
    viaBin.files.some((f) => f.endsWith("/dist/entries/monitor.cjs")),
    viaBin.files.join(", "),
  );
  assert.not.ok(viaBin.builtins.includes("NativeModule internal/modules/esm/module_job"));
  const viaCli = run(CLI, ["monitor", "--json"], dir);
  const shape = (out: string) => {
    const { generated_at: _, ...rest } = JSON.parse(out);
    return rest;
  };
  assert.equal(shape(viaBin.stdout), shape(viaCli.stdout));
  for (const args of [["monitor", "--help"], ["monitor", "--bogus"], ["monitor"]]) {
    const a = run(BIN, args, dir);
    const b = run(CLI, args, dir);
    assert.equal([a.code, a.stdout, a.stderr], [b.code, b.stdout, b.stderr], args.join(" "));
  }
});

test("every other first word goes to the CLI", () => {
  const dir = gitRepo();
  const version = run(BIN, ["--version"], dir);
  assert.is(version.code, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  assert.ok(version.files.every((f) => !f.includes("/dist/entries/")));
  const unknown = run(BIN, ["monitr"], dir);
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, "did you mean `wf-task monitor`?");
});

test("`parallel` runs from dist/entries/parallel.cjs, its help, errors and exit codes as the CLI's", () => {
  const dir = gitRepo();
  const status = run(BIN, ["parallel", "status", "nothing"], dir);
  assert.ok(
    status.files.some((f) => f.endsWith("/dist/entries/parallel.cjs")),
    status.files.join(", "),
  );
  for (const args of [
    ["parallel", "status", "nothing"],
    ["parallel", "--help"],
    ["parallel", "merge", "--help"],
    ["parallel", "status"],
  ]) {
    const a = run(BIN, args, dir);
    const b = run(CLI, args, dir);
    assert.equal([a.code, a.stdout, a.stderr], [b.code, b.stdout, b.stderr], args.join(" "));
  }
});

test("`context` runs from dist/entries/context.cjs: a skeleton without the ES module loader, the tokenizer with --json, as the CLI", () => {
  const dir = gitRepo();
  writeFileSync(join(dir, "a.ts"), "import x from 'y';\nexport function f(a: number): number {\n  return a + 1;\n}\n");
  writeFileSync(join(dir, "b.py"), 'def g(x):\n    """Doc."""\n    return x\n');
  writeFileSync(join(dir, "a.txt"), "text\n");
  const skel = run(BIN, ["context", "skeleton", "a.ts"], dir);
  assert.is(skel.code, 0, skel.stderr);
  assert.ok(
    skel.files.some((f) => f.endsWith("/dist/entries/context.cjs")),
    skel.files.join(", "),
  );
  assert.not.ok(skel.builtins.includes("NativeModule internal/modules/esm/module_job"));
  assert.match(skel.stdout, "export function f(a: number): number { … }");
  for (const args of [
    ["context", "skeleton", "a.ts"],
    ["context", "skeleton", "a.ts", "b.py", "--json"],
    ["context", "skeleton", "missing.ts"],
    ["context", "skeleton", "a.txt"],
    ["context", "tokens", "a.ts", "--json"],
    ["context", "--help"],
  ]) {
    const a = run(BIN, args, dir);
    const b = run(CLI, args, dir);
    assert.equal([a.code, a.stdout, a.stderr], [b.code, b.stdout, b.stderr], args.join(" "));
  }
});

test("each entry says what the registry says of its command", () => {
  for (const name of COMMAND_ENTRY_NAMES) {
    const text = readFileSync(join(ROOT, `lib/cli/entries/${name}.ts`), "utf8");
    const entry = commands.find((c) => c.name === name)!;
    assert.match(text, `summary: ${JSON.stringify(entry.summary)}`);
    assert.match(text, `group: ${JSON.stringify(entry.group)}`);
    assert.is(text.includes("recipe: true"), Boolean(entry.recipe), name);
  }
});

test("each entry carries only the valibot functions it calls, not the whole library", () => {
  // A dynamic `import("valibot")` anywhere in an entry's modules bundles all of valibot (85 KB, its
  // every export by name); a static import is tree-shaken to what is used.
  for (const name of COMMAND_ENTRY_NAMES) {
    const text = readFileSync(join(ROOT, `dist/entries/${name}.cjs`), "utf8");
    for (const unused of ["objectWithRestAsync", "safeParseAsync", "strictTupleAsync"])
      assert.not.ok(text.includes(unused), `${name}.cjs holds valibot's ${unused}`);
  }
});

test.run();
