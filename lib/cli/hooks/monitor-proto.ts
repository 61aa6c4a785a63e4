import monitor from "../../parallel/commands/monitor.ts";
import { exitWith, runHook } from "./run.ts";
exitWith(runHook(monitor, ["monitor"], process.argv.slice(2)));
