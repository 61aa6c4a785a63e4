import { pathToFileURL } from "node:url";
import { WfError } from "../runner/errors.ts";

/**
 * Imports a module by path; `.ts`/`.mts` files go through jiti under Node (loaded lazily)
 * and through the runtime itself under Deno.
 */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  const isTs = /\.[mc]?ts$/.test(file);
  const url = pathToFileURL(file).href;
  if (!isTs || "Deno" in globalThis) return import(url);
  try {
    // A TS-aware runtime (tsx, Node with type stripping) imports it directly; plain Node
    // refuses at once and jiti takes over (it also reports the real error, if any).
    return await import(url);
  } catch {
    // fall through to jiti
  }
  let createJiti: typeof import("jiti").createJiti;
  try {
    ({ createJiti } = await import("jiti"));
  } catch (cause) {
    throw new WfError("E_PREREQ_TS_LOADER", `cannot load ${file}: no TypeScript loader available`, {
      hint: "install wf-task in this project (npm i -D wf-task), or use a .js/.mjs/.json/.yaml config",
      cause,
    });
  }
  // fsCache: the transpiled file is cached by content hash, so a warm start skips the transform.
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: true, interopDefault: false });
  return (await jiti.import(file)) as Record<string, unknown>;
}
