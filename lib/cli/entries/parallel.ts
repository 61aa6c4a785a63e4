// `wf-task parallel` as one CommonJS file (dist/entries/parallel.cjs), run by the package's bin when
// the first word is `parallel`: start, status, merge and stop begin without Node's ES module loader
// and the CLI's chunks (docs/performance.md).
import parallel from "../../../recipes/parallel.ts";
import { runCommandEntry } from "./run.ts";

runCommandEntry({
  name: "parallel",
  group: "Parallel agents",
  recipe: true,
  summary: "Start, watch and stop agents in parallel: worktrees, ports, tmux panes",
  load: async () => ({ default: parallel }),
});
