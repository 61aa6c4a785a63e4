import { test } from "uvu";
import * as assert from "uvu/assert";
import { PassThrough } from "node:stream";
import { askMissing, askQuestion, terminalAsker } from "../../../lib/specs/interview/prompt.ts";
import { QUESTIONS } from "../../../lib/specs/interview/questions.ts";

function streams() {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = "";
  output.on("data", (d) => (shown += d));
  return { input, output, shown: () => shown };
}

const q = (key: string) => QUESTIONS.find((x) => x.key === key)!;

test("a bad choice is asked again with the reason, then accepted", async () => {
  const io = streams();
  const said: string[] = [];
  const asker = await terminalAsker(io.input, io.output);
  const answer = askQuestion(asker, q("priority"), "medium", (t) => said.push(t));
  io.input.write("urgent\n");
  setTimeout(() => io.input.write("low\n"), 20);
  assert.is(await answer, "low");
  assert.match(said.join("\n"), /expected one of critical\|high\|medium\|low, got "urgent"; try again/);
  asker.close();
});

test("an empty answer takes the default; a list ends at an empty line", async () => {
  const io = streams();
  const asker = await terminalAsker(io.input, io.output);
  const got = askMissing(
    asker,
    QUESTIONS,
    "user-auth",
    { goal: "Sign in", users: "", acceptance_criteria: [], apis: [], constraints: [], similar_features: [], risks: [] },
    () => {},
  );
  const lines = ["", "", "Login form", "Logout", ""];
  for (const [i, line] of lines.entries()) setTimeout(() => io.input.write(`${line}\n`), 10 * (i + 1));
  const answers = await got;
  assert.is(answers!.name, "User auth");
  assert.is(answers!.priority, "medium");
  assert.equal(answers!.requirements, ["Login form", "Logout"]);
  assert.match(io.shown(), /Priority \(critical\|high\|medium\|low\) \[medium\]: /);
  asker.close();
});

test("the end of input (Ctrl-D) resolves undefined and says why", async () => {
  const io = streams();
  const asker = await terminalAsker(io.input, io.output);
  const got = askMissing(asker, QUESTIONS, "f", {}, () => {});
  setTimeout(() => io.input.end("My feature\n"), 10);
  assert.is(await got, undefined);
  assert.is(asker.stopped, "eof");
});

test.run();
