// The PreToolUse hook (`wf-task trust hook claude`) as one self-contained file: dist/hooks/trust-claude.mjs.
import hook from "../../trust/commands/hook.ts";
import { exitWith, runHook, withoutWords } from "./run.ts";

const argv = withoutWords(process.argv.slice(2), ["trust", "hook"]);
exitWith(runHook(hook, ["trust", "hook"], argv[0] === "claude" ? argv : ["claude", ...argv]));
