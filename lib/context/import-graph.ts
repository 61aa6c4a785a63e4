import { existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const JS_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;
const PY_IMPORT = /^\s*(?:from\s+([.\w]+)\s+import|import\s+([\w.]+))/gm;
const JS_EXT = [".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs", ".cjs"];

/** Project files a file imports (relative JS/TS imports, Python modules), as root-relative paths. */
export function importsOf(file: string, source: string, root: string): string[] {
  const out = new Set<string>();
  const dir = dirname(join(root, file));
  if (/\.[cm]?[jt]sx?$/.test(file)) {
    for (const m of source.matchAll(JS_IMPORT)) {
      const spec = m[1]!;
      if (!spec.startsWith(".")) continue;
      const hit = resolveJs(resolve(dir, spec));
      if (hit) out.add(relative(root, hit));
    }
  } else if (file.endsWith(".py")) {
    for (const m of source.matchAll(PY_IMPORT)) {
      const mod = (m[1] ?? m[2])!;
      const dots = /^\.*/.exec(mod)![0].length;
      const base = dots ? resolve(dir, "../".repeat(Math.max(0, dots - 1))) : root;
      const path = join(base, mod.slice(dots).replace(/\./g, "/"));
      for (const candidate of [`${path}.py`, join(path, "__init__.py")]) {
        if (existsSync(candidate)) {
          out.add(relative(root, candidate));
          break;
        }
      }
    }
  }
  return [...out];
}

function resolveJs(base: string): string | undefined {
  const stripped = base.replace(/\.(?:[cm]?js|jsx)$/, "");
  const candidates = [base, ...JS_EXT.map((e) => stripped + e), ...JS_EXT.map((e) => join(base, `index${e}`))];
  return candidates.find((c) => statSync(c, { throwIfNoEntry: false })?.isFile());
}

/** Shortest distance (in import edges, either direction) from any seed to each file, up to `max`. */
export function importDistances(
  edges: Map<string, string[]>,
  seeds: string[],
  max = 2,
): Map<string, { distance: number; via: string }> {
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    neighbours.get(a)!.add(b);
  };
  for (const [from, tos] of edges) for (const to of tos) (link(from, to), link(to, from));
  const out = new Map<string, { distance: number; via: string }>();
  let frontier = seeds.map((s) => ({ file: s, via: s }));
  const seen = new Set(seeds);
  for (let d = 1; d <= max && frontier.length; d++) {
    const next: typeof frontier = [];
    for (const { file, via } of frontier) {
      for (const n of neighbours.get(file) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        out.set(n, { distance: d, via });
        next.push({ file: n, via });
      }
    }
    frontier = next;
  }
  return out;
}
