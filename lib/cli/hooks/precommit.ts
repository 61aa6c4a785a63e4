// The pre-commit gate (`wf-task precommit`) as one file: dist/hooks/precommit.cjs.
import precommit from "../../../recipes/precommit.ts";
import { exitWith, runHook } from "./run.ts";

exitWith(runHook(precommit, ["precommit"], process.argv.slice(2)));
