#!/usr/bin/env node
import { main } from "../lib/cli/main.ts";
import { endQuietlyOnClosedPipe } from "../lib/cli/run-main.ts";

endQuietlyOnClosedPipe();
main().then((code) => {
  process.exitCode = code;
});
