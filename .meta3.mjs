import { build } from "esbuild";
import { writeFileSync } from "node:fs";
const [entry, out] = process.argv.slice(2);
const r = await build({ entryPoints: { e: entry }, bundle: true, splitting: true, outdir: out, platform: "node", format: "esm", target: "node20", minify: true, write: true, metafile: true, outExtension: { ".js": ".mjs" }, external: ["jiti", "typescript"], alias: { yaml: "./node_modules/yaml/browser/index.js", babylon: "./lib/trust/shell/arithmetic-stub.cjs" }, logLevel: "error", banner: { js: 'import { createRequire as __wfRequire } from "node:module"; const require = __wfRequire(import.meta.url);' } });
writeFileSync(out + "/meta.json", JSON.stringify(r.metafile));
