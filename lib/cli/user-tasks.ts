import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { CommandDef } from "../core/command.ts";
import { WfError } from "../core/errors.ts";
import { importModule } from "../util/import-ts.ts";

const EXTENSIONS = [".ts", ".mts", ".mjs", ".js"];
const NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/** The task files in `<root>/tasks/`, by task name. */
export function listUserTaskFiles(root: string): Map<string, string> {
  const dir = join(root, "tasks");
  const found = new Map<string, string>();
  if (!existsSync(dir)) return found;
  for (const file of readdirSync(dir).sort()) {
    const ext = EXTENSIONS.find((e) => file.endsWith(e));
    if (!ext || file.endsWith(".d.ts") || file.startsWith("_")) continue;
    const name = file.slice(0, -ext.length);
    if (NAME.test(name) && !found.has(name)) found.set(name, join(dir, file));
  }
  return found;
}

/** Loads a task module and checks that its default export is a task. */
export async function loadUserTask(file: string): Promise<CommandDef<any>> {
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(file);
  } catch (cause) {
    if (cause instanceof WfError) throw cause;
    throw new WfError("E_TASK_LOAD", `cannot load task ${file}: ${(cause as Error).message}`, {
      cause,
      hint: "fix the error in the task file",
    });
  }
  const def = (mod.default ?? mod) as CommandDef<any>;
  if (!def || typeof def !== "object" || !def.meta || typeof def.run !== "function") {
    throw new WfError("E_TASK_SHAPE", `${file} does not export a task`, {
      hint: 'export default defineTask({ name, description, run }) from "wf-task"',
    });
  }
  return def;
}

/** The user's task `name` in `<root>/tasks/`, or undefined. */
export async function findUserTask(
  root: string,
  name: string,
  _env?: Record<string, string | undefined>,
): Promise<CommandDef<any> | undefined> {
  if (!NAME.test(name)) return undefined;
  const file = listUserTaskFiles(root).get(name);
  return file ? loadUserTask(file) : undefined;
}
