import { defineCommand } from "../../core/command.ts";
import { WfError } from "../../core/errors.ts";
import { main } from "../main.ts";
import { findCommand } from "../registry.ts";
import { listUserTaskFiles } from "../user-tasks.ts";
import { didYouMean } from "../../util/suggest.ts";

export default defineCommand({
  meta: {
    name: "run",
    description: "Run a task: one of this repo's tasks/*.ts (preferred), or a built-in recipe",
    examples: ["wf-task run bench", "wf-task run init auth-system backend"],
  },
  args: {
    task: { type: "positional", description: "Task name", required: true },
    args: { type: "positional", description: "Arguments and options for the task", multiple: true },
  },
  rawArgs: true,
  async run(ctx) {
    const [name, ...rest] = ctx.args._;
    if (!name)
      throw new WfError("E_USAGE", "missing <task> for `wf-task run`", {
        hint: "usage: wf-task run <task> [args...]; `wf-task tasks` lists them",
      });
    const userTasks = listUserTaskFiles(ctx.cwd);
    if (!userTasks.has(name) && !findCommand(name)?.recipe) {
      const best = didYouMean(name, [...userTasks.keys()]);
      throw new WfError("E_UNKNOWN_TASK", `no task \`${name}\` in ${ctx.cwd}/tasks`, {
        hint: best ? `did you mean \`${best}\`?` : "run `wf-task tasks` to list tasks",
      });
    }
    // The task runs with the same global options, colour included (decided once, here).
    const globals = [
      ctx.json && "--json",
      ctx.quiet && "--quiet",
      ctx.debug && "--debug",
      ctx.color ? "--color" : "--no-color",
    ].filter((g): g is string => Boolean(g));
    return main({
      argv: [...globals, name, ...rest],
      cwd: ctx.cwd,
      env: ctx.env,
      stdin: ctx.stdin,
      stdout: ctx.stdout,
      stderr: ctx.stderr,
      preferUserTask: true,
    });
  },
});
