import { test } from "uvu";
import * as assert from "uvu/assert";
import { TEMPLATES } from "../../lib/specs/templates.ts";
import { validateSpecText } from "../../lib/specs/validate.ts";

for (const [name, text] of Object.entries(TEMPLATES)) {
  test(`the ${name} template validates with no warnings`, async () => {
    const r = await validateSpecText(text, { kind: name as keyof typeof TEMPLATES });
    assert.equal(r.errors, []);
    assert.equal(r.warnings, []);
  });
  test(`the ${name} template explains its fields with comments`, () => {
    assert.ok(text.split("\n").filter((l) => l.includes("#")).length >= 5);
  });
}

test.run();
