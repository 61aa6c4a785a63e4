// The coder recipe (replaces the bash workflow's harness/coder.sh, hooks/session_start.sh): restore the
// previous session's context, step by step. As a Claude Code hook it answers in the hook's JSON instead.
// Copy it into tasks/ with `wf-task tasks eject resume` to change a step.
import { defineCommand } from "../lib/core/command.ts";

export default defineCommand({
  meta: {
    name: "resume",
    description: "Restore the previous session's context and suggest the next task",
    details: [
      'Prints "=== Session Restored ===": feature, role, last task, previous session, files, notes, blockers, questions, suggested next task.',
      "No progress file: says how to start one (`wf-task init`), exit 0. Never writes (except --hook claude-precompact).",
      "--hook claude: reads Claude Code's SessionStart input on stdin and prints " +
        '{hookSpecificOutput:{hookEventName:"SessionStart", additionalContext}}; always exits 0.',
      "  With source compact or resume the progress file's ## Handoff comes first, each file in it marked when stale.",
      "--hook claude-precompact: the PreCompact hook: reads transcript_path (the last user request, the open TodoWrite todos,",
      "  files written or edited, decisions stated) and writes them with the current task into the progress file's ## Handoff",
      "  section (bounded, replaced each time, under the file's lock); prints {} or {systemMessage}; always exits 0.",
      "JSON: {restored, message?, progress_file, feature, role, status, last_task:{id,title?,status,percent?}|null, " +
        "previous_session:{session_id,started,last_updated,completed[]}|null, files[], notes[], blockers[], " +
        "questions[], decisions[], next_task:{id,title?,status,percent?,reason,source}|null, " +
        "state:{file,iteration_count,status}|null, handoff:{written, session_id, trigger, request, current_task, " +
        "todos:[{content,status}], files:[{path,action:wrote|edited,blob,stale:null|missing|changed}], " +
        "decisions[]}|null, warnings[]}",
    ].join("\n"),
    examples: [
      "wf-task resume",
      "wf-task resume --json",
      'echo \'{"cwd":"."}\' | wf-task resume --hook claude',
      'echo \'{"transcript_path":"t.jsonl"}\' | wf-task resume --hook claude-precompact',
    ],
  },
  args: {
    hook: {
      type: "string",
      choices: ["claude", "claude-precompact"],
      description:
        "Run as a hook (reads its JSON on stdin): claude = SessionStart, claude-precompact = PreCompact (writes the handoff)",
      valueHint: "agent",
    },
  },
  async run(ctx) {
    if (ctx.args.hook === "claude-precompact") {
      const { preCompactHook } = await import("../lib/harness/handoff.ts");
      ctx.stdout.write(`${JSON.stringify(await preCompactHook(ctx))}\n`);
      return 0;
    }
    if (ctx.args.hook) {
      const { sessionStartHook } = await import("../lib/harness/hook.ts");
      ctx.stdout.write(`${JSON.stringify(await sessionStartHook(ctx))}\n`);
      return 0;
    }
    const { resumeSession, renderResume, recordResume, projectEvents } = await import("../lib/harness/index.ts");
    const project = await ctx.project();

    // 1. Read what the last session left: the progress file, the agent state, the feature's tasks.
    const summary = await resumeSession(project.paths);

    // 2. Count it as a resumed session in the compound metrics.
    await recordResume(summary, projectEvents(project, ctx.warn));

    // 3. Show it: feature, last task, files, notes, blockers, and the task to take next.
    ctx.emit(summary, renderResume);
    return 0;
  },
});
