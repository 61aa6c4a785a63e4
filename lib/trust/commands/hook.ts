import { resolve } from "node:path";
import { defineCommand, type CommandContext } from "../../core/command.ts";
import { isWfError } from "../../core/errors.ts";
import { claudeHookDecision, hookOutput, hookSubject, type ClaudeHookOutput } from "../hook-claude.ts";
import { loadTrustModel } from "../load.ts";
import type { TrustModel } from "../model.ts";
import { readStream } from "../../util/read-stream.ts";

/** `wf-task trust hook claude`: the PreToolUse hook. Always exits 0; on its own trouble it asks. */
export default defineCommand({
  meta: {
    name: "hook",
    description: "Answer an agent's permission hook by trust level (claude: Claude Code's PreToolUse)",
    details: [
      "Reads the PreToolUse input on stdin ({tool_name, tool_input{file_path | notebook_path | edits[] | command}, cwd, …}) and prints",
      '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow"|"ask"|"deny","permissionDecisionReason":"…"}}.',
      "allow: every path's level auto-approves (high by default). ask: medium/low, a path outside the project,",
      "or any problem (bad input, bad model) — the hook never fails closed. deny: a path in trust.forbidden.",
      "Bash: every file the command writes is judged the same way (redirects, cp/mv/rm/… operands, sed -i, tee, dd of=, tar -x,",
      "git checkout/restore/rm, through bash -c, env, sudo, xargs, eval, find -exec, subshells, with cd followed); a write known only",
      "at run time or a command that cannot be parsed asks; --no-verify, HUSKY=0, core.hooksPath and writes to .git/hooks, .husky",
      "or .claude/settings are denied. A Bash command is never allowed by the hook: when all its writes auto-approve, or it writes",
      "nothing, there is no answer. See `wf-task trust explain --command`.",
      "Read-only tools and tool calls without a file path get no answer (empty output): Claude Code decides as usual.",
      "Paths are made relative to the project root found from the input's cwd; symlinks are followed and the file they reach is judged too.",
      "--lines: one input per line, one answer per line ({} for no answer), for scripts and tests. Exit 0 always.",
    ].join("\n"),
    examples: [
      '{"matcher": "Write|Edit|MultiEdit|NotebookEdit|Bash", "hooks": [{"type": "command", "command": "npx wf-task trust hook claude"}]}',
    ],
  },
  args: {
    agent: {
      type: "positional",
      required: true,
      description: "The agent whose hook format to speak",
      choices: ["claude"],
    },
    lines: {
      type: "boolean",
      description: "Read one JSON input per line and print one answer per line ({} when none)",
    },
  },
  async run(ctx) {
    // A stdin nobody closes must not hold the agent: what came within 2 s is the input.
    const text = await readStream(ctx.stdin, { timeoutMs: 2000 });
    if (!ctx.args.lines) {
      const output = await answer(ctx, text, new Map());
      if (output) ctx.stdout.write(`${JSON.stringify(output)}\n`);
      return 0;
    }
    const models = new Map<string, Promise<TrustModel>>();
    const out: string[] = [];
    for (const line of text.split(/\r?\n/)) {
      if (!line.trim()) continue;
      out.push(JSON.stringify((await answer(ctx, line, models)) ?? {}));
    }
    ctx.stdout.write(out.length ? `${out.join("\n")}\n` : "");
    return 0;
  },
});

/** The answer to one hook input; models are cached per project folder (for --lines). */
async function answer(
  ctx: CommandContext<any>,
  text: string,
  models: Map<string, Promise<TrustModel>>,
): Promise<ClaudeHookOutput | undefined> {
  try {
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (error) {
      return hookOutput(
        "ask",
        `wf-task trust: could not read the hook input (${text.trim() ? `not JSON: ${(error as Error).message}` : "empty stdin"}); asking instead`,
      );
    }
    const subject = hookSubject(input);
    if ("problem" in subject)
      return hookOutput("ask", `wf-task trust: could not read the hook input (${subject.problem}); asking instead`);
    if ("skip" in subject) return undefined;
    const cwd = subject.cwd ? resolve(subject.cwd) : ctx.cwd;
    let model = models.get(cwd);
    if (!model) {
      model = (async () => {
        const loaded = await ctx.project(cwd);
        return loadTrustModel(loaded);
      })();
      models.set(cwd, model);
    }
    return await claudeHookDecision(await model, input, { home: ctx.env.HOME });
  } catch (error) {
    const what = isWfError(error)
      ? `${error.where ? `${error.where}: ` : ""}${error.message}`
      : ((error as Error)?.message ?? String(error));
    return hookOutput("ask", `wf-task trust: the trust model could not be loaded (${what}); asking instead`);
  }
}
