import { test } from "uvu";
import * as assert from "uvu/assert";
import { QUESTIONS, checkAnswer } from "../../../lib/specs/interview/questions.ts";

const q = (key: string) => QUESTIONS.find((x) => x.key === key)!;

test("the interview asks name, priority, the seven questions and the first requirements", () => {
  assert.equal(
    QUESTIONS.map((x) => x.key),
    [
      "name",
      "priority",
      "goal",
      "users",
      "acceptance_criteria",
      "apis",
      "constraints",
      "similar_features",
      "risks",
      "requirements",
    ],
  );
  assert.equal(QUESTIONS.filter((x) => /^\d\/7/.test(x.prompt)).length, 7);
});

test("a priority is accepted in any case or by a unique prefix, and refused otherwise with the choices", () => {
  assert.equal(checkAnswer(q("priority"), "HIGH"), { ok: true, value: "high" });
  assert.equal(checkAnswer(q("priority"), "crit"), { ok: true, value: "critical" });
  const bad = checkAnswer(q("priority"), "urgent");
  assert.is(bad.ok, false);
  assert.match((bad as { reason: string }).reason, /critical\|high\|medium\|low/);
});

test("control characters are stripped and overlong answers refused", () => {
  assert.equal(checkAnswer(q("goal"), "  Sign\u0007 in \u001b "), { ok: true, value: "Sign in" });
  assert.is(checkAnswer(q("goal"), "x".repeat(501)).ok, false);
  assert.is(checkAnswer(q("name"), "x".repeat(121)).ok, false);
});

test("the requirements default to the goal", () => {
  assert.equal(q("requirements").default!({ feature: "f", answers: { goal: "Do it" } }), ["Do it"]);
  assert.is(q("name").default!({ feature: "user-auth", answers: {} }), "User auth");
});

test.run();
