import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DemoStep } from "./_context.ts";

const step: DemoStep = (demo) => {
  demo.heading("1. A typed config, with defaults for everything");
  writeFileSync(
    join(demo.dir, ".workflowrc.json"),
    `${JSON.stringify({ parallel: { roles: ["backend", "frontend"], portRange: { start: 4100, end: 4110 } } }, null, 2)}\n`,
  );
  demo.wf(["config", "validate"], { expect: 0 });
  demo.wf(["config", "show", "--json"], { expect: 0 });
};
export default step;
