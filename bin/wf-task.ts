#!/usr/bin/env node
import { main } from "../lib/cli/main.ts";

// stdout and stderr: lib/cli/stdio.ts (made when first used, quiet on EPIPE)
main().then((code) => {
  process.exitCode = code;
});
