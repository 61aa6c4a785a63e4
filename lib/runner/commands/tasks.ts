import { defineCommand } from "../command.ts";
import { commands } from "../registry.ts";
import { listUserTaskFiles } from "../user-tasks.ts";
import { relative } from "node:path";

export default defineCommand({
  meta: {
    name: "tasks",
    description: "List the built-in recipes and this repo's tasks/*.ts",
    details: "JSON: {recipes:[{name, description}], tasks:[{name, file}]}",
  },
  run(ctx) {
    const recipes = commands.filter((c) => c.recipe).map((c) => ({ name: c.name, description: c.summary }));
    const tasks = [...listUserTaskFiles(ctx.cwd)].map(([name, file]) => ({ name, file: relative(ctx.cwd, file) }));
    ctx.emit({ recipes, tasks }, () => {
      const lines = ["Built-in recipes:", ...recipes.map((r) => `  ${r.name.padEnd(12)} ${r.description}`)];
      lines.push("", "Tasks in ./tasks:");
      if (tasks.length === 0) lines.push("  (none — add tasks/<name>.ts exporting defineTask({...}))");
      else lines.push(...tasks.map((t) => `  ${t.name.padEnd(12)} ${t.file}`));
      lines.push("", "Run one with `wf-task run <name>` or `wf-task <name>`.");
      return lines.join("\n");
    });
  },
});
