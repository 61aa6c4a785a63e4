import { suite } from "uvu";
import * as assert from "uvu/assert";
import { defaultConfig } from "../../lib/config/defaults.ts";
import { languageOf, testRules } from "../../lib/enforcement/mapping.ts";

const rules = testRules(defaultConfig().enforcement.tdd);

const candidates = suite("candidates");

candidates("maps a PHP class to tests/Unit/<Name>Test.php first, then tests/<Name>Test.php", () => {
  const c = rules.candidates("src/User.php");
  assert.is(c[0], "tests/Unit/UserTest.php");
  assert.ok(c.includes("tests/UserTest.php"));
});

candidates("keeps the sub-folder below src/ for PHP", () => {
  assert.is(rules.candidates("src/Domain/Order.php")[0], "tests/Unit/Domain/OrderTest.php");
});

candidates("maps a TypeScript module to .test, .spec, __tests__ and test/ folders", () => {
  const c = rules.candidates("src/user/service.ts");
  for (const want of [
    "src/user/service.test.ts",
    "src/user/service.spec.ts",
    "src/user/__tests__/service.ts",
    "test/user/service.test.ts",
    "tests/user/service.test.ts",
  ]) {
    assert.ok(c.includes(want), `${want} in ${c.join(", ")}`);
  }
  assert.is(c[0], "src/user/service.test.ts");
});

candidates("maps Python to tests/test_x.py and x_test.py", () => {
  const c = rules.candidates("pkg/x.py");
  assert.is(c[0], "tests/test_x.py");
  assert.ok(c.includes("pkg/x_test.py"));
});

candidates("maps Go to the _test.go file beside it", () => {
  assert.equal(rules.candidates("internal/api/server.go"), ["internal/api/server_test.go"]);
});

candidates("maps Java from src/main/java to src/test/java", () => {
  assert.is(rules.candidates("src/main/java/com/shop/User.java")[0], "src/test/java/com/shop/UserTest.java");
});

candidates("maps Ruby to spec/<sub>/<name>_spec.rb and test/<sub>/<name>_test.rb", () => {
  const c = rules.candidates("app/models/user.rb");
  assert.is(c[0], "spec/models/user_spec.rb");
  assert.ok(c.includes("test/models/user_test.rb"));
});

candidates("tries configured conventions before the built-in ones", () => {
  const custom = testRules({
    ...defaultConfig().enforcement.tdd,
    conventions: [{ match: "packages/*/src/**", tests: ["{dir}/../test/{name}.unit.{ext}"] }],
  });
  assert.is(custom.candidates("packages/a/src/x.ts")[0], "packages/a/test/x.unit.ts");
});

// ---

const kinds = suite("test, exempt and source files");

kinds("recognises test files from testPatterns", () => {
  for (const path of [
    "src/a.test.ts",
    "tests/Unit/UserTest.php",
    "pkg/x_test.py",
    "tests/test_x.py",
    "a/b_test.go",
    "spec/models/user_spec.rb",
    "src/__tests__/a.ts",
  ]) {
    assert.ok(rules.isTest(path), path);
  }
  assert.not.ok(rules.isTest("src/User.php"));
});

kinds("needs a test for source files only: not tests, not exempt, not unknown languages", () => {
  assert.ok(rules.needsTest("src/User.php"));
  assert.not.ok(rules.needsTest("src/types.d.ts"));
  assert.not.ok(rules.needsTest("docs/guide.md"));
  assert.not.ok(rules.needsTest("vite.config.ts"));
  assert.not.ok(rules.needsTest("styles/site.css"));
  assert.not.ok(rules.needsTest("src/a.test.ts"));
});

kinds("knows the language of a path from its extension", () => {
  assert.is(languageOf("a/b.tsx"), "js");
  assert.is(languageOf("a/b.PY"), "python");
  assert.is(languageOf("Makefile"), undefined);
});

candidates.run();
kinds.run();
