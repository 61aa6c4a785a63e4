// The pre-commit gate (`wf-task precommit`) as one self-contained file: dist/hooks/precommit.mjs.
import precommit from "../../../recipes/precommit.ts";
import { exitWith, runHook } from "./run.ts";

exitWith(runHook(precommit, ["precommit"], process.argv.slice(2)));
