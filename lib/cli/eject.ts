import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { WfError } from "../core/errors.ts";
import { atomicWrite } from "../util/atomic-write.ts";
import { selfEntry } from "../util/self-alias.ts";
import { VERSION } from "../version.ts";
import { commands } from "./registry.ts";

/** What `tasks eject --json` prints. */
export interface EjectResult {
  recipe: string;
  /** The task file written, relative to the project root. */
  file: string;
  /** It replaced a task file that was there (--force). */
  replaced: boolean;
  /** How to run the copy. */
  run: string;
}

/** The names of the built-in recipes. */
export function recipeNames(): string[] {
  return commands.filter((c) => c.recipe).map((c) => c.name);
}

/** The recipe's source in the installed package (`recipes/<name>.ts` ships with it). */
function recipeSource(name: string): string {
  const entry = selfEntry();
  const file = entry && join(dirname(dirname(entry.index)), "recipes", `${name}.ts`);
  if (!file || !existsSync(file)) {
    throw new WfError("E_PREREQ_BUILD", `the source of the ${name} recipe is not in this install of wf-task`, {
      hint: "reinstall wf-task (its package ships recipes/)",
    });
  }
  return readFileSync(file, "utf8");
}

/**
 * The recipe as a task of the user's: its imports of wf-task's own modules become imports of the
 * package (`"wf-task"`, which exports every name a recipe uses), and a header says where it came from.
 */
export function ejectedText(name: string, source: string): string {
  const body = source
    .replace(/from "\.\.\/lib\/[^"]+\.ts"/g, 'from "wf-task"')
    .replace(/import\("\.\.\/lib\/[^"]+\.ts"\)/g, 'import("wf-task")');
  const header = `// Ejected from wf-task ${VERSION}'s ${name} recipe. Edit any step: \`wf-task run ${name}\` runs this copy.\n`;
  return header + body;
}

/** Copies a built-in recipe into `<root>/tasks/<name>.ts`; refuses to replace a task file unless `force`. */
export async function ejectRecipe(root: string, name: string, options: { force?: boolean } = {}): Promise<EjectResult> {
  const names = recipeNames();
  if (!names.includes(name)) {
    throw new WfError("E_USAGE_NOT_FOUND", `no recipe named ${JSON.stringify(name)}`, {
      hint: `one of: ${names.join(", ")}`,
    });
  }
  const file = join(root, "tasks", `${name}.ts`);
  const replaced = existsSync(file);
  if (replaced && !options.force) {
    throw new WfError("E_USAGE_EXISTS", `${relative(root, file)} exists`, {
      hint: "edit it, or pass --force to replace it with the recipe",
    });
  }
  const text = ejectedText(name, recipeSource(name));
  mkdirSync(dirname(file), { recursive: true });
  await atomicWrite(file, text);
  return { recipe: name, file: relative(root, file), replaced, run: `wf-task run ${name}` };
}
