import { relative } from "node:path";
import { defineCommand } from "../../core/command.ts";
import { isWfError } from "../../core/errors.ts";
import { commands } from "../registry.ts";
import { listUserTaskFiles, loadUserTask } from "../user-tasks.ts";

const eject = defineCommand({
  meta: {
    name: "eject",
    description: "Copy a built-in recipe into tasks/<recipe>.ts to change its steps",
    details: [
      'Writes tasks/<recipe>.ts: the recipe\'s source, importing from "wf-task". `wf-task run <recipe>` then runs your copy.',
      "An existing task file is kept (exit 2) unless --force.",
      "JSON: {recipe, file, replaced, run}",
    ].join("\n"),
    examples: ["wf-task tasks eject init", "wf-task run init auth-system backend"],
  },
  args: {
    recipe: { type: "positional", required: true, description: "init, resume, parallel, interview or precommit" },
    force: { type: "boolean", alias: "f", description: "Replace tasks/<recipe>.ts" },
  },
  async run(ctx) {
    const { ejectRecipe } = await import("../eject.ts");
    const r = await ejectRecipe(ctx.cwd, ctx.args.recipe, { force: ctx.args.force });
    ctx.emit(
      r,
      `${r.replaced ? "replaced" : "wrote"} ${r.file}: the ${r.recipe} recipe, yours to change — run it with \`${r.run}\``,
    );
  },
});

export default defineCommand({
  meta: {
    name: "tasks",
    description: "List the built-in recipes and this repo's tasks/*.ts",
    details: [
      "JSON: {recipes:[{name, description}], tasks:[{name, file, description, error?}]} — a task that does not load is listed with its error.",
      "`wf-task tasks eject <recipe>` copies a recipe into tasks/.",
    ].join("\n"),
  },
  subCommands: { eject },
  async run(ctx) {
    const recipes = commands.filter((c) => c.recipe).map((c) => ({ name: c.name, description: c.summary }));
    const tasks: { name: string; file: string; description: string | null; error?: string }[] = [];
    for (const [name, file] of listUserTaskFiles(ctx.cwd)) {
      try {
        tasks.push({ name, file: relative(ctx.cwd, file), description: (await loadUserTask(file)).meta.description });
      } catch (error) {
        tasks.push({
          name,
          file: relative(ctx.cwd, file),
          description: null,
          error: isWfError(error) ? error.message : String(error),
        });
      }
    }
    ctx.emit({ recipes, tasks }, () => {
      const width = Math.max(12, ...tasks.map((t) => t.name.length));
      const lines = ["Built-in recipes:", ...recipes.map((r) => `  ${r.name.padEnd(width)} ${r.description}`)];
      lines.push("", "Tasks in ./tasks:");
      if (tasks.length === 0) lines.push("  (none — add tasks/<name>.ts exporting defineTask({...}))");
      else
        lines.push(...tasks.map((t) => `  ${t.name.padEnd(width)} ${t.description ?? `(does not load: ${t.error})`}`));
      lines.push("", "Run one with `wf-task run <name>` or `wf-task <name>`.");
      return lines.join("\n");
    });
  },
});
