import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSpec, specToYaml } from "../../../lib/specs/interview/build-spec.ts";
import { validateSpecText } from "../../../lib/specs/validate.ts";

const answers = {
  name: "Checkout",
  priority: "high" as const,
  goal: "Let customers pay",
  users: "Shoppers",
  acceptance_criteria: ["A card payment completes"],
  apis: ["POST /checkout"],
  constraints: ["PCI DSS"],
  similar_features: ["cart"],
  risks: ["Double charges"],
  requirements: ["Pay by card", { title: "Refunds", acceptance_criteria: ["A refund returns the money"] }],
};

test("every answer lands in the spec, requirements numbered from FR-101", () => {
  const spec = buildSpec("checkout", answers, new Date("2026-03-04T10:00:00Z"));
  assert.equal(spec.feature, { id: "checkout", name: "Checkout", priority: "high", status: "planning" });
  assert.is(spec.metadata!.created, "2026-03-04");
  assert.is(spec.objective.summary, "Let customers pay");
  assert.equal(spec.objective.acceptance_criteria, ["A card payment completes"]);
  assert.equal(spec.context, { users: "Shoppers", similar_features: ["cart"] });
  assert.equal(spec.contracts, { apis: ["POST /checkout"] });
  assert.equal(spec.requirements.non_functional, [{ id: "NFR-101", type: "constraint", requirement: "PCI DSS" }]);
  assert.equal(
    spec.requirements.functional.map((r) => [r.id, r.title]),
    [
      ["FR-101", "Pay by card"],
      ["FR-102", "Refunds"],
    ],
  );
  assert.equal(spec.requirements.functional[1]!.acceptance_criteria, ["A refund returns the money"]);
  assert.equal(spec.risks, [{ description: "Double charges" }]);
});

test("the YAML written validates and starts with a header comment", async () => {
  const text = await specToYaml(buildSpec("checkout", answers));
  assert.match(text, /^# Feature spec for checkout/);
  const r = await validateSpecText(text);
  assert.ok(r.valid, JSON.stringify(r.errors));
});

test("only a goal still makes a valid spec, with the goal as its first requirement", async () => {
  const spec = buildSpec("x", { goal: "Do a thing" });
  assert.is(spec.requirements.functional[0]!.title, "Do a thing");
  assert.ok((await validateSpecText(await specToYaml(spec))).valid);
});

test.run();
