import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { timeCommand, timePair, type Bench } from "./_harness.ts";

/** Cold start of the CLI against `node -e 0`, and config loading of a workflow.config.ts. */
const bench: Bench = async ({ root, cli, runs, tempDir }) => {
  const dir = tempDir();
  const node = process.execPath;
  const baseline = () => timeCommand(node, ["-e", "0"], { runs });
  const version = timePair(() => timeCommand(node, [cli, "--version"], { runs }), baseline);
  const help = timePair(() => timeCommand(node, [cli, "--help"], { runs }), baseline);
  // A project as users have it: wf-task in node_modules, a typed workflow.config.ts.
  const project = (source: string) => {
    const d = tempDir();
    mkdirSync(join(d, "node_modules"));
    symlinkSync(root, join(d, "node_modules/wf-task"), "dir");
    writeFileSync(join(d, "workflow.config.ts"), source);
    return d;
  };
  const pure = project(
    `import { defineConfig } from "wf-task";\nexport default defineConfig({ parallel: { roles: ["backend", "qa"] } });\n`,
  );
  const config = timePair(() => timeCommand(node, [cli, "config", "show", "--json"], { cwd: pure, runs }), baseline);
  const dynamic = project(
    `import { defineConfig } from "wf-task";\nexport default defineConfig({ parallel: { agentCommand: process.env.AGENT ?? "claude" } });\n`,
  );
  const configDynamic = timePair(
    () => timeCommand(node, [cli, "config", "show", "--json"], { cwd: dynamic, runs }),
    baseline,
  );
  const configNone = timePair(() => timeCommand(node, [cli, "config", "show", "--json"], { cwd: dir, runs }), baseline);
  return [
    { name: "wf-task --version (cold)", baseline: "node -e 0", ...version, goal: 1.5 },
    { name: "wf-task --help (cold)", baseline: "node -e 0", ...help, goal: 1.5 },
    { name: "config show, workflow.config.ts (pure data: cached)", baseline: "node -e 0", ...config, goal: 4 },
    {
      name: "config show, workflow.config.ts reading process.env (TS loader every time)",
      baseline: "node -e 0",
      ...configDynamic,
      goal: 4,
    },
    { name: "config show, no config", baseline: "node -e 0", ...configNone, goal: 4 },
  ];
};
export default bench;
