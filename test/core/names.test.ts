import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checkName, nameProblem } from "../../lib/core/names.ts";

const names = suite("names");
const BAD = ["../x", "a b", "$(id)", "-rf", "x;y", "a/b", "", "`id`", "..", "x.lock"];

names("accepts ordinary roles, features and branches", () => {
  for (const n of ["backend", "qa", "auth-system", "v1.2", "BE_007"]) assert.is(nameProblem("role", n), undefined, n);
  assert.is(nameProblem("branch", "feature/auth-backend"), undefined);
});

names("refuses path traversal, spaces, shell syntax and option-like names", () => {
  for (const n of BAD) assert.ok(nameProblem("role", n), `role ${JSON.stringify(n)} should be refused`);
  for (const n of ["../x", "a b", "$(id)", "-rf", "a//b", "a/", "a..b", "x@{1}"])
    assert.ok(nameProblem("branch", n), `branch ${n}`);
});

names("checkName throws E_USAGE_NAME with exit 2", () => {
  try {
    checkName("feature", "$(id)");
    assert.unreachable();
  } catch (error: any) {
    assert.is(error.code, "E_USAGE_NAME");
    assert.is(error.exitCode, 2);
  }
});

names("one length limit per kind, the same in every layer", () => {
  assert.is(nameProblem("feature", "a".repeat(64)), undefined);
  assert.is(nameProblem("feature", "a".repeat(65)), "it is longer than 64 characters");
  assert.is(nameProblem("role", "r".repeat(65)), "it is longer than 64 characters");
  assert.is(nameProblem("task", "T".repeat(81)), "it is longer than 80 characters");
});

names("task ids take / and . but not spaces or colons, and throw E_USAGE_TASK", () => {
  for (const id of ["BE-003", "FR-1.2", "auth/login"]) assert.is(checkName("task", id), id);
  for (const bad of ["a b", "BE:1", "", "-x"]) {
    assert.throws(
      () => checkName("task", bad),
      (e: any) => e.code === "E_USAGE_TASK" && e.exitCode === 2 && /e\.g\. BE-003/.test(e.hint),
    );
  }
});

names("the message names the kind and the rule; the hint gives an example", () => {
  try {
    checkName("feature", "Auth");
    assert.unreachable();
  } catch (error: any) {
    assert.match(error.message, /^invalid feature name "Auth": a feature id uses lower-case letters/);
    assert.is(error.hint, "use lower-case letters, digits and dashes, e.g. auth-system");
  }
});

names.run();
