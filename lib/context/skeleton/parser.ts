import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Language as TsLanguage, Parser as TsParser } from "web-tree-sitter";
import { WfError } from "../../core/errors.ts";

/** The npm package that ships the grammars (prebuilt WebAssembly, no native build). */
export const GRAMMARS_PACKAGE = "@cursorless/tree-sitter-wasms";

type WebTreeSitter = typeof import("web-tree-sitter");
let runtime: Promise<WebTreeSitter> | undefined;
const languages = new Map<string, Promise<TsLanguage>>();

/** The folder of this module (of the bundle that holds it, once built). */
const moduleDir = () => dirname(fileURLToPath(import.meta.url));

/** A package folder that may hold a `.wasm`: `node_modules/<pkg>/<sub>`. */
interface Source {
  pkg: string;
  sub: string;
}

/**
 * Grammars wf-task ships itself, copied by the build into `dist/grammars/` from the package
 * pinned in its devDependencies (the grammars package's TypeScript build is older: 1.6× the size,
 * slower to load and parse, and it misreads `import("…")` types; docs/decisions.md).
 */
export const OWN_GRAMMARS: Record<string, string> = {
  "tree-sitter-typescript.wasm": "tree-sitter-typescript",
  "tree-sitter-tsx.wasm": "tree-sitter-typescript",
};

/**
 * Folders to look in, first hit wins: those `beside` this module (the context entry's `wasm/`, the
 * package's `grammars/`), then each source in the `node_modules` of this module's folders and of
 * the project's, upwards (how Node resolves a bare name, read by `stat` alone: `require.resolve`
 * of a package costs ~4 ms of a skeleton's start), then `require.resolve` itself for layouts the
 * walk does not know.
 */
function* candidates(root: string | undefined, beside: string[], sources: Source[]): Generator<string> {
  const here = moduleDir();
  for (const b of beside) yield join(here, b);
  for (const base of [here, ...(root ? [root] : [])])
    for (let dir = base; ; dir = dirname(dir)) {
      for (const s of sources) yield join(dir, "node_modules", s.pkg, s.sub);
      if (dirname(dir) === dir) break;
    }
  for (const base of [import.meta.url, ...(root ? [join(root, "package.json")] : [])])
    for (const s of sources) {
      const found = resolveFrom(base, `${s.pkg}/package.json`);
      if (found) yield join(found, s.sub);
    }
}

function resolveFrom(base: string, request: string): string | undefined {
  try {
    return dirname(createRequire(base).resolve(request));
  } catch {
    return undefined;
  }
}

/** The first of the candidate folders holding `file`, or E_PREREQ_PARSER with the hint. */
function find(
  file: string,
  root: string | undefined,
  beside: string[],
  sources: Source[],
  what: string,
  hint: string,
): string {
  for (const dir of candidates(root, beside, sources)) if (existsSync(join(dir, file))) return join(dir, file);
  const here = moduleDir();
  const above = [here, ...(root ? [root] : [])].join(" and ");
  const pkgs = sources.map((s) => `node_modules/${s.pkg}`).join(", ");
  throw new WfError(
    "E_PREREQ_PARSER",
    `${what} is not installed (looked in ${join(here, beside[0]!)}, then ${pkgs} from ${above} upwards)`,
    {
      hint,
    },
  );
}

/** The path of a grammar's `.wasm` (e.g. `tree-sitter-python.wasm`), or E_PREREQ_PARSER. */
export function grammarPath(file: string, root?: string): string {
  const own = OWN_GRAMMARS[file];
  const sources: Source[] = [
    ...(own
      ? [
          { pkg: "wf-task", sub: "dist/grammars" },
          { pkg: own, sub: "" },
        ]
      : []),
    { pkg: GRAMMARS_PACKAGE, sub: "out" },
  ];
  return find(
    file,
    root,
    own ? ["wasm", "grammars", "../grammars"] : ["wasm"],
    sources,
    `the grammar ${file}`,
    `npm i ${GRAMMARS_PACKAGE} web-tree-sitter (or reinstall wf-task, which depends on them)`,
  );
}

function corePath(root?: string): string {
  return find(
    "web-tree-sitter.wasm",
    root,
    ["wasm"],
    [{ pkg: "web-tree-sitter", sub: "" }],
    "the parser runtime web-tree-sitter.wasm",
    "npm i web-tree-sitter (or reinstall wf-task, which depends on it)",
  );
}

/** web-tree-sitter, initialised once (its own wasm read from disk, so bundles find it too). */
async function treeSitter(root?: string): Promise<WebTreeSitter> {
  runtime ??= (async () => {
    // V8 compiles hot wasm functions a second time with its optimising tier in background
    // threads, and a process does not exit before that ends: up to 30 s on a busy 2-core
    // machine for a grammar (0.2–4 MB), and ~140 ms of CPU for the parser runtime's own hot
    // functions, more than a one-file skeleton's whole work. Everything gets the baseline tier,
    // set before the runtime is compiled.
    try {
      (await import("node:v8")).setFlagsFromString("--liftoff-only");
    } catch {
      // a runtime without V8 flags: keep its defaults
    }
    const mod = await import("web-tree-sitter");
    await mod.Parser.init({ wasmBinary: readFileSync(corePath(root)) } as object);
    return mod;
  })();
  runtime.catch(() => (runtime = undefined));
  return runtime;
}

/** A parser for one grammar; each grammar's wasm is loaded the first time it is needed. */
export async function parserFor(grammar: string, root?: string): Promise<TsParser> {
  const ts = await treeSitter(root);
  let language = languages.get(grammar);
  if (!language) {
    language = ts.Language.load(readFileSync(grammarPath(`tree-sitter-${grammar}.wasm`, root)));
    languages.set(grammar, language);
    language.catch(() => languages.delete(grammar));
  }
  const parser = new ts.Parser();
  parser.setLanguage(await language);
  return parser;
}
