import { suite } from "uvu";
import * as assert from "uvu/assert";
import { loadTypeScript } from "../../lib/context/load-typescript.ts";
import { isWfError } from "../../lib/runner/errors.ts";
import { ROOT, tempDir } from "../_support/index.ts";

const test = suite("loadTypeScript");

test("loads the project's own typescript", async () => {
  const ts = await loadTypeScript(ROOT, { fallback: false });
  assert.type(ts.createSourceFile, "function");
});

test("without typescript anywhere it is a missing prerequisite (exit 3) with an install hint", async () => {
  const error = await loadTypeScript(tempDir(), { fallback: false }).then(() => undefined, (e: unknown) => e);
  assert.ok(isWfError(error));
  assert.is(error.code, "E_PREREQ_TYPESCRIPT");
  assert.is(error.exitCode, 3);
  assert.match(error.hint ?? "", /npm i -D typescript/);
});

test.run();
