// `wf-task monitor` as one CommonJS file (dist/entries/monitor.cjs), run by the package's bin when
// the first word is `monitor`: a redraw of `monitor --watch` or a status line calling it often
// starts without Node's ES module loader and the CLI's chunks (docs/performance.md).
import monitor from "../../parallel/commands/monitor.ts";
import { runCommandEntry } from "./run.ts";

runCommandEntry({
  name: "monitor",
  group: "Parallel agents",
  summary: "Status of every parallel agent: dashboard, --json, --watch",
  load: async () => ({ default: monitor }),
});
