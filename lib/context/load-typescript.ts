import { createRequire } from "node:module";
import { join } from "node:path";
import { WfError } from "../runner/errors.ts";

/** The TypeScript compiler module. */
export type TypeScript = typeof import("typescript");
let cached: TypeScript | undefined;

/**
 * Loads the TypeScript compiler lazily: the project's own copy first (`<root>/node_modules`),
 * then the one beside wf-task (unless `fallback: false`). It is an optional peer dependency;
 * missing → E_PREREQ_TYPESCRIPT (exit 3) with a hint.
 */
export async function loadTypeScript(root: string = process.cwd(), options: { fallback?: boolean } = {}): Promise<TypeScript> {
  if (cached && options.fallback !== false) return cached;
  const bases = [join(root, "package.json"), ...(options.fallback === false ? [] : [import.meta.url])];
  for (const base of bases) {
    try {
      // require, not import(): typescript is CommonJS, and import() would make Node scan its
      // 9 MB for named exports first (~0.8 s).
      const ts = createRequire(base)("typescript") as TypeScript;
      if (options.fallback !== false) cached = ts;
      return ts;
    } catch {
      // not here; try the next place
    }
  }
  throw new WfError("E_PREREQ_TYPESCRIPT", "skeletons of TypeScript/JavaScript files need the `typescript` package, which is not installed", {
    hint: "npm i -D typescript (wf-task uses the project's own copy; any version ≥ 4.7)",
  });
}

