// The floors of the house (docs/architecture.md), checked on the source itself: lib/core at the bottom, lib/config on
// it, the layers above, lib/cli on top. Imports are read with the TypeScript parser, not with patterns.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type * as TS from "typescript";

const ts = createRequire(import.meta.url)("typescript") as typeof TS;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) walk(path, out);
    else if (/\.(ts|mts)$/.test(entry.name)) out.push(path);
  }
  return out;
}

interface Edge {
  to: string;
  /** A static `import`/`export … from` (type-only ones included: they are edges of the design too). */
  static: boolean;
}

interface Module {
  path: string;
  text: string;
  source: TS.SourceFile;
  edges: Edge[];
}

function readModule(path: string): Module {
  const text = readFileSync(join(ROOT, path), "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const edges: Edge[] = [];
  const add = (spec: string, isStatic: boolean) => {
    if (spec.startsWith("."))
      edges.push({ to: relative(ROOT, resolve(join(ROOT, dirname(path)), spec)), static: isStatic });
    else edges.push({ to: spec, static: isStatic });
  };
  const visit = (node: TS.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier.text, true);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) add(arg.text, false);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { path, text, source, edges };
}

const modules = walk("lib").map(readModule);
const byPath = new Map(modules.map((m) => [m.path, m]));

/** Strongly connected components of more than one module (or a module importing itself): the import cycles. */
function cycles(): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const strong = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const { to, static: isStatic } of byPath.get(v)!.edges) {
      if (!isStatic || !byPath.has(to)) continue;
      if (!indexOf.has(to)) {
        strong(to);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(v, Math.min(low.get(v)!, indexOf.get(to)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const m of modules) if (!indexOf.has(m.path)) strong(m.path);
  return found;
}

test("no import cycle among lib/'s static imports (type-only imports included)", () => {
  assert.equal(cycles(), []);
});

test("only lib/cli/ and the commands/ folders import lib/cli/ (statically or lazily); lib/index.ts, the package's face, is the roof", () => {
  const offenders = modules
    .filter((m) => !m.path.startsWith("lib/cli/") && !m.path.includes("/commands/") && m.path !== "lib/index.ts")
    .flatMap((m) => m.edges.filter((e) => e.to.startsWith("lib/cli/")).map((e) => `${m.path} → ${e.to}`));
  assert.equal(offenders, []);
});

test("lib/core/ imports no layer and no top floor: only node:, packages and lib/core, lib/util, lib/config types", () => {
  const offenders = modules
    .filter((m) => m.path.startsWith("lib/core/"))
    .flatMap((m) =>
      m.edges
        .filter((e) => e.to.startsWith("lib/") && !/^lib\/(core|util|config)\//.test(e.to) && e.to !== "lib/version.ts")
        .map((e) => `${m.path} → ${e.to}`),
    );
  assert.equal(offenders, []);
});

/** Calls of a function named `name` (not its definition, not its import). */
function callers(name: string): string[] {
  return modules
    .filter((m) => {
      let calls = false;
      const visit = (node: TS.Node) => {
        if (ts.isCallExpression(node)) {
          const callee = node.expression;
          if (
            (ts.isIdentifier(callee) && callee.text === name) ||
            (ts.isPropertyAccessExpression(callee) && callee.name.text === name)
          )
            calls = true;
        }
        if (!calls) ts.forEachChild(node, visit);
      };
      visit(m.source);
      return calls;
    })
    .map((m) => m.path);
}

test("loadConfig is called only by lib/config/ and lib/core/ (everything else goes through the Project)", () => {
  assert.equal(
    callers("loadConfig").filter((p) => !/^lib\/(config|core)\//.test(p)),
    [],
  );
});

test("one checkName, in lib/core/names.ts", () => {
  const defining = modules
    .filter((m) => /\bexport (async )?function checkName\b|\bexport const checkName\b/.test(m.text))
    .map((m) => m.path);
  assert.equal(defining, ["lib/core/names.ts"]);
});

test("one module imports node:child_process: the process runner (lib/core/run.ts)", () => {
  const importers = modules
    .filter((m) => m.edges.some((e) => e.to === "node:child_process" || e.to === "child_process"))
    .map((m) => m.path);
  assert.equal(importers, ["lib/core/run.ts"]);
});

test("no source line is longer than 160 characters", () => {
  const long = ["lib", "recipes", "tasks", "bin", "test", "bench"]
    .flatMap((d) => walk(d))
    .flatMap((path) =>
      readFileSync(join(ROOT, path), "utf8")
        .split("\n")
        .flatMap((line, i) => (line.length > 160 ? [`${path}:${i + 1} (${line.length})`] : [])),
    );
  assert.equal(long.slice(0, 20), [], `${long.length} lines over 160 characters`);
});

test.run();
