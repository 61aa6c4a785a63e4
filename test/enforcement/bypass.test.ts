import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { logBypass } from "../../lib/enforcement/bypass.ts";
import { git, gitRepo } from "../_support/index.ts";

const bypass = suite("logBypass");

bypass("appends one JSON line per bypass with time, user, reason, parent, tree and branch", async () => {
  const dir = gitRepo();
  const log = join(dir, ".ai/project/sessions/history/bypass.log");
  const now = new Date("2026-01-02T03:04:05Z");
  await logBypass({ cwd: dir }, log, "first", ["a"], now);
  await logBypass({ cwd: dir }, log, "second", ["b"], now);
  const lines = readFileSync(log, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(
    lines.map((l) => l.reason),
    ["first", "second"],
  );
  assert.equal(lines[0], {
    time: "2026-01-02T03:04:05.000Z",
    user: "Test <test@example.com>",
    reason: "first",
    parent: git(dir, "rev-parse", "HEAD"),
    tree: git(dir, "write-tree"),
    branch: "main",
    violations: ["a"],
  });
});

bypass.run();
