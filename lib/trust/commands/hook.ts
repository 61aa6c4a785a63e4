import { resolve } from "node:path";
import { defineCommand } from "../../runner/command.ts";
import { isWfError } from "../../runner/errors.ts";
import { claudeHookDecision, hookOutput, hookSubject, type ClaudeHookOutput } from "../hook-claude.ts";
import { loadTrustModel } from "../load.ts";
import { readStream } from "../../util/read-stream.ts";

/** `wf-task trust hook claude`: the PreToolUse hook. Always exits 0; on its own trouble it asks. */
export default defineCommand({
  meta: {
    name: "hook",
    description: "Answer an agent's permission hook by trust level (claude: Claude Code's PreToolUse)",
    details: [
      "Reads the PreToolUse input on stdin ({tool_name, tool_input{file_path | notebook_path | edits[]}, cwd, …}) and prints",
      '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow"|"ask"|"deny","permissionDecisionReason":"…"}}.',
      "allow: every path's level auto-approves (high by default). ask: medium/low, a path outside the project,",
      "or any problem (bad input, bad model) — the hook never fails closed. deny: a path in trust.forbidden.",
      "Read-only tools, Bash and tool calls without a file path get no answer (empty output): Claude Code decides as usual.",
      "Paths are made relative to the project root found from the input's cwd. Exit 0 always.",
    ].join("\n"),
    examples: ['{"matcher": "Write|Edit|MultiEdit|NotebookEdit", "hooks": [{"type": "command", "command": "npx wf-task trust hook claude"}]}'],
  },
  args: {
    agent: { type: "positional", required: true, description: "The agent whose hook format to speak", choices: ["claude"] },
  },
  async run(ctx) {
    let output: ClaudeHookOutput | undefined;
    try {
      // A stdin nobody closes must not hold the agent: what came within 2 s is the input.
      const text = await readStream(ctx.stdin, { timeoutMs: 2000 });
      let input: unknown;
      try {
        input = JSON.parse(text);
      } catch (error) {
        input = undefined;
        output = hookOutput("ask", `wf-task trust: could not read the hook input (${text.trim() ? `not JSON: ${(error as Error).message}` : "empty stdin"}); asking instead`);
      }
      if (!output) {
        const subject = hookSubject(input);
        if ("paths" in subject) {
          const cwd = subject.cwd ? resolve(subject.cwd) : ctx.cwd;
          const loaded = cwd === ctx.cwd ? await ctx.config() : await (await import("../../config/load.ts")).loadConfig({ cwd, env: ctx.env });
          output = claudeHookDecision(await loadTrustModel(loaded), input);
        } else if ("problem" in subject) output = hookOutput("ask", `wf-task trust: could not read the hook input (${subject.problem}); asking instead`);
      }
    } catch (error) {
      const what = isWfError(error) ? `${error.where ? `${error.where}: ` : ""}${error.message}` : (error as Error)?.message ?? String(error);
      output = hookOutput("ask", `wf-task trust: the trust model could not be loaded (${what}); asking instead`);
    }
    if (output) ctx.stdout.write(`${JSON.stringify(output)}\n`);
    return 0;
  },
});
