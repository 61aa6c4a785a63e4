// The shared runtime of the standalone scripts: bundled with every dependency into
// `.ai/workflow/_runtime/`, imported by each thin script entry.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../config/load.ts";
import type { LoadedConfig } from "../config/types.ts";
import { isWfError } from "../core/errors.ts";
import { main } from "../cli/main.ts";
import { SNAPSHOT_FILE, hashSources, type ConfigSnapshot } from "./snapshot.ts";
import { legacyArgs } from "./aliases.ts";

/**
 * Loads the config the way the CLI does; when a TypeScript config cannot be loaded here (no
 * jiti next to the scripts), falls back to the snapshot `scripts install` wrote, warning when
 * the config changed since.
 */
async function standaloneConfig(workflowDir: string, cwd: string, env: Record<string, string | undefined>, warn: (t: string) => void): Promise<LoadedConfig> {
  try {
    return await loadConfig({ cwd, env });
  } catch (error) {
    if (!isWfError(error) || error.code !== "E_PREREQ_TS_LOADER") throw error;
    const file = join(workflowDir, SNAPSHOT_FILE);
    if (!existsSync(file)) throw error;
    const snapshot = JSON.parse(readFileSync(file, "utf8")) as ConfigSnapshot;
    const root = join(workflowDir, "..", "..");
    if (hashSources(root, snapshot.sources) !== snapshot.hash) {
      warn(`warning: ${snapshot.sources.join(", ")} changed since the scripts were installed; using the installed snapshot — run \`npx wf-task scripts install\` to refresh it`);
    }
    return { config: snapshot.config, root, sources: snapshot.sources.map((p) => ({ kind: "file", path: join(root, p) })), legacyExtra: {}, warnings: [] };
  }
}

/** Runs one standalone script: `wf-task <prefix…> <the script's arguments>`. */
export async function runScript(prefix: string[], scriptPath: string, scriptUrl: string): Promise<void> {
  const workflowDir = join(new URL(".", scriptUrl).pathname, ...scriptPath.split("/").slice(1).map(() => ".."));
  const code = await main({
    argv: [...prefix, ...legacyArgs(prefix[0], process.argv.slice(2))],
    bin: scriptPath.split("/").pop(),
    prefixWords: prefix.findIndex((w) => w.startsWith("-")) === -1 ? prefix.length : prefix.findIndex((w) => w.startsWith("-")),
    configLoader: (cwd, env) => standaloneConfig(workflowDir, cwd, env, (t) => process.stderr.write(`${t}\n`)),
  });
  process.exitCode = code;
}
