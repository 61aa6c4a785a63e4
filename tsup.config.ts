import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library and the CLI. Dependencies stay external; commands are split into chunks
    // loaded on demand, so a hook pays only for the command it runs.
    entry: { index: "lib/index.ts", cli: "bin/wf-task.ts" },
    format: "esm",
    target: "node20",
    platform: "node",
    splitting: true,
    clean: false,
    dts: { entry: { index: "lib/index.ts" } },
    outDir: "dist",
  },
]);
