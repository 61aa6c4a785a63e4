import { defineCommand, type CommandDef } from "./command.ts";
import { WfError } from "./errors.ts";

/** A placeholder for a command whose layer has not landed yet: says so and exits 2. */
export function notBuilt(name: string, description: string): CommandDef {
  return defineCommand({
    meta: { name, description: `${description} (not built yet)` },
    run() {
      throw new WfError("E_NOT_BUILT", `\`wf-task ${name}\` is not built yet`, {
        hint: "upgrade wf-task; this command lands in a later version",
      });
    },
  });
}
