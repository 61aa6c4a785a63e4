import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { readFile } from "node:fs/promises";
import type { Options } from "tsup";
import { defineTask } from "../lib/index.ts";

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * zx's ESM files pick their CJS twin at run time under Deno
 * (`globalThis.Deno ? globalThis.require("./x.cjs") : __module__`), which cannot exist next to a
 * bundle: always take the bundled module.
 */
const zxForDeno: EsbuildPlugin = {
  name: "zx-deno-single-file",
  setup(build) {
    build.onLoad({ filter: /[\\/]zx[\\/]build[\\/][^\\/]+\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      return {
        contents: text.replace(
          /globalThis\.Deno \? globalThis\.require\("\.\/[\w-]+\.cjs"\) : __module__/g,
          "__module__",
        ),
        loader: "js",
      };
    });
  },
};

/**
 * A CommonJS entry takes a big dependency from a file of its own, required on first use: the shell
 * parser (~90 KB with its dependencies, half of the trust hook; compiling it on every Edit cost
 * ~4 ms) from dist/hooks/bash-parser.cjs. `from` is that file relative to the entry's folder.
 */
function apart(name: string, filter: RegExp, from: string): EsbuildPlugin {
  return {
    name: `${name}-apart`,
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: `apart-${name}` }));
      build.onLoad({ filter: /.*/, namespace: `apart-${name}` }, () => ({
        contents: `module.exports = require(${JSON.stringify(from)});`,
        loader: "js",
      }));
      build.onResolve({ filter: new RegExp(`^${from.replace(/[.]/g, "\\.")}$`) }, (args) => ({
        path: args.path,
        external: true,
      }));
    },
  };
}
const BASH_PARSER = /^@ericcornelissen\/bash-parser$/;

/**
 * A CommonJS entry imports the tokenizer (2.7 MB, ES module) from the CLI's own file of it
 * (dist/tokenizer.js; `../` from dist/hooks and dist/entries alike), on first use: bundled, every
 * run would compile it; a CommonJS copy would ship it twice.
 */
const tokenizerFromCli: EsbuildPlugin = {
  name: "tokenizer-from-cli",
  setup(build) {
    build.onResolve({ filter: /^gpt-tokenizer\/encoding\/o200k_base$/ }, () => ({
      path: "../tokenizer.js",
      external: true,
    }));
  },
};

/**
 * In a CommonJS hook entry, `await import("node:path")` and the like become `require`: a real
 * import() starts Node's ES module loader (~7 ms) for a module that is already there.
 */
const builtinsRequired: EsbuildPlugin = {
  name: "builtins-required",
  setup(build) {
    const names = new RegExp(`^(node:)?(${builtinModules.map((m) => m.replace(/[/]/g, "\\/")).join("|")})$`);
    build.onResolve({ filter: names }, (args) =>
      args.kind === "dynamic-import" ? { path: args.path.replace(/^node:/, ""), namespace: "builtin" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "builtin" }, (args) => ({
      contents: `module.exports = require("node:${args.path}");`,
      loader: "js",
    }));
  },
};

/**
 * The standalone runtime's options: every dependency bundled but jiti (it lazy-loads its own
 * files) and typescript (an optional peer), split, minified ESM.
 */
const bundled: Options = {
  format: "esm",
  target: "node20",
  platform: "node",
  splitting: true,
  minify: true,
  outExtension: () => ({ js: ".mjs" }),
  noExternal: [/^(?!jiti$|jiti\/|typescript$)/],
  external: ["jiti", "typescript"],
  esbuildPlugins: [zxForDeno],
  // yaml's "node" export is CommonJS, whose named exports a bundled dynamic import() loses;
  // its ESM build is the same code.
  esbuildOptions(options) {
    options.alias = {
      ...options.alias,
      yaml: "./node_modules/yaml/browser/index.js",
      babylon: "./lib/trust/shell/arithmetic-stub.cjs",
    };
  },
  // `require` for the bundled CommonJS packages, created on first use: most chunks never call it,
  // and a createRequire per chunk cost ~0.5 ms each at start.
  banner: {
    js: [
      'import { createRequire as __wfCreateRequire } from "node:module";',
      "let __wfRequire;",
      "const __wfReq = () => (__wfRequire ??= __wfCreateRequire(import.meta.url));",
      "const require = Object.assign((id) => __wfReq()(id), { resolve: (id, options) => __wfReq().resolve(id, options) });",
    ].join(" "),
  },
};

/** The hook entries: dist/hooks/<name>.cjs, run by the Claude Code launcher and the git gate (lib/core/launcher.ts). */
export const HOOK_ENTRY_NAMES = ["trust-claude", "resume-claude", "precommit"] as const;

/**
 * What each hook entry bundles of the dependencies it loads at every run (the rest stay external,
 * loaded on the paths that need them). The SessionStart hook validates the progress file and agent
 * state with valibot: bundled, tree-shaken to those schemas (+8 KB), instead of its 213 KB CommonJS
 * build; the trust hook uses valibot only when the config is not cached, and bundled it would add
 * 83 KB to compile at every run. The gate matches paths with picomatch: one file instead of six.
 */
const HOOK_BUNDLED: Record<(typeof HOOK_ENTRY_NAMES)[number], RegExp[]> = {
  "trust-claude": [],
  "resume-claude": [/^valibot$/],
  precommit: [/^picomatch$/],
};

/** One CommonJS file from `source` into `outDir`, dependencies external but `bundle` (see the hook entries below). */
function commonJsEntry(source: string, outDir: string, bundle: RegExp[]): Options {
  return {
    entry: { [basename(source, ".ts")]: source },
    format: "cjs",
    target: "node20",
    platform: "node",
    splitting: false,
    minify: true,
    clean: false,
    outDir,
    outExtension: () => ({ js: ".cjs" }),
    noExternal: [BASH_PARSER, ...bundle],
    esbuildPlugins: [
      apart("bash-parser", BASH_PARSER, outDir === "dist/hooks" ? "./bash-parser.cjs" : "../hooks/bash-parser.cjs"),
      builtinsRequired,
      tokenizerFromCli,
    ],
    removeNodeProtocol: false,
    esbuildOptions(options) {
      options.define = { ...options.define, "import.meta.url": "__wfUrl", "import.meta.resolve": "__wfResolve" };
    },
    // What `import.meta` gives an ES module, for the few modules that locate files or jiti.
    banner: {
      js: [
        'const __wfUrl = require("node:url").pathToFileURL(__filename).href;',
        'const __wfResolve = (id) => require("node:url").pathToFileURL(require.resolve(id)).href;',
      ].join(" "),
    },
  };
}

/** The commands the package's bin runs from their own CommonJS file (lib/cli/entries/<name>.ts). */
export const COMMAND_ENTRY_NAMES = ["monitor", "parallel", "context"] as const;

/**
 * The package's bin (dist/wf-task.cjs): CommonJS, so that a hot command's entry starts without
 * Node's ES module loader; any other first word imports the CLI (dist/cli.js).
 */
export const BIN = `#!/usr/bin/env node
// wf-task's bin: a hot command runs its own CommonJS file (dist/entries/), every other the CLI.
"use strict";
const entries = new Set(${JSON.stringify(COMMAND_ENTRY_NAMES)});
const first = process.argv[2];
if (first !== undefined && entries.has(first)) require(require("node:path").join(__dirname, "entries", first + ".cjs"));
else import("./cli.js");
`;

/** The builds of dist/: the package (library + CLI), the standalone scripts' runtime and the hook entries. */
export const builds: Options[] = [
  {
    // The library and the CLI. Dependencies stay external; commands are split into chunks
    // loaded on demand, so a hook pays only for the command it runs.
    entry: {
      index: "lib/index.ts",
      cli: "bin/wf-task.ts",
      define: "lib/define.ts",
      tokenizer: "lib/context/tokenizer.ts",
    },
    format: "esm",
    target: "node20",
    platform: "node",
    splitting: true,
    clean: false,
    dts: { entry: { index: "lib/index.ts" } },
    outDir: "dist",
    // The tokenizer package ships every encoding in several formats (55 MB installed); bundling
    // the one encoding used (o200k, 2.7 MB) keeps a user's install small.
    // The shell parser of the PreToolUse hook is ~60 small CommonJS files: bundled, the hook
    // reads one chunk instead of resolving and compiling each (docs/performance.md).
    noExternal: [/^gpt-tokenizer/, /^@ericcornelissen\/bash-parser/],
    esbuildOptions(options) {
      options.alias = { ...options.alias, babylon: "./lib/trust/shell/arithmetic-stub.cjs" };
    },
  },
  {
    // The standalone scripts' shared runtime: every dependency bundled (no node_modules needed),
    // still split per command so a hook loads only what it runs.
    ...bundled,
    entry: { "wf-task": "lib/cli/standalone-entry.ts" },
    clean: true,
    outDir: "dist/runtime",
  },
  // One file per hook entry, CommonJS: Node starts a CommonJS file ~13 ms sooner than an ES module
  // (no ESM loader), which is a third of what a hook costs over `node -e 0`. The entry runs from the
  // package in node_modules (the launcher and the git gate find it there), so the dependencies stay
  // external and load only on the paths that need them; the shell parser is a file of its own (apart).
  // The earlier builds (one ESM file: 0.9 MB, 39 ms of compile; split ESM: 8 files at start) are
  // measured in docs/performance.md.
  ...HOOK_ENTRY_NAMES.map((name) => commonJsEntry(`lib/cli/hooks/${name}.ts`, "dist/hooks", HOOK_BUNDLED[name])),
  // The hot commands the bin runs as CommonJS files too (dist/entries/<name>.cjs, see BIN).
  ...COMMAND_ENTRY_NAMES.map((name) =>
    commonJsEntry(`lib/cli/entries/${name}.ts`, "dist/entries", [/^valibot$/, /^web-tree-sitter$/]),
  ),
  {
    // The shell parser the CommonJS entries require on first use (see apart).
    entry: { "bash-parser": "lib/trust/shell/bash-parser-bundle.cjs" },
    format: "cjs",
    target: "node20",
    platform: "node",
    minify: true,
    clean: false,
    outDir: "dist/hooks",
    outExtension: () => ({ js: ".cjs" }),
    noExternal: [/^@ericcornelissen\/bash-parser/],
    esbuildOptions(options) {
      options.alias = { ...options.alias, babylon: "./lib/trust/shell/arithmetic-stub.cjs" };
    },
  },
];

/** Builds dist/: the library with its types, the CLI, and the standalone runtime. */
export async function buildAll(options: { silent?: boolean } = {}): Promise<void> {
  const { build } = await import("tsup");
  // The hook builds share dist/hooks and do not clean it (each would remove the others' files).
  rmSync("dist/hooks", { recursive: true, force: true });
  rmSync("dist/entries", { recursive: true, force: true });
  for (const config of builds) await build({ ...config, config: false, silent: options.silent });
  // The context entry bundles web-tree-sitter's JS: its wasm goes beside it (the same version, found
  // first by lib/context/skeleton/parser.ts, no package lookup at start).
  mkdirSync("dist/entries/wasm", { recursive: true });
  const runtime = dirname(createRequire(import.meta.url).resolve("web-tree-sitter"));
  copyFileSync(join(runtime, "web-tree-sitter.wasm"), "dist/entries/wasm/web-tree-sitter.wasm");
  // Grammars wf-task ships itself, from their pinned packages (found first by the skeleton's parser).
  mkdirSync("dist/grammars", { recursive: true });
  const { OWN_GRAMMARS } = await import("../lib/context/skeleton/parser.ts");
  for (const [file, pkg] of Object.entries(OWN_GRAMMARS)) {
    const from = dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
    copyFileSync(join(from, file), `dist/grammars/${file}`);
    copyFileSync(join(from, "LICENSE"), `dist/grammars/LICENSE-${pkg}`);
  }
  writeFileSync("dist/wf-task.cjs", BIN);
  chmodSync("dist/wf-task.cjs", 0o755);
}

export default defineTask({
  name: "build",
  description:
    "Build dist/: the library and its types, the CLI, the standalone scripts' bundled runtime and one file per hook (tsup)",
  run: (ctx) => buildAll({ silent: ctx.quiet }),
});
