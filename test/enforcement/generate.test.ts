import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gitRepo, json, runCli } from "../_support/index.ts";
import { exportedSymbols } from "../../lib/enforcement/generate.ts";

const gen = suite("tdd generate");

gen("reads the exported symbols of TS, Python, PHP and Go sources", () => {
  assert.equal(
    exportedSymbols(
      "a.ts",
      "export function total() {}\nexport const TAX = 1;\nexport class Cart {}\nfunction hidden() {}\nexport { a as b };\n",
    ),
    ["total", "TAX", "Cart", "b"],
  );
  assert.equal(
    exportedSymbols(
      "a.py",
      "def add(x):\n    pass\n\ndef _private():\n    pass\nclass Cart:\n    def inner(self): pass\n",
    ),
    ["add", "Cart"],
  );
  assert.equal(
    exportedSymbols(
      "A.php",
      "<?php\nclass User {\n  public function save() {}\n  private function x() {}\n  public function __construct() {}\n}\n",
    ),
    ["User", "save"],
  );
  assert.equal(
    exportedSymbols("a.go", "package cart\nfunc Total() int { return 0 }\nfunc hidden() {}\nfunc (c *Cart) Add() {}\n"),
    ["Total", "Add"],
  );
});

gen("writes a uvu skeleton in test/ when the project uses uvu and keeps its tests there", async () => {
  const dir = gitRepo({
    "package.json": JSON.stringify({ devDependencies: { uvu: "^0.5.6" } }),
    "src/cart.ts": "export function total() { return 0; }\nexport const TAX = 0.2;\n",
    "test/other.test.ts": "",
  });
  const r = await runCli(["tdd", "generate", "src/cart.ts", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const out = json(r);
  assert.is(out.test_file, "test/cart.test.ts");
  assert.is(out.framework, "uvu");
  assert.equal(out.symbols, ["total", "TAX"]);
  assert.ok(out.written);
  const text = readFileSync(join(dir, "test/cart.test.ts"), "utf8");
  assert.match(text, 'import { total, TAX } from "../src/cart.ts";');
  assert.match(text, 'test("total"');
  assert.match(text, "test.run();");
  // the target exists now: refused without --force, exit 2 with the code and a hint
  const again = await runCli(["tdd", "generate", "src/cart.ts"], { cwd: dir });
  assert.is(again.code, 2);
  assert.match(again.stderr, /E_USAGE/);
  assert.match(again.stderr, /--force/);
  assert.is((await runCli(["tdd", "generate", "src/cart.ts", "--force"], { cwd: dir })).code, 0);
});

gen("refuses a missing source with exit 2; --dry-run writes nothing", async () => {
  const dir = gitRepo({ "src/a.py": "def add(a, b):\n    return a + b\n" });
  const missing = await runCli(["tdd", "generate", "src/nope.ts"], { cwd: dir });
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /no source file/);
  const dry = await runCli(["tdd", "generate", "src/a.py", "--dry-run"], { cwd: dir });
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, "def test_add():");
  assert.match(dry.stdout, "from a import add");
  assert.not.ok(existsSync(join(dir, "tests/test_a.py")));
});

gen("PHPUnit for PHP, go test for Go, node:test by default for JS", async () => {
  const dir = gitRepo({
    "src/User.php": "<?php\nclass User {\n  public function save() {}\n}\n",
    "cart/cart.go": "package cart\nfunc Total() int { return 0 }\n",
    "lib/x.js": "export function x() {}\n",
  });
  const php = json(await runCli(["tdd", "generate", "src/User.php", "--json"], { cwd: dir }));
  assert.is(php.test_file, "tests/Unit/UserTest.php");
  assert.match(readFileSync(join(dir, php.test_file), "utf8"), "final class UserTest extends TestCase");
  const go = json(await runCli(["tdd", "generate", "cart/cart.go", "--json"], { cwd: dir }));
  assert.is(go.test_file, "cart/cart_test.go");
  assert.match(go.content, "func TestTotal(t *testing.T)");
  const js = json(await runCli(["tdd", "generate", "lib/x.js", "--json", "--dry-run"], { cwd: dir }));
  assert.is(js.framework, "node:test");
  assert.is(js.written, false);
});

gen.run();
