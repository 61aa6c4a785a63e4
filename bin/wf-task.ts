#!/usr/bin/env node
import { main } from "../lib/runner/main.ts";

main().then((code) => {
  process.exitCode = code;
});
