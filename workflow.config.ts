import { defineConfig } from "./lib/define.ts";

// wf-task's own config: this repo is developed with wf-task.
export default defineConfig({
  parallel: { roles: ["backend", "qa"] },
  enforcement: {
    tdd: { testPatterns: ["test/**"], exempt: ["docs/**", "bench/**", "tasks/**", "plugins/**", "**/*.md", "**/*.json", "bin/**"] },
  },
});
