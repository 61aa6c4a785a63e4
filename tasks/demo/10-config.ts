import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DemoStep } from "./_context.ts";

const step: DemoStep = (demo) => {
  demo.heading("1. The config: defaults for everything, typed overrides, precise errors");
  demo.wf(["config", "validate"], { expect: 0 });
  const rc = join(demo.dir, ".workflowrc.json");
  writeFileSync(
    rc,
    `${JSON.stringify({ parallel: { roles: ["backend", "frontend"], portRange: { start: 4100, end: 4110 }, agentComand: "claude" } }, null, 2)}\n`,
  );
  demo.say("\n# a typo in the config is caught, with where, what and a suggestion:");
  demo.wf(["config", "validate"], { expect: 2 });
  writeFileSync(
    rc,
    `${JSON.stringify({ parallel: { roles: ["backend", "frontend"], portRange: { start: 4100, end: 4110 } } }, null, 2)}\n`,
  );
  demo.wf(["config", "validate"], { expect: 0 });
  demo.say("\n# wf-task config show prints the whole resolved config; the parallel section:");
  const r = demo.sh(process.execPath, [demo.cli, "config", "show", "--json"], { echo: false });
  demo.say(JSON.stringify(JSON.parse(r.stdout).config.parallel, null, 2));
};
export default step;
