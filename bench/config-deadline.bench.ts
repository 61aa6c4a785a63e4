import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { timeCommand, timePair, type Bench } from "./_harness.ts";

/**
 * The price of the config deadline: a TS config evaluated in a worker (stoppable when it loops)
 * against the same config imported in-process (not stoppable); and the hook path end to end,
 * where a pure config is read from the JSON cache and never reaches the worker.
 */
const bench: Bench = async ({ root, cli, runs, tempDir }) => {
  const project = (source: string) => {
    const d = tempDir();
    mkdirSync(join(d, "node_modules"));
    symlinkSync(root, join(d, "node_modules/wf-task"), "dir");
    writeFileSync(join(d, "workflow.config.ts"), source);
    return d;
  };
  const dynamic = project(`export default { parallel: { agentCommand: process.env.AGENT ?? "claude" } };\n`);
  const file = join(dynamic, "workflow.config.ts");
  // Each in a fresh process, as a hook is: the worker loads jiti where the main thread did before.
  const node = process.execPath;
  const script = join(tempDir(), "load.ts");
  const lib = (p: string) => JSON.stringify(join(root, p));
  writeFileSync(
    script,
    `import { evaluateModule, importModule } from ${lib("lib/util/import-ts.ts")};\n` +
      `const file = process.argv[3];\n` +
      `if (process.argv[2] === "worker") await evaluateModule(file, {}, 5000);\n` +
      `else await importModule(file);\n`,
  );
  const cold = timePair(
    () => timeCommand(node, ["--import", "tsx", script, "worker", file], { runs }),
    () => timeCommand(node, ["--import", "tsx", script, "inproc", file], { runs }),
  );
  const pure = project(`export default { parallel: { roles: ["backend", "qa"] } };\n`);
  const input = JSON.stringify({ tool_name: "Write", tool_input: { file_path: join(pure, "src/a.ts") }, cwd: pure });
  const cached = timePair(
    () => timeCommand(node, [cli, "trust", "hook", "claude"], { cwd: pure, runs, input }),
    () => timeCommand(node, ["-e", "0"], { runs }),
  );
  const uncached = timePair(
    () =>
      timeCommand(node, [cli, "trust", "hook", "claude"], {
        cwd: dynamic,
        runs,
        input: input.replaceAll(pure, dynamic),
      }),
    () => timeCommand(node, ["-e", "0"], { runs }),
  );
  return [
    {
      name: "TS config evaluated in a worker (with deadline), fresh process",
      baseline: "same config imported in-process (no deadline), fresh process",
      ...cold,
      goal: 1.5,
      note: `the worker adds ${(cold.subjectMs - cold.baselineMs).toFixed(1)} ms`,
    },
    { name: "trust hook, pure workflow.config.ts (JSON cache, no worker)", baseline: "node -e 0", ...cached, goal: 4 },
    {
      name: "trust hook, workflow.config.ts reading process.env (worker each run)",
      baseline: "node -e 0",
      ...uncached,
      goal: 6,
    },
  ];
};
export default bench;
