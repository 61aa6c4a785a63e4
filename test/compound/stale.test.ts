import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readLearnings } from "../../lib/compound/learnings.ts";
import { git, gitRepo, json, runCli, writeFiles } from "../_support/index.ts";

const test = suite("compound stale");

const lines = (n: number, word: string) =>
  Array.from({ length: n }, (_, i) => `export const ${word}${i} = ${i};`).join("\n") + "\n";

/** A repo whose history outgrows some of its learnings. */
async function history(): Promise<string> {
  const dir = gitRepo({
    "src/old.ts": "export function legacyRefresh() {}\n",
    "src/live.ts": `export function refreshSession() {}\n${lines(20, "keep")}`,
    "src/churn.ts": lines(20, "before"),
  });
  const capture = async (rule: string, file: string) => {
    const r = await runCli(
      ["compound", "capture", "pattern", "seen in review", "fixed", rule, "--file", file, "--json"],
      { cwd: dir },
    );
    assert.is(r.code, 0, r.stderr);
  };
  await capture("Call `legacyRefresh` before logout", "src/old.ts");
  await capture("Call `refreshSession` under the session lock", "src/live.ts");
  await capture("Keep the constants of src/churn.ts sorted", "src/churn.ts");
  await capture("Wrap `ghostHelper` calls in a retry", "src/live.ts");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "learnings");
  git(dir, "rm", "-q", "src/old.ts");
  writeFiles(dir, {
    "src/churn.ts": lines(20, "after"),
    "src/live.ts": `export function refreshSession() {}\n${lines(20, "keep")}export const added = 1;\n`,
  });
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "drop the old refresh, rewrite churn");
  return dir;
}

test("lists a learning about a deleted file, a rewritten file and a vanished symbol, with why; not one about a living file", async () => {
  const dir = await history();
  const r = await runCli(["compound", "stale", "--json"], { cwd: dir });
  assert.is(r.code, 1, r.stderr);
  const body = json(r);
  assert.is(body.checked, 4);
  const by = (id: string) => body.stale.find((s: { id: string }) => s.id === id);
  assert.equal(body.stale.map((s: { id: string }) => s.id).sort(), ["L-001", "L-003", "L-004"]);
  const deleted = by("L-001").reasons;
  assert.ok(
    deleted.some(
      (x: { kind: string; detail: string }) =>
        x.kind === "missing_path" && /src\/old\.ts was deleted in [0-9a-f]+ drop the old refresh/.test(x.detail),
    ),
    JSON.stringify(deleted),
  );
  assert.ok(
    deleted.some(
      (x: { kind: string; subject: string }) => x.kind === "missing_symbol" && x.subject === "legacyRefresh",
    ),
  );
  assert.equal(
    by("L-003").reasons.map((x: { kind: string }) => x.kind),
    ["changed"],
  );
  assert.match(by("L-003").reasons[0].detail, /40 lines added or removed, it had 20/);
  assert.equal(
    by("L-004").reasons.map((x: { kind: string; subject: string }) => [x.kind, x.subject]),
    [["missing_symbol", "ghostHelper"]],
  );
  assert.equal(body.pruned, []);
});

test("--prune archives them out of CLAUDE.md's section and keeps them in the learnings file with why", async () => {
  const dir = await history();
  const before = readFileSync(join(dir, "CLAUDE.md"), "utf8");
  assert.match(before, /legacyRefresh/);
  const r = await runCli(["compound", "stale", "--prune", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.equal(json(r).pruned.sort(), ["L-001", "L-003", "L-004"]);
  const after = readFileSync(join(dir, "CLAUDE.md"), "utf8");
  assert.not.match(after, /legacyRefresh|ghostHelper|churn\.ts/);
  assert.match(after, /Call `refreshSession` under the session lock/);
  const learnings = await readLearnings(join(dir, ".ai/project/learnings.yaml"));
  assert.is(learnings.length, 4);
  assert.match(learnings.find((l) => l.id === "L-001")!.archived!.reasons.join(" "), /was deleted/);
  assert.is(learnings.find((l) => l.id === "L-002")!.archived, undefined);
  const again = await runCli(["compound", "stale", "--json"], { cwd: dir });
  assert.is(again.code, 0);
  assert.equal(json(again).stale, []);
  assert.is(json(again).checked, 1);
});

test("CLAUDE.md's section keeps to its cap in o200k tokens", async () => {
  const dir = gitRepo();
  for (let i = 0; i < 12; i++) {
    const r = await runCli(
      [
        "compound",
        "capture",
        "pattern",
        "d",
        "s",
        `Rule number ${i}: ${"always say why in the commit message ".repeat(4)}`,
        "--no-claude-md",
      ],
      { cwd: dir },
    );
    assert.is(r.code, 0, r.stderr);
  }
  const full = json(await runCli(["compound", "update-claude-md", "--json"], { cwd: dir }));
  assert.is(full.rules, 12);
  const capped = json(await runCli(["compound", "update-claude-md", "--max-tokens", "200", "--json"], { cwd: dir }));
  assert.ok(capped.tokens <= 200, String(capped.tokens));
  assert.ok(capped.rules > 0 && capped.rules < 12, String(capped.rules));
  assert.match(
    readFileSync(join(dir, "CLAUDE.md"), "utf8"),
    new RegExp(`_${12 - capped.rules} older or less-used rules`),
  );
  const bad = await runCli(["compound", "update-claude-md", "--max-tokens", "0"], { cwd: dir });
  assert.is(bad.code, 2);
});

test("outside a git repository it is a missing prerequisite", async () => {
  const { tempDir } = await import("../_support/index.ts");
  const r = await runCli(["compound", "stale"], { cwd: tempDir() });
  assert.is(r.code, 3);
  assert.match(r.stderr, /E_PREREQ_GIT/);
});

test.run();
