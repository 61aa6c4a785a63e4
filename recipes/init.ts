// The initializer recipe (replaces the bash workflow's harness/initializer.sh): a feature's first
// session, step by step. Copy it into tasks/ with `wf-task tasks eject init` to change a step.
import { defineCommand } from "../lib/core/command.ts";

export default defineCommand({
  meta: {
    name: "init",
    description: "Set up a feature's first session: workspace, progress file, welcome",
    details: [
      "Creates .ai/project/features/<feature>/, the sessions folders and the progress file, then prints the feature's context and what to do next.",
      "Idempotent: a second run changes nothing and says so. " +
        "A progress file of another feature is archived to sessions/history/ first; " +
        "a corrupt one stops init (exit 2) and is left as it is.",
      "JSON: {first_session, changed, feature, role, progress_file, workspace, created[], archived, " +
        "previous_feature, branch, context_files[], tasks:[{id,title?,source}], next_steps[], progress}",
    ].join("\n"),
    examples: ["wf-task init auth-system backend", "wf-task init auth-system backend --json"],
  },
  args: {
    feature: {
      type: "positional",
      required: true,
      description: "Feature id: lower-case letters, digits, dashes (auth-system)",
    },
    role: { type: "positional", required: true, description: "Agent role (backend, frontend, qa …)" },
  },
  async run(ctx) {
    const { feature, role } = ctx.args;
    const { openSession, featureContext, initReport, renderInit, projectEvents } =
      await import("../lib/harness/index.ts");
    const project = await ctx.project();

    // 1. Open the session: the progress file (another feature's is archived first), the feature
    //    workspace and the sessions folders. Nothing changes when it is already open.
    const session = await openSession(feature, role, {
      paths: project.paths,
      events: projectEvents(project, ctx.warn),
    });

    // 2. The branch this session works on (none outside git).
    const branch = await ctx.$.nothrow`git branch --show-current`;

    // 3. What the feature already has: its spec, plan and this role's tasks.
    const context = featureContext(session);

    // 4. Welcome, and what to do next.
    const onBranch = branch.exitCode === 0 ? branch.stdout.trim() || "HEAD (detached)" : null;
    ctx.emit(initReport(session, context, onBranch, project.root), (report) => renderInit(report, ctx.cwd));
  },
});
