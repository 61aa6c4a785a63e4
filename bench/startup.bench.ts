import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { timeCommand, timePair, type Bench } from "./_harness.ts";

/** Cold start of the CLI against `node -e 0`, and config loading of a workflow.config.ts. */
const bench: Bench = async ({ cli, runs, tempDir }) => {
  const dir = tempDir();
  const node = process.execPath;
  const baseline = () => timeCommand(node, ["-e", "0"], { runs });
  const version = timePair(() => timeCommand(node, [cli, "--version"], { runs }), baseline);
  const help = timePair(() => timeCommand(node, [cli, "--help"], { runs }), baseline);
  const tsDir = tempDir();
  writeFileSync(join(tsDir, "workflow.config.ts"), `import type { UserConfig } from "wf-task";\nconst config: UserConfig = { parallel: { roles: ["backend", "qa"] } };\nexport default config;\n`);
  const config = timePair(() => timeCommand(node, [cli, "config", "show", "--json"], { cwd: tsDir, runs }), baseline);
  const configNone = timePair(() => timeCommand(node, [cli, "config", "show", "--json"], { cwd: dir, runs }), baseline);
  return [
    { name: "wf-task --version (cold)", baseline: "node -e 0", ...version, goal: 1.5 },
    { name: "wf-task --help (cold)", baseline: "node -e 0", ...help, goal: 1.5 },
    { name: "config show, workflow.config.ts", baseline: "node -e 0", ...config, goal: 4 },
    { name: "config show, no config", baseline: "node -e 0", ...configNone, goal: 4 },
  ];
};
export default bench;
