import { pathToFileURL } from "node:url";
import { WfError } from "../runner/errors.ts";
import { wfTaskAlias } from "./self-alias.ts";

/**
 * Imports a module by path. `.ts`/`.mts` files go through jiti under Node (loaded lazily, with
 * its transform cached on disk by content hash, and no module cache, so a changed file is
 * always read afresh) and through the runtime itself under Deno. When the file's project has no
 * wf-task of its own, jiti maps `import "wf-task"` to the running one (for .js/.mjs files too).
 */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  const isTs = /\.[mc]?ts$/.test(file);
  const deno = "Deno" in globalThis;
  const alias = deno ? undefined : wfTaskAlias(file);
  if ((!isTs && !alias?.required) || deno) return import(pathToFileURL(file).href);
  let createJiti: typeof import("jiti").createJiti;
  try {
    ({ createJiti } = await import("jiti"));
  } catch (cause) {
    throw new WfError("E_PREREQ_TS_LOADER", `cannot load ${file}: no TypeScript loader available`, {
      hint: "install wf-task in this project (npm i -D wf-task), or use a .js/.mjs/.json/.yaml config",
      cause,
    });
  }
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: true, interopDefault: false, ...(alias ? { alias: alias.map } : {}) });
  return (await jiti.import(file)) as Record<string, unknown>;
}
