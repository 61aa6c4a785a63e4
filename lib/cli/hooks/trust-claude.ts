// The PreToolUse hook (`wf-task trust hook claude`) as one self-contained file: dist/hooks/trust-claude.cjs.
import hook from "../../trust/commands/hook.ts";
import { exitWith, runHook } from "./run.ts";

exitWith(
  runHook(hook, ["trust", "hook"], process.argv.slice(2), (argv) =>
    argv[0] === "claude" ? argv : ["claude", ...argv],
  ),
);
