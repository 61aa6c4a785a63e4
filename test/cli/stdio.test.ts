import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, gitRepo, tempDir } from "../_support/index.ts";

const test = suite("the CLI's standard output");
const BIN = join(ROOT, "dist/wf-task.cjs");
const SOURCE = "export function f(a: number): number {\n  return a;\n}\nexport const b = 1;\n";

/** Runs the bin with stdout going to `out` (a path), recording the built-in modules it loaded. */
function runTo(out: string, args: string[], cwd: string) {
  const dir = tempDir();
  const log = join(dir, "loaded.json");
  writeFileSync(
    join(dir, "record.cjs"),
    `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(log)}, JSON.stringify(process.moduleLoadList)));\n`,
  );
  const fd = openSync(out, "w");
  try {
    const r = spawnSync(process.execPath, ["-r", join(dir, "record.cjs"), BIN, ...args], {
      cwd,
      stdio: ["ignore", fd, "pipe"],
      encoding: "utf8",
    });
    return { code: r.status, stderr: r.stderr, builtins: JSON.parse(readFileSync(log, "utf8")) as string[] };
  } finally {
    closeSync(fd);
  }
}

test("to a file or /dev/null the output is written as it would be, without building Node's stream", () => {
  const dir = gitRepo({ "a.ts": SOURCE });
  const file = join(tempDir(), "out.txt");
  const r = runTo(file, ["context", "skeleton", "a.ts"], dir);
  assert.is(r.code, 0, r.stderr);
  assert.is(readFileSync(file, "utf8"), "export function f(a: number): number { … }\nexport const b = 1;\n");
  assert.not.ok(r.builtins.includes("NativeModule internal/fs/sync_write_stream"), "process.stdout was built");
  const devNull = runTo("/dev/null", ["context", "skeleton", "a.ts", "--json"], dir);
  assert.is(devNull.code, 0, devNull.stderr);
  assert.not.ok(devNull.builtins.includes("NativeModule internal/fs/sync_write_stream"));
  // the whole CLI too, several writes in order
  const help = join(tempDir(), "help.txt");
  assert.is(runTo(help, ["--help"], dir).code, 0);
  const viaPipe = spawnSync(process.execPath, [BIN, "--help"], { cwd: dir, encoding: "utf8" });
  assert.is(readFileSync(help, "utf8"), viaPipe.stdout);
});

test("to a pipe it is Node's stream, made when first written: stderr not at all when nothing is said", () => {
  const dir = gitRepo({ "a.ts": SOURCE });
  const spy = join(tempDir(), "spy.cjs");
  const log = join(tempDir(), "made.json");
  writeFileSync(
    spy,
    [
      "const made = [];",
      'for (const name of ["stdout", "stderr"]) {',
      "  const d = Object.getOwnPropertyDescriptor(process, name);",
      "  const get = () => (made.includes(name) || made.push(name), d.get.call(process));",
      "  Object.defineProperty(process, name, { configurable: true, enumerable: d.enumerable, get });",
      "}",
      `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(log)}, JSON.stringify(made)));`,
      "",
    ].join("\n"),
  );
  const r = spawnSync(process.execPath, ["-r", spy, BIN, "context", "skeleton", "a.ts"], {
    cwd: dir,
    encoding: "utf8",
  });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout, "export function f(a: number): number { … }\nexport const b = 1;\n");
  assert.equal(JSON.parse(readFileSync(log, "utf8")), ["stdout"]);
  const bad = spawnSync(process.execPath, ["-r", spy, BIN, "context", "skeleton", "missing.ts"], {
    cwd: dir,
    encoding: "utf8",
  });
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /E_USAGE_PATH/);
  assert.equal(JSON.parse(readFileSync(log, "utf8")), ["stderr"]);
});

test("a reader that stops early ends the command quietly", () => {
  const dir = gitRepo({ "a.ts": SOURCE });
  // ~400 KB of skeletons through `head -c 1`: the writer gets EPIPE
  const r = spawnSync(
    "bash",
    [
      "-c",
      `node "${BIN}" context skeleton "${join(ROOT, "lib")}" | head -c 1 >/dev/null; echo "exit \${PIPESTATUS[0]}"`,
    ],
    {
      cwd: dir,
      encoding: "utf8",
    },
  );
  assert.is(r.stdout.trim(), "exit 0", r.stderr);
  assert.is(r.stderr, "");
});

test("a process that runs the CLI many times ends quietly on EPIPE through one handler", () => {
  const script = [
    `const { main } = await import(${JSON.stringify(join(ROOT, "lib/cli/main.ts"))});`,
    'await main({ argv: ["--version"] });',
    'const once = process.stdout.listenerCount("error");',
    'for (let i = 0; i < 11; i++) await main({ argv: ["--version"] });',
    'process.stderr.write(`${once} ${process.stdout.listenerCount("error")}`);',
  ].join("\n");
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
  });
  assert.is(r.stdout.trim().split("\n").length, 12);
  const [once, after] = r.stderr.trim().split("\n").at(-1)!.split(" ");
  assert.is(after, once);
});

test.run();
