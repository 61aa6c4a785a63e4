import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { timeCommand, timePair, type Bench } from "./_harness.ts";

/**
 * The session-start hook runs at every Claude Code session start: `wf-task resume --hook claude`
 * cold, against `node -e 0`, with no config file (the usual case) and with a workflow.config.ts.
 */
const bench: Bench = async ({ cli, runs, tempDir }) => {
  const node = process.execPath;
  const project = (withConfig: boolean) => {
    const dir = tempDir();
    spawnSync("git", ["init", "-q"], { cwd: dir });
    if (withConfig)
      writeFileSync(join(dir, "workflow.config.ts"), `export default { harness: { maxHistoryEntries: 5 } };\n`);
    spawnSync(node, [cli, "init", "shop", "backend", "--quiet"], { cwd: dir });
    for (let i = 0; i < 10; i++)
      spawnSync(
        node,
        [cli, "progress", "update", `BE-${i}`, i < 8 ? "completed" : "in_progress", "--title", `Task ${i}`, "--quiet"],
        { cwd: dir },
      );
    for (let i = 0; i < 10; i++) spawnSync(node, [cli, "progress", "note", `note ${i}`, "--quiet"], { cwd: dir });
    return dir;
  };
  const bare = project(false);
  const typed = project(true);
  const input = (cwd: string) =>
    JSON.stringify({
      session_id: "bench",
      transcript_path: "/tmp/t.jsonl",
      cwd,
      hook_event_name: "SessionStart",
      source: "startup",
    });
  const baseline = () => timeCommand(node, ["-e", "0"], { runs });
  const hook = timePair(
    () => timeCommand(node, [cli, "resume", "--hook", "claude"], { cwd: bare, input: input(bare), runs }),
    baseline,
  );
  const hookTs = timePair(
    () => timeCommand(node, [cli, "resume", "--hook", "claude"], { cwd: typed, input: input(typed), runs }),
    baseline,
  );
  const note = timePair(
    () => timeCommand(node, [cli, "progress", "note", "bench note", "--quiet"], { cwd: bare, runs }),
    baseline,
  );
  return [
    { name: "resume --hook claude (cold), no config", baseline: "node -e 0", ...hook, goal: 2.5 },
    {
      name: "resume --hook claude (cold), workflow.config.ts",
      baseline: "node -e 0",
      ...hookTs,
      goal: 4,
      note: "config loading through jiti dominates",
    },
    { name: "progress note (cold, locked atomic write)", baseline: "node -e 0", ...note, goal: 2.5 },
  ];
};
export default bench;
