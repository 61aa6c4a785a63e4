import { suite } from "uvu";
import * as assert from "uvu/assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { isWfError } from "../../lib/core/errors.ts";
import {
  ProgressJsonSchema,
  parseProgress,
  progressTemplate,
  progressToJson,
  readProgressFile,
  serializeProgress,
} from "../../lib/harness/progress.ts";
import { tempDir } from "../_support/index.ts";

const HAND = `# Progress: auth-system
<!-- a comment
## Blockers  (inside a comment, not a heading)
-->

## Session Info
- session_id: s-1
- started: 2026-01-27T10:00:00Z
- last_updated: 2026-01-27T11:00:00Z
- feature: auth-system
- **role**: backend

## Current State
- status: in_progress
- current_task: Implement initializer
- task_id: BE-003

## Completed This Session
- [x] BE-001: Create harness structure
- [x] BE-002: Progress manager

## In Progress
- [ ] BE-003: Implement initializer (60% complete)
  - directory creation done
  - welcome message left
- [ ] BE-004: Coder (blocked)
- [ ] BE-005 (pending)
Some prose written by a person.

## Sketches
\`\`\`
## Notes for Next Session (inside a fence)
\`\`\`

## Blockers
- BE-004: waiting for the API keys

## Notes for Next Session
- check the lock timeout

## Files Modified This Session
- \`lib/harness/progress.ts\`
- test/harness/progress.test.ts

## Key Decisions Made
- Markdown over JSON for the progress file

## Questions for Human
- None
`;

const parse = suite("parseProgress");

parse("round-trips a hand-written file byte for byte, unknown sections and comments included", () => {
  assert.is(serializeProgress(parseProgress(HAND)), HAND);
});

parse("round-trips CRLF files and files without a final newline", () => {
  const crlf = HAND.replace(/\n/g, "\r\n");
  assert.is(serializeProgress(parseProgress(crlf)), crlf);
  const bare = HAND.trimEnd();
  assert.is(serializeProgress(parseProgress(bare)), bare);
});

parse("reports a merge conflict marker with its line number", () => {
  const text = HAND.replace(
    "- check the lock timeout",
    "<<<<<<< HEAD\n- check the lock timeout\n=======\n- other\n>>>>>>> branch",
  );
  try {
    parseProgress(text, "claude-progress.txt");
    assert.unreachable("should throw");
  } catch (error) {
    assert.ok(isWfError(error));
    assert.is(error.code, "E_PROGRESS_CORRUPT");
    assert.is(error.exitCode, 2);
    const line = text.split("\n").findIndex((l) => l.startsWith("<<<<<<<")) + 1;
    assert.is(error.where, `claude-progress.txt:${line}`);
  }
});

parse("rejects a file with no Session Info section at line 1", () => {
  try {
    parseProgress("just some text\n", "p.txt");
    assert.unreachable();
  } catch (error) {
    assert.ok(isWfError(error));
    assert.is(error.where, "p.txt:1");
    assert.match(error.message, /not a progress file/);
  }
});

parse("rejects an unknown status, a bad feature id, a bad date and a duplicate section, each at its line", () => {
  const cases: [string, string, RegExp][] = [
    ["- status: in_progress", "- status: flying", /expected status/],
    ["- feature: auth-system", "- feature: ../etc", /expected feature/],
    ["- started: 2026-01-27T10:00:00Z", "- started: yesterday-ish", /expected started/],
    ["## Key Decisions Made", "## Notes for Next Session", /appears twice/],
    ["(60% complete)", "(160% complete)", /0 to 100/],
  ];
  for (const [from, to, message] of cases) {
    const text = HAND.replace(from, to);
    const line = text.split("\n").findIndex((l, i) => l.includes(to) && (to.startsWith("##") ? i > 40 : true)) + 1;
    try {
      progressToJson(parseProgress(text, "p.txt"));
      assert.unreachable(`should reject ${to}`);
    } catch (error) {
      assert.ok(isWfError(error), String(error));
      assert.match(error.message, message);
      assert.is(error.where, `p.txt:${line}`, to);
    }
  }
});

// ---
const json = suite("progressToJson");

json("reads every field of design §3 from a hand-written file", () => {
  const p = progressToJson(parseProgress(HAND));
  assert.ok(v.is(ProgressJsonSchema, p));
  assert.is(p.session_id, "s-1");
  assert.is(p.feature, "auth-system");
  assert.is(p.role, "backend");
  assert.is(p.status, "in_progress");
  assert.is(p.current_task, "BE-003");
  assert.equal(p.completed, ["BE-001", "BE-002"]);
  assert.equal(p.tasks[2], {
    id: "BE-003",
    title: "Implement initializer",
    status: "in_progress",
    percent: 60,
    notes: ["directory creation done", "welcome message left"],
  });
  assert.equal(p.tasks[3], { id: "BE-004", title: "Coder", status: "blocked" });
  assert.equal(p.tasks[4], { id: "BE-005", status: "pending" });
  assert.equal(p.blockers, ["BE-004: waiting for the API keys"]);
  assert.equal(p.notes, ["check the lock timeout"]);
  assert.equal(p.files, ["lib/harness/progress.ts", "test/harness/progress.test.ts"]);
  assert.equal(p.decisions, ["Markdown over JSON for the progress file"]);
  assert.equal(p.questions, [], "`- None` is an empty list");
});

json("keeps a title whose parentheses are not a status", () => {
  const text = HAND.replace("BE-004: Coder (blocked)", "BE-004: Login (OAuth)");
  assert.equal(progressToJson(parseProgress(text)).tasks[3], {
    id: "BE-004",
    title: "Login (OAuth)",
    status: "in_progress",
  });
});

json("reads a new file's template as an empty pending session", () => {
  const p = progressToJson(
    parseProgress(progressTemplate({ feature: "f", role: "qa", sessionId: "x", now: "2026-01-01T00:00:00Z" })),
  );
  assert.is(p.status, "pending");
  assert.is(p.current_task, null);
  assert.equal([p.tasks, p.notes, p.files], [[], [], []]);
});

// ---
const read = suite("readProgressFile");

read("returns null when the file does not exist", async () => {
  assert.is(await readProgressFile(join(tempDir(), "nope.txt")), null);
});

read("reads a file and reports a corrupt one with its path and line", async () => {
  const dir = tempDir();
  const file = join(dir, "claude-progress.txt");
  writeFileSync(file, HAND);
  assert.is((await readProgressFile(file))?.feature, "auth-system");
  writeFileSync(file, HAND.replace("- status: in_progress", "- status: ???"));
  try {
    await readProgressFile(file);
    assert.unreachable();
  } catch (error) {
    assert.ok(isWfError(error));
    assert.is(error.where, `${file}:14`);
  }
});

parse.run();
json.run();
read.run();
