import * as v from "valibot";
import { field, section } from "./common.ts";

/** Compound learning. */
export const CompoundSchema = section(
  {
    learningsFile: field(v.string(), ".ai/project/learnings.yaml", "Where learnings are recorded"),
    metricsDir: field(v.string(), ".ai/project/metrics", "Where events.jsonl lives"),
    claudeMd: field(v.string(), "CLAUDE.md", "File whose managed section holds the rules"),
    maxRules: field(v.pipe(v.number(), v.integer(), v.minValue(1)), 40, "Most rules kept in CLAUDE.md"),
    autoCapture: field(
      v.boolean(),
      true,
      "Progress status changes, blockers, resumes and gate results append events to events.jsonl",
    ),
    triggers: field(
      v.array(v.string()),
      [],
      "Which automatic events to record (task_completed, task_started, task_reopened, task_blocked, blocker, session, test_failure, gate …); empty: all",
    ),
    firstPassWindowDays: field(
      v.pipe(v.number(), v.minValue(0)),
      7,
      "A reopen or fix within this many days breaks first-pass",
    ),
  },
  "Compound learning",
);
