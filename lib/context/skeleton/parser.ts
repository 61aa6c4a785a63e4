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

/**
 * Folders to look in, first hit wins: beside this module (the standalone runtime's `wasm/`), then
 * the package in the `node_modules` of this module's folders and of the project's, upwards (how
 * Node resolves a bare name, read by `stat` alone: `require.resolve` of a package costs ~4 ms of a
 * skeleton's start), then `require.resolve` itself for layouts the walk does not know.
 */
function* candidates(root: string | undefined, pkg: string, sub: string): Generator<string> {
  const here = dirname(fileURLToPath(import.meta.url));
  yield join(here, "wasm");
  const bases = [here, ...(root ? [root] : [])];
  for (const base of bases)
    for (let dir = base; ; dir = dirname(dir)) {
      yield join(dir, "node_modules", pkg, sub);
      if (dirname(dir) === dir) break;
    }
  for (const base of [import.meta.url, ...(root ? [join(root, "package.json")] : [])]) {
    const found = resolveFrom(base, `${pkg}/package.json`);
    if (found) yield join(found, sub);
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
function find(file: string, root: string | undefined, pkg: string, sub: string, what: string, hint: string): string {
  for (const dir of candidates(root, pkg, sub)) if (existsSync(join(dir, file))) return join(dir, file);
  const here = dirname(fileURLToPath(import.meta.url));
  const above = [here, ...(root ? [root] : [])].join(" and ");
  throw new WfError(
    "E_PREREQ_PARSER",
    `${what} is not installed (looked in ${join(here, "wasm")}, then node_modules/${pkg} from ${above} upwards)`,
    {
      hint,
    },
  );
}

/** The path of a grammar's `.wasm` (e.g. `tree-sitter-python.wasm`), or E_PREREQ_PARSER. */
export function grammarPath(file: string, root?: string): string {
  return find(
    file,
    root,
    GRAMMARS_PACKAGE,
    "out",
    `the grammar ${file}`,
    `npm i ${GRAMMARS_PACKAGE} web-tree-sitter (or reinstall wf-task, which depends on them)`,
  );
}

function corePath(root?: string): string {
  return find(
    "web-tree-sitter.wasm",
    root,
    "web-tree-sitter",
    "",
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
