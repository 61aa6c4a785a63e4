// The initializer recipe (replaces the bash workflow's harness/initializer.sh): a feature's first session. The logic
// lives in lib/harness/init.ts (git through zx, loaded only when this runs).
import { defineCommand } from "../lib/core/command.ts";

export default defineCommand({
  meta: {
    name: "init",
    description: "Set up a feature's first session: workspace, progress file, welcome",
    details: [
      "Creates .ai/project/features/<feature>/, the sessions folders and the progress file, then prints the feature's context and what to do next.",
      "Idempotent: a second run changes nothing and says so. A progress file of another feature is archived to sessions/history/ first; a corrupt one stops init (exit 2) and is left as it is.",
      "JSON: {first_session, changed, feature, role, progress_file, workspace, created[], archived, previous_feature, branch, context_files[], tasks:[{id,title?,source}], next_steps[], progress}",
    ].join("\n"),
    examples: ["wf-task init auth-system backend", "wf-task init auth-system backend --json"],
  },
  args: {
    feature: { type: "positional", required: true, description: "Feature id: lower-case letters, digits, dashes (auth-system)" },
    role: { type: "positional", required: true, description: "Agent role (backend, frontend, qa …)" },
  },
  async run(ctx) {
    const [{ harnessContext }, { initializeSession, renderInit }] = await Promise.all([import("../lib/harness/context.ts"), import("../lib/harness/init.ts")]);
    const { paths, options } = await harnessContext(ctx);
    const report = await initializeSession(ctx.args.feature, ctx.args.role, { paths, events: options.events });
    ctx.emit(report, (r) => renderInit(r, ctx.cwd));
    return 0;
  },
});
