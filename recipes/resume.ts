// The coder recipe (plan: harness/coder.sh, hooks/session_start.sh): restore the previous
// session's context. The logic lives in lib/harness/resume.ts and lib/harness/hook.ts.
import { defineCommand } from "../lib/runner/command.ts";

export default defineCommand({
  meta: {
    name: "resume",
    description: "Restore the previous session's context and suggest the next task",
    details: [
      "Prints \"=== Session Restored ===\": feature, role, last task, previous session, files, notes, blockers, questions, suggested next task.",
      "No progress file: says how to start one (`wf-task init`), exit 0. Never writes.",
      "--hook claude: reads Claude Code's SessionStart input on stdin and prints {hookSpecificOutput:{hookEventName:\"SessionStart\", additionalContext}}; always exits 0.",
      "JSON: {restored, message?, progress_file, feature, role, status, last_task:{id,title?,status,percent?}|null, previous_session:{session_id,started,last_updated,completed[]}|null, files[], notes[], blockers[], questions[], decisions[], next_task:{id,title?,status,percent?,reason,source}|null, state:{file,iteration_count,status}|null, warnings[]}",
    ].join("\n"),
    examples: ["wf-task resume", "wf-task resume --json", "echo '{\"cwd\":\".\"}' | wf-task resume --hook claude"],
  },
  args: {
    hook: { type: "string", choices: ["claude"], description: "Run as a session-start hook for this agent (reads its JSON on stdin)", valueHint: "agent" },
  },
  async run(ctx) {
    if (ctx.args.hook) {
      const { sessionStartHook } = await import("../lib/harness/hook.ts");
      ctx.stdout.write(`${JSON.stringify(await sessionStartHook(ctx))}\n`);
      return 0;
    }
    const [{ harnessContext }, { resumeSession, renderResume }] = await Promise.all([import("../lib/harness/context.ts"), import("../lib/harness/resume.ts")]);
    const { paths } = await harnessContext(ctx);
    const summary = await resumeSession(paths);
    ctx.emit(summary, renderResume);
    return 0;
  },
});
