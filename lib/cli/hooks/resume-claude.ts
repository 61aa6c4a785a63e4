// The SessionStart and PreCompact hooks (`wf-task resume --hook claude|claude-precompact`) as one
// self-contained file: dist/hooks/resume-claude.mjs [--hook claude-precompact] (default: SessionStart).
import resume from "../../../recipes/resume.ts";
import { exitWith, runHook } from "./run.ts";

const argv = process.argv.slice(2);
exitWith(runHook(resume, ["resume"], argv.includes("--hook") ? argv : ["--hook", "claude", ...argv]));
