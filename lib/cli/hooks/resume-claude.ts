// The SessionStart and PreCompact hooks (`wf-task resume --hook claude|claude-precompact`) as one
// self-contained file: dist/hooks/resume-claude.cjs [--hook claude-precompact] (default: SessionStart).
import resume from "../../../recipes/resume.ts";
import { exitWith, runHook } from "./run.ts";

exitWith(
  runHook(resume, ["resume"], process.argv.slice(2), (argv) =>
    argv.includes("--hook") ? argv : ["--hook", "claude", ...argv],
  ),
);
