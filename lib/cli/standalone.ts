// The shared runtime of the standalone scripts: bundled with every dependency into
// `.ai/workflow/_runtime/`, imported by each thin script entry.
import { join } from "node:path";
import { loadConfigOrSnapshot } from "../config/snapshot.ts";
import { legacyArgs } from "../scripts/aliases.ts";
import { main } from "./main.ts";

/** Runs one standalone script: `wf-task <prefix…> <the script's arguments>`. */
export async function runScript(prefix: string[], scriptPath: string, scriptUrl: string): Promise<void> {
  const workflowDir = join(
    new URL(".", scriptUrl).pathname,
    ...scriptPath
      .split("/")
      .slice(1)
      .map(() => ".."),
  );
  const firstOption = prefix.findIndex((w) => w.startsWith("-"));
  const code = await main({
    argv: [...prefix, ...legacyArgs(prefix[0], process.argv.slice(2))],
    bin: scriptPath.split("/").pop(),
    prefixWords: firstOption === -1 ? prefix.length : firstOption,
    configLoader: (cwd, env) => loadConfigOrSnapshot(workflowDir, cwd, env, (t) => process.stderr.write(`${t}\n`)),
  });
  process.exitCode = code;
}
