import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let self: string | null | undefined;

/** The entry of the wf-task package this code runs from (dist/index.js, or lib/index.ts from source), or null (a standalone bundle). */
export function selfEntry(): string | null {
  if (self !== undefined) return self;
  self = null;
  let dir: string;
  try {
    dir = dirname(fileURLToPath(import.meta.url));
  } catch {
    return self;
  }
  for (; ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "wf-task") {
          const built = join(dir, "dist/index.js");
          const source = join(dir, "lib/index.ts");
          self = existsSync(built) ? built : existsSync(source) ? source : null;
          return self;
        }
      } catch {
        // not ours
      }
    }
    if (dirname(dir) === dir) return self;
  }
}

/**
 * The import alias a config or task file needs: when no `node_modules/wf-task` is reachable from the
 * file (a worktree without node_modules, a global install, another checkout), `import … from "wf-task"`
 * resolves to the running wf-task. Undefined when the project has its own.
 */
export function wfTaskAlias(file: string): Record<string, string> | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules/wf-task/package.json"))) return undefined;
    if (dirname(dir) === dir) break;
  }
  const entry = selfEntry();
  return entry ? { "wf-task": entry } : undefined;
}
