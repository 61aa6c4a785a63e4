// `wf-task context` as one CommonJS file (dist/entries/context.cjs), run by the package's bin when
// the first word is `context`: a skeleton of one file starts without Node's ES module loader, the
// parser runtime bundled in (docs/performance.md).
import context from "../../context/commands/context.ts";
import { runCommandEntry } from "./run.ts";

runCommandEntry({
  name: "context",
  group: "Context & learning",
  summary: "Skeletons, token counts, usage, relevance ranking and packing",
  load: async () => ({ default: context }),
});
