import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { WfError } from "../runner/errors.ts";
import { loadTypeScript } from "./load-typescript.ts";

/** Languages `skeleton` understands, and how: `parser` (a real parser) or `scanner`. */
export const LANGUAGES = {
  typescript: { extensions: [".ts", ".tsx", ".mts", ".cts"], method: "parser" },
  javascript: { extensions: [".js", ".jsx", ".mjs", ".cjs"], method: "parser" },
  python: { extensions: [".py", ".pyi"], method: "scanner" },
  php: { extensions: [".php"], method: "scanner" },
  go: { extensions: [".go"], method: "scanner" },
} as const;

export type Language = keyof typeof LANGUAGES;

/** The language of a file by its extension, or undefined. */
export function languageOf(file: string): Language | undefined {
  const ext = extname(file).toLowerCase();
  return (Object.keys(LANGUAGES) as Language[]).find((l) => (LANGUAGES[l].extensions as readonly string[]).includes(ext));
}

/** The skeleton of source text in a language (TypeScript is loaded lazily from `root`). */
export async function skeletonOf(source: string, file: string, options: { root?: string; language?: Language } = {}): Promise<string> {
  const language = options.language ?? languageOf(file);
  switch (language) {
    case "typescript":
    case "javascript": {
      const ts = await loadTypeScript(options.root);
      const { typescriptSkeleton } = await import("./skeleton/typescript.ts");
      return typescriptSkeleton(ts, source, file);
    }
    case "python":
      return (await import("./skeleton/python.ts")).pythonSkeleton(source);
    case "php":
      return (await import("./skeleton/php.ts")).phpSkeleton(source);
    case "go":
      return (await import("./skeleton/go.ts")).goSkeleton(source);
    default:
      throw new WfError("E_USAGE_LANGUAGE", `no skeleton for \`${file}\`: expected one of ${Object.values(LANGUAGES).flatMap((l) => l.extensions).join(" ")}`, {
        hint: "give a TypeScript, JavaScript, Python, PHP or Go file",
        where: file,
      });
  }
}

/** The skeleton of a file: signatures, types and exports, no bodies. */
export async function skeleton(file: string, options: { root?: string } = {}): Promise<string> {
  return skeletonOf(await readFile(file, "utf8"), file, options);
}
