import { pathToFileURL } from "node:url";
import { WfError } from "../runner/errors.ts";

/**
 * Imports a module by path. `.ts`/`.mts` files go through jiti under Node (loaded lazily, with
 * its transform cached on disk by content hash, and no module cache, so a changed file is
 * always read afresh) and through the runtime itself under Deno.
 */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  const isTs = /\.[mc]?ts$/.test(file);
  if (!isTs || "Deno" in globalThis) return import(pathToFileURL(file).href);
  let createJiti: typeof import("jiti").createJiti;
  try {
    ({ createJiti } = await import("jiti"));
  } catch (cause) {
    throw new WfError("E_PREREQ_TS_LOADER", `cannot load ${file}: no TypeScript loader available`, {
      hint: "install wf-task in this project (npm i -D wf-task), or use a .js/.mjs/.json/.yaml config",
      cause,
    });
  }
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: true, interopDefault: false });
  return (await jiti.import(file)) as Record<string, unknown>;
}
