// Drives the built CLI's interview in a real tmux pane, typing answers as a person would.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { CLI, runBuilt, tempDir, writeFiles } from "../_support/index.ts";

const socketDir = tempDir("wf-tmux-");
const env = { ...process.env, TMUX_TMPDIR: socketDir, NO_COLOR: "1" } as NodeJS.ProcessEnv;
delete env.TMUX;
let sessions = 0;

const tmux = (...args: string[]) => {
  const r = spawnSync("tmux", args, { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`tmux ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
};

/** Starts the interview in a new pane; the pane prints EXIT=<code> when the CLI ends. */
function startInterview(dir: string, feature: string): string {
  const name = `interview-${++sessions}`;
  const script = `cd '${dir}' && node '${CLI}' interview ${feature}; echo "EXIT=$?"; sleep 120`;
  tmux("new-session", "-d", "-s", name, "-x", "150", "-y", "60", "sh", "-c", script);
  return name;
}

const screen = (pane: string) => tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", pane);

/** Waits until the pane shows `pattern` (a person reading the screen before typing). */
async function waitFor(pane: string, pattern: RegExp, timeoutMs = 40_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen(pane);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`pane never showed ${pattern}; it shows:\n${text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Types a line and presses Enter. */
const type = (pane: string, text: string) => {
  if (text) tmux("send-keys", "-t", pane, "-l", text);
  tmux("send-keys", "-t", pane, "Enter");
};

/** Types the lines of a list answer, each after the screen shows the one before (a loaded machine is slow to echo). */
async function typeLines(pane: string, lines: string[]): Promise<void> {
  for (const line of lines) {
    const shown = screen(pane).trimEnd();
    type(pane, line);
    if (line) await waitFor(pane, new RegExp(line.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    else await waitUntil(() => screen(pane).trimEnd() !== shown);
  }
}

async function waitUntil(ok: () => boolean, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error("the pane never moved on");
    await new Promise((r) => setTimeout(r, 50));
  }
}

test.after(() => {
  spawnSync("tmux", ["kill-server"], { env, stdio: "ignore" });
});

test("a person answering at the terminal gets a spec that validates and holds the answers", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".workflowrc.json": "{}\n" });
  const pane = startInterview(dir, "gift-cards");
  await waitFor(pane, /Feature name \[Gift cards\]: $/m);
  type(pane, "Gift cards");
  await waitFor(pane, /Priority \(critical\|high\|medium\|low\) \[medium\]: $/m);
  type(pane, "urgent");
  await waitFor(pane, /expected one of critical\|high\|medium\|low, got "urgent"; try again/);
  type(pane, "high");
  await waitFor(pane, /1\/7 What is the primary goal/);
  type(pane, "");
  await waitFor(pane, /an answer is needed here/);
  type(pane, "Sell and redeem gift cards");
  await waitFor(pane, /2\/7 Who are the users\?/);
  type(pane, "Shoppers and shop staff");
  await waitFor(pane, /3\/7 How will we know it works/);
  await typeLines(pane, ["A card bought can be redeemed once", ""]);
  for (const question of [/4\/7/, /5\/7/, /6\/7/]) {
    await waitFor(pane, question);
    type(pane, "");
  }
  await waitFor(pane, /7\/7 What could go wrong/);
  await typeLines(pane, ["Fraudulent redemption", ""]);
  await waitFor(pane, /First functional requirements/);
  await typeLines(pane, ["Buy a gift card", "Redeem a gift card", ""]);
  const final = await waitFor(pane, /EXIT=\d+/);
  assert.match(final, /EXIT=0/);
  assert.match(final, /wrote \.ai\/project\/features\/gift-cards\/spec\.yaml: 2 requirement\(s\) FR-101, FR-102/);
  const specFile = join(dir, ".ai/project/features/gift-cards/spec.yaml");
  const spec = parse(readFileSync(specFile, "utf8"));
  assert.is(spec.feature.priority, "high");
  assert.is(spec.objective.summary, "Sell and redeem gift cards");
  assert.equal(spec.objective.acceptance_criteria, ["A card bought can be redeemed once"]);
  assert.is(spec.context.users, "Shoppers and shop staff");
  assert.equal(spec.risks, [{ description: "Fraudulent redemption" }]);
  assert.equal(
    spec.requirements.functional.map((r: { id: string; title: string }) => `${r.id} ${r.title}`),
    ["FR-101 Buy a gift card", "FR-102 Redeem a gift card"],
  );
  const validate = runBuilt(["spec", "validate", "gift-cards"], { cwd: dir });
  assert.is(validate.code, 0, validate.stdout + validate.stderr);
});

test("Ctrl-D at a prompt saves nothing, says so and exits non-zero", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".workflowrc.json": "{}\n" });
  const pane = startInterview(dir, "coupons");
  await waitFor(pane, /Feature name \[Coupons\]: $/m);
  type(pane, "Coupons");
  await waitFor(pane, /Priority .*: $/m);
  tmux("send-keys", "-t", pane, "C-d");
  const final = await waitFor(pane, /EXIT=\d+/);
  assert.match(final, /interview stopped \(end of input\): nothing saved/);
  assert.match(final, /EXIT=1/);
  assert.not.ok(existsSync(join(dir, ".ai/project/features/coupons/spec.yaml")));
});

test.run();
