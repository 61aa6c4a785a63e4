import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { generateTasks } from "../../lib/specs/tasks.ts";

const here = dirname(fileURLToPath(import.meta.url));
const spec = parse(readFileSync(join(here, "fixtures/valid-spec.yaml"), "utf8"));

test("the tasks of a spec become Markdown sections by role, in the plan's format", () => {
  const md = generateTasks(spec);
  assert.match(md, /^# Tasks: User authentication \(user-auth\)/);
  assert.match(md, /## Backend\n\n### BE-001: Session store\n/);
  assert.match(md, /\*\*Methodology\*\*: TDD/);
  assert.match(md, /\*\*Max Iterations\*\*: 10/);
  assert.match(md, /- \[ \] Sessions persist/);
  assert.match(md, /\*\*Done When\*\*: Sessions survive a restart/);
});

test("a spec without tasks gets one task per functional requirement", () => {
  const md = generateTasks({ ...spec, tasks: undefined });
  assert.match(md, /### TASK-001: FR-101: Sign in/);
  assert.match(md, /### TASK-002: FR-102: Sign out/);
  assert.match(md, /- \[ \] The session ends/);
});

test.run();
