import { suite } from "uvu";
import * as assert from "uvu/assert";
import { defaultConfig } from "../../lib/config/defaults.ts";
import { checkTestsExist } from "../../lib/enforcement/check-tests.ts";
import { readCoverage } from "../../lib/enforcement/coverage.ts";
import { testRules } from "../../lib/enforcement/mapping.ts";
import { gitRepo, writeFiles } from "../_support/index.ts";

const rules = testRules(defaultConfig().enforcement.tdd);
const check = suite("checkTestsExist");

check("finds a missing test file and names the expected one", () => {
  const dir = gitRepo({ "src/User.php": "<?php class User {}\n" });
  const r = checkTestsExist(dir, "src/User.php", rules);
  assert.equal(
    [r.needs_test, r.has_tests, r.test_file, r.candidates[0]],
    [true, false, null, "tests/Unit/UserTest.php"],
  );
});

check("finds the test file where the convention puts it", () => {
  const dir = gitRepo({ "src/User.php": "<?php class User {}\n", "tests/UserTest.php": "<?php class UserTest {}\n" });
  const r = checkTestsExist(dir, "src/User.php", rules);
  assert.equal([r.has_tests, r.test_file], [true, "tests/UserTest.php"]);
});

check("says why a test file or an exempt file needs no test", () => {
  const dir = gitRepo();
  assert.is(checkTestsExist(dir, "tests/UserTest.php", rules).reason, "test file");
  assert.is(checkTestsExist(dir, "src/types.d.ts", rules).reason, "exempt");
  assert.is(checkTestsExist(dir, "site.css", rules).reason, "unknown language");
});

check("takes the file's coverage from a report when one exists", () => {
  const dir = gitRepo({ "src/a.ts": "export const a = 1;\n", "src/a.test.ts": "it('a', () => expect(a).toBe(1));\n" });
  writeFiles(dir, { "coverage/lcov.info": "SF:src/a.ts\nLF:4\nLH:3\nend_of_record\n" });
  assert.is(checkTestsExist(dir, "src/a.ts", rules, readCoverage(dir)).coverage, 75);
  assert.is(checkTestsExist(dir, "src/a.ts", rules, null).coverage, null);
});

check.run();
