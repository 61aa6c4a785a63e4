import { rmSync } from "node:fs";
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
 * What the standalone runtime and the hook entries share: every dependency bundled but jiti (it
 * lazy-loads its own files) and typescript (an optional peer), split, minified ESM.
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

/** The two builds of dist/: the package (library + CLI) and the standalone scripts' runtime. */
export const builds: Options[] = [
  {
    // The library and the CLI. Dependencies stay external; commands are split into chunks
    // loaded on demand, so a hook pays only for the command it runs.
    entry: { index: "lib/index.ts", cli: "bin/wf-task.ts", define: "lib/define.ts" },
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
  // One build per hook entry, self-contained (no node_modules needed in the worktree it runs in)
  // and split, so that a hook compiles only what it runs: its entry holds its static imports in
  // one file, and the config loader, YAML, valibot, zx… are chunks loaded on first use. One
  // unsplit file was 0.9 MB, 39 ms of compile per run; one split build of all three entries
  // loaded 16 files (docs/performance.md).
  ...["trust-claude", "resume-claude", "precommit"].map((name): Options => ({
    ...bundled,
    entry: { [name]: `lib/cli/hooks/${name}.ts` },
    clean: false,
    outDir: "dist/hooks",
  })),
];

/** Builds dist/: the library with its types, the CLI, and the standalone runtime. */
export async function buildAll(options: { silent?: boolean } = {}): Promise<void> {
  const { build } = await import("tsup");
  // The hook builds share dist/hooks and do not clean it (each would remove the others' files).
  rmSync("dist/hooks", { recursive: true, force: true });
  for (const config of builds) await build({ ...config, config: false, silent: options.silent });
}

export default defineTask({
  name: "build",
  description:
    "Build dist/: the library and its types, the CLI, the standalone scripts' bundled runtime and one file per hook (tsup)",
  run: (ctx) => buildAll({ silent: ctx.quiet }),
});
