import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { END_MARKER, START_MARKER, renderRules, replaceSection, updateClaudeMd } from "../../lib/compound/claude-md.ts";
import { capture, readLearnings, type Learning } from "../../lib/compound/learnings.ts";
import { gitRepo, json, runCli, tempDir } from "../_support/index.ts";

const test = suite("claude-md");
const learning = (
  id: string,
  type: Learning["type"],
  rule: string,
  count = 1,
  last = "2026-03-01T00:00:00.000Z",
): Learning => ({
  id,
  type,
  rule,
  count,
  description: "d",
  solution: "s",
  date: last,
  last_seen: last,
  author: "a",
  files: [],
  commit: null,
});

test("capture → CLAUDE.md updated between the markers, user text outside untouched", async () => {
  const dir = gitRepo();
  const before =
    "# Project rules\r\n\r\nUse pnpm.  \n<!-- wf-task:learnings:start -->\nold text\n<!-- wf-task:learnings:end -->\n\n## Mine\nKeep this ✓\n";
  writeFileSync(join(dir, "CLAUDE.md"), before);
  const r = await runCli(
    [
      "compound",
      "capture",
      "bug",
      "Token refresh raced logout",
      "Lock the session row",
      "Refresh tokens under the session lock",
      "--json",
    ],
    { cwd: dir },
  );
  assert.is(r.code, 0, r.stderr);
  assert.is(json(r).claude_md.changed, true);
  const after = readFileSync(join(dir, "CLAUDE.md"), "utf8");
  const start = after.indexOf(START_MARKER);
  const end = after.indexOf(END_MARKER) + END_MARKER.length;
  assert.is(after.slice(0, start), before.slice(0, before.indexOf(START_MARKER)));
  assert.is(after.slice(end), before.slice(before.indexOf(END_MARKER) + END_MARKER.length));
  assert.match(after.slice(start, end), /### Bugs not to repeat\n- Refresh tokens under the session lock\n/);
  assert.not.match(after, /old text/);
});

test("creates CLAUDE.md when it is missing, and appends the section when it has no markers", async () => {
  const dir = gitRepo();
  const r = await runCli(["compound", "update-claude-md", "--json"], { cwd: dir });
  const body = json(r);
  assert.equal(
    { ...body, tokens: undefined },
    { file: "CLAUDE.md", changed: true, created: true, rules: 0, tokens: undefined },
  );
  assert.ok(body.tokens > 0 && body.tokens < 100, String(body.tokens));
  assert.match(
    readFileSync(join(dir, "CLAUDE.md"), "utf8"),
    /^# CLAUDE\.md\n\n<!-- wf-task:learnings:start -->\n## Learned rules/,
  );
  assert.is(
    replaceSection("# Mine\nno newline", "BODY"),
    `# Mine\nno newline\n\n${START_MARKER}\nBODY\n${END_MARKER}\n`,
  );
});

test("broken markers are an error and the file is left alone", async () => {
  const dir = gitRepo();
  const text = `${END_MARKER}\nx\n${START_MARKER}\n`;
  writeFileSync(join(dir, "CLAUDE.md"), text);
  const r = await runCli(["compound", "update-claude-md"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_COMPOUND_MARKERS/);
  assert.is(readFileSync(join(dir, "CLAUDE.md"), "utf8"), text);
});

test("groups rules by type and keeps the most used up to the cap, summarising the rest", () => {
  const body = renderRules(
    [
      learning("L-001", "bug", "old bug", 1, "2026-01-01T00:00:00.000Z"),
      learning("L-002", "pattern", "use the repo layer", 3),
      learning("L-003", "anti_pattern", "no sleeps in tests", 2),
      learning("L-004", "bug", "newer bug", 1, "2026-02-01T00:00:00.000Z"),
    ],
    3,
  );
  assert.match(
    body,
    new RegExp(
      [
        "### Bugs not to repeat",
        "- newer bug",
        "",
        "### Patterns to follow",
        String.raw`- use the repo layer \(seen 3×\)`,
        "",
        "### Anti-patterns to avoid",
        String.raw`- no sleeps in tests \(seen 2×\)`,
      ].join(String.raw`\n`),
    ),
  );
  assert.not.match(body, /old bug/);
  assert.match(body, /_1 older or less-used rule in \.ai\/project\/learnings\.yaml/);
});

test("parallel captures each followed by an update leave every rule in CLAUDE.md", async () => {
  const dir = tempDir();
  const file = join(dir, "learnings.yaml");
  const claude = join(dir, "CLAUDE.md");
  await Promise.all(
    Array.from({ length: 6 }, async (_, i) => {
      await capture(file, {
        type: "pattern",
        description: "d",
        solution: "s",
        rule: `parallel rule ${i}`,
        author: "a",
      });
      await updateClaudeMd(claude, () => readLearnings(file), 40);
    }),
  );
  const text = readFileSync(claude, "utf8");
  for (let i = 0; i < 6; i++) assert.ok(text.includes(`- parallel rule ${i}\n`), `rule ${i}`);
});

test.run();
