import type { CommandEntry } from "../registry.ts";
import { runMain } from "../run-main.ts";

/**
 * Runs the CLI knowing one command: a hot command's CommonJS entry (dist/entries/<name>.cjs), the
 * same options, help, --json, errors and exit codes as the whole CLI, without its registry.
 */
export function runCommandEntry(entry: CommandEntry): void {
  // A reader that stops early (`wf-task monitor --json | head -1`) is not an error (as bin/wf-task.ts).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const registry = { commands: [entry], findCommand: (name: string) => (name === entry.name ? entry : undefined) };
  runMain({}, registry).then((code) => {
    process.exitCode = code;
  });
}
