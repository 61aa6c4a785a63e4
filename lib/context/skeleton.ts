import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { WfError } from "../core/errors.ts";
import { LANGUAGES, type Language } from "./skeleton/languages.ts";

export { LANGUAGES, type Language };

/** The language of a file by its extension, or undefined. */
export function languageOf(file: string): Language | undefined {
  const ext = extname(file).toLowerCase();
  return (Object.keys(LANGUAGES) as Language[]).find((l) =>
    (LANGUAGES[l].extensions as readonly string[]).includes(ext),
  );
}

/**
 * The skeleton of source text: imports, declarations with their signatures and types, the first
 * line of doc comments, bodies elided. Parsed by tree-sitter (grammars loaded per language on
 * first use); `root` is where to look for the grammars besides wf-task's own.
 */
export async function skeletonOf(
  source: string,
  file: string,
  options: { root?: string; language?: Language } = {},
): Promise<string> {
  const language = options.language ?? languageOf(file);
  if (!language) {
    throw new WfError(
      "E_USAGE_LANGUAGE",
      `no skeleton for \`${file}\`: expected one of ${Object.values(LANGUAGES)
        .flatMap((l) => l.extensions)
        .join(" ")}`,
      {
        hint: `give a file in one of: ${Object.keys(LANGUAGES).join(", ")}`,
        where: file,
      },
    );
  }
  const spec = LANGUAGES[language].spec;
  const [{ parserFor }, { Skeletonizer }] = await Promise.all([
    import("./skeleton/parser.ts"),
    import("./skeleton/engine.ts"),
  ]);
  const parser = await parserFor(spec.grammar, options.root);
  const tree = parser.parse(source);
  if (!tree) throw new WfError("E_INTERNAL_PARSE", `tree-sitter returned no tree for ${file}`, { where: file });
  try {
    return new Skeletonizer(spec, source).run(tree.rootNode);
  } finally {
    tree.delete();
    parser.delete();
  }
}

/** The skeleton of a file: signatures, types and exports, no bodies. */
export async function skeleton(file: string, options: { root?: string } = {}): Promise<string> {
  return skeletonOf(readFileSync(file, "utf8"), file, options);
}
