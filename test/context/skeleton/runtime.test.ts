import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { CLI, ROOT, gitRepo } from "../../_support/index.ts";

const DENO = join(ROOT, "node_modules/.bin/deno");
const test = suite("skeleton in the standalone runtime");

function installed(withPackages: boolean): string {
  const dir = gitRepo();
  const r = spawnSync(process.execPath, [CLI, "scripts", "install", "--quiet"], { cwd: dir, encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  copyFileSync(join(ROOT, "test/context/fixtures/langs/lib.rs"), join(dir, "lib.rs"));
  if (withPackages) {
    // the project's own node_modules (wf-task installed there brings both packages)
    mkdirSync(join(dir, "node_modules/@cursorless"), { recursive: true });
    symlinkSync(
      join(ROOT, "node_modules/@cursorless/tree-sitter-wasms"),
      join(dir, "node_modules/@cursorless/tree-sitter-wasms"),
    );
    symlinkSync(join(ROOT, "node_modules/web-tree-sitter"), join(dir, "node_modules/web-tree-sitter"));
  }
  return dir;
}

test("the bundled runtime finds the grammars in the project's node_modules, under node and deno", () => {
  const dir = installed(true);
  const script = join(dir, ".ai/workflow/enforcement/context_manager.mjs");
  const node = spawnSync(process.execPath, [script, "skeleton", "lib.rs"], { cwd: dir, encoding: "utf8" });
  assert.is(node.status, 0, node.stderr);
  assert.match(node.stdout, /^pub fn total\(items: &\[Item\], discount: f64\) -> f64 \{ … \}$/m);
  const deno = spawnSync(DENO, ["run", "-A", script, "skeleton", "lib.rs"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  assert.is(deno.status, 0, deno.stderr);
  assert.is(deno.stdout, node.stdout);
});

test("without the grammars anywhere it is a missing prerequisite (exit 3) naming the package", () => {
  const dir = installed(false);
  const r = spawnSync(
    process.execPath,
    [join(dir, ".ai/workflow/enforcement/context_manager.mjs"), "skeleton", "lib.rs"],
    { cwd: dir, encoding: "utf8" },
  );
  assert.is(r.status, 3, r.stderr);
  assert.match(r.stderr, /E_PREREQ_PARSER/);
  assert.match(r.stderr, /npm i .*web-tree-sitter/);
});

test("the built CLI runs skeletons under deno", () => {
  const r = spawnSync(
    DENO,
    ["run", "-A", CLI, "context", "skeleton", join(ROOT, "test/context/fixtures/langs/Service.kt")],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
  );
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /^    fun find\(id: Long\): T\? \{ … \}$/m);
});

test.run();
