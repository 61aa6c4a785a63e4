#!/usr/bin/env node
import { main } from "../lib/cli/main.ts";

// A reader that stops early (`wf-task monitor --json | head -1`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main().then((code) => {
  process.exitCode = code;
});
