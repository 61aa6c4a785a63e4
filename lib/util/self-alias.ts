import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let self: { index: string; define: string } | null | undefined;

/**
 * The entries of the wf-task package this code runs from: the library (dist/index.js, or lib/index.ts
 * from source) and the tiny `defineConfig` module (dist/define.js, lib/define.ts); null in a standalone bundle.
 */
export function selfEntry(): { index: string; define: string } | null {
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
          const built = existsSync(join(dir, "dist/index.js"));
          if (built || existsSync(join(dir, "lib/index.ts"))) {
            self = built
              ? {
                  index: join(dir, "dist/index.js"),
                  define: existsSync(join(dir, "dist/define.js"))
                    ? join(dir, "dist/define.js")
                    : join(dir, "dist/index.js"),
                }
              : { index: join(dir, "lib/index.ts"), define: join(dir, "lib/define.ts") };
          }
          return self;
        }
      } catch {
        // not ours
      }
    }
    if (dirname(dir) === dir) return self;
  }
}

/** True when everything `source` takes from "wf-task" is `defineConfig` or types (what the tiny module has). */
export function needsOnlyDefine(source: string): boolean {
  const imports = [...source.matchAll(/\bimport\s+(type\s+)?([^;]*?)\s+from\s*["']wf-task["']/g)];
  if (/\brequire\(\s*["']wf-task["']\s*\)|\bimport\(\s*["']wf-task["']\s*\)/.test(source)) return false;
  return imports.every(([, typeOnly, what]) => {
    if (typeOnly) return true;
    const named = /^\{([^}]*)\}$/.exec(what!.trim());
    return (
      named !== null &&
      named[1]!
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n === "defineConfig" || n.startsWith("type "))
    );
  });
}

/**
 * The import alias a config or task file needs. A file that takes only `defineConfig` (and types) from
 * "wf-task" gets the tiny module, so loading it does not load the whole library. When no
 * `node_modules/wf-task` is reachable from the file (a worktree without node_modules, a global
 * install, another checkout), "wf-task" resolves to the running wf-task: `required` says so.
 */
export function wfTaskAlias(
  file: string,
  source?: string,
): { map: Record<string, string>; required: boolean } | undefined {
  const entry = selfEntry();
  if (!entry) return undefined;
  let text = source;
  if (text === undefined) {
    try {
      text = readFileSync(file, "utf8");
    } catch {
      text = "";
    }
  }
  if (!/["']wf-task["']/.test(text)) return undefined;
  let required = true;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules/wf-task/package.json"))) {
      required = false;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  if (needsOnlyDefine(text)) return { map: { "wf-task": entry.define }, required };
  return required ? { map: { "wf-task": entry.index }, required } : undefined;
}
