import { commands, findCommand } from "./registry.ts";
import { runMain, splitGlobals, type MainOptions, type Registry } from "./run-main.ts";

export { splitGlobals, type MainOptions, type Registry };

/** The whole CLI: every command of the registry, and the project's ./tasks. */
const REGISTRY: Registry = {
  commands,
  findCommand,
  findUserTask: async (cwd, name, env) => (await import("./user-tasks.ts")).findUserTask(cwd, name, env),
};

/** Runs the CLI and resolves to its exit code. Never calls process.exit. */
export function main(options: MainOptions = {}): Promise<number> {
  return runMain(options, REGISTRY);
}
