import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { parse } from "yaml";
import { runInterview } from "../../../lib/specs/interview/run.ts";
import { json, runCli, tempDir, writeFiles } from "../../_support/index.ts";

const modes = suite("interview --quick and --api");

/** Runs the interview as at a terminal, typing the next of `lines` at each prompt; returns the prompts shown. */
async function typed(mode: "quick" | "api" | "full", lines: string[]) {
  const dir = tempDir();
  const input = new PassThrough();
  const output = new PassThrough();
  const queue = [...lines];
  let shown = "";
  output.on("data", (d) => {
    shown += d;
    setImmediate(() => (queue.length ? input.write(`${queue.shift()}\n`) : input.end()));
  });
  const result = await runInterview({
    feature: "checkout",
    featuresDir: join(dir, "features"),
    mode,
    input,
    output,
    interactive: true,
    say: (t) => (shown += `${t}\n`),
  });
  return { dir, result, shown };
}

modes("--quick asks only name, goal, acceptance criteria and requirements", async () => {
  const { result, shown } = await typed("quick", [
    "Checkout",
    "Let customers pay",
    "A card payment completes",
    "",
    "Pay by card",
    "",
  ]);
  assert.match(shown, /4 question\(s\)/);
  assert.not.match(shown, /Who are the users/);
  assert.not.match(shown, /risks/);
  assert.equal(result.requirements, ["FR-101"]);
  assert.is(result.value.objective.summary, "Let customers pay");
});

modes("--api writes a valid API contract of the endpoints beside the spec", async () => {
  const { result, shown } = await typed("api", [
    "Checkout",
    "Let customers pay",
    "POST /checkout Pay the cart",
    "GET /orders/{id}",
    "refund(order)",
    "",
    "Pay by card",
    "",
  ]);
  assert.match(shown, /Which APIs/);
  const contract = parse(readFileSync(result.contract!, "utf8"));
  assert.equal(
    contract.endpoints.map((e: any) => `${e.method} ${e.path}`),
    ["POST /checkout", "GET /orders/{id}"],
  );
  assert.is(contract.endpoints[0].summary, "Pay the cart");
  assert.equal(contract.functions, [{ name: "refund(order)" }]);
  const v = await runCli(["spec", "validate", result.contract!, "--json"], { cwd: tempDir() });
  assert.is(v.code, 0, v.stdout);
  assert.is(json(v).files[0].kind, "api_contract");
});

modes("--api without any API is refused, and nothing is written", async () => {
  const dir = tempDir();
  writeFiles(dir, { "a.yaml": "goal: Pay\n" });
  const r = await runCli(["interview", "checkout", "--api", "--answers", "a.yaml"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /missing `apis`/);
  const ok = await runCli(["interview", "checkout", "--api", "--answers", "-", "--json"], {
    cwd: dir,
    input: "goal: Pay\napis: [POST /pay]\n",
  });
  assert.is(ok.code, 0, ok.stderr);
  assert.is(json(ok).contract, ".ai/project/features/checkout/contracts/api_contract.yaml");
});

modes.run();
