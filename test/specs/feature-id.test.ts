import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkFeatureId, specPathFor } from "../../lib/specs/feature-id.ts";

test("feature ids of lowercase letters, digits and - are accepted", () => {
  for (const id of ["user-auth", "a", "v2", "2fa-login"]) assert.is(checkFeatureId(id), id);
});

test("ids with a leading -, capitals, slashes, dots or spaces are refused with a suggestion", () => {
  for (const id of ["-x", "User-Auth", "../etc", "a/b", "a.b", "a b", "", "x".repeat(65)]) {
    assert.throws(
      () => checkFeatureId(id),
      (e: any) => e.code === "E_USAGE_FEATURE_ID",
      id,
    );
  }
  try {
    checkFeatureId("User Auth");
  } catch (e: any) {
    assert.match(e.hint, /user-auth/);
  }
});

test("a spec path is built only from a checked id", () => {
  assert.is(specPathFor("/p/features", "shop"), "/p/features/shop/spec.yaml");
  assert.throws(() => specPathFor("/p/features", "../../etc"));
});

test.run();
