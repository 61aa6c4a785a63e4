import { createRequire } from "node:module";
import { join } from "node:path";
import { WfError } from "../runner/errors.ts";

/** The TypeScript compiler module. */
export type TypeScript = typeof import("typescript");
let cached: TypeScript | undefined;

/**
 * Loads the TypeScript compiler lazily: the project's own copy first (`<root>/node_modules`),
 * then the one beside wf-task. It is an optional peer dependency; missing → exit 3 with a hint.
 */
export async function loadTypeScript(root: string = process.cwd()): Promise<TypeScript> {
  if (cached) return cached;
  for (const base of [join(root, "package.json"), import.meta.url]) {
    try {
      // require, not import(): typescript is CommonJS, and import() would make Node scan its
      // 9 MB for named exports first (~0.8 s).
      cached = createRequire(base)("typescript") as TypeScript;
      return cached;
    } catch {
      // not here; try the next place
    }
  }
  throw new WfError("E_PREREQ_TYPESCRIPT", "skeletons of TypeScript/JavaScript files need the `typescript` package, which is not installed", {
    hint: "npm i -D typescript (wf-task uses the project's own copy; any version ≥ 4.7)",
  });
}

