import * as v from "valibot";
import { field, section } from "./common.ts";

/** Session harness: progress file and agent state. */
export const HarnessSchema = section(
  {
    /** Progress file, relative to the project root. Env `PROGRESS_DIR` replaces its folder. */
    progressFile: field(
      v.string(),
      ".ai/project/sessions/claude-progress.txt",
      "Progress file, relative to the project root (env PROGRESS_DIR replaces its folder)",
    ),
    /** Agent state format: `af` (Agent File JSON). */
    stateFormat: field(v.picklist(["af", "json"]), "af", "Agent state format"),
    /** Restore context at session start (resume hook). */
    autoRestore: field(v.boolean(), true, "Restore context automatically at session start"),
    /** How many agent-state snapshots to keep under sessions/history/. */
    maxHistoryEntries: field(
      v.pipe(v.number(), v.integer(), v.minValue(0)),
      10,
      "Agent-state snapshots kept under sessions/history/",
    ),
  },
  "Session harness: progress file and agent state",
);
