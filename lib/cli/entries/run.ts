import type { CommandEntry } from "../registry.ts";
import { runMain } from "../run-main.ts";

/**
 * Runs the CLI knowing one command: a hot command's CommonJS entry (dist/entries/<name>.cjs), the
 * same options, help, --json, errors and exit codes as the whole CLI, without its registry.
 */
export function runCommandEntry(entry: CommandEntry): void {
  const registry = { commands: [entry], findCommand: (name: string) => (name === entry.name ? entry : undefined) };
  runMain({}, registry).then((code) => {
    process.exitCode = code;
  });
}
