import type { Position } from "./yaml-position.ts";

/**
 * Line and column (1-based) of the key at `path` in a TypeScript/JavaScript config's default
 * export (`export default defineConfig({ … })`, a plain object, or a function returning one),
 * read with the TypeScript parser when one is installed. Falls back to the nearest existing parent; undefined when
 * TypeScript is not installed or the shape is not a literal.
 */
export async function locateInTs(
  text: string,
  path: readonly (string | number)[],
  root?: string,
): Promise<Position | undefined> {
  let ts: typeof import("typescript");
  try {
    // The project's TypeScript when it has one with the JS API (TypeScript 7 has none: no position then).
    const { createRequire } = await import("node:module");
    const { join } = await import("node:path");
    const load = (from: string) => createRequire(from)("typescript") as typeof import("typescript");
    try {
      ts = load(join(root ?? process.cwd(), "package.json"));
    } catch {
      ts = load(import.meta.url);
    }
    if (typeof ts.createSourceFile !== "function") return undefined;
  } catch {
    return undefined;
  }
  const sf = ts.createSourceFile("config.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let exported: import("typescript").Expression | undefined;
  for (const statement of sf.statements) {
    if (ts.isExportAssignment(statement)) exported = statement.expression;
  }
  // Names bound to object literals: `const config = {…}; export default config`.
  const declared = new Map<string, import("typescript").Expression>();
  for (const statement of sf.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations)
      if (ts.isIdentifier(d.name) && d.initializer) declared.set(d.name.text, d.initializer);
  }
  const literal = (node: import("typescript").Node | undefined, depth = 0): import("typescript").Node | undefined => {
    if (!node || depth > 10) return undefined;
    if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) return node;
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isAwaitExpression(node)
    )
      return literal(node.expression, depth + 1);
    if (ts.isCallExpression(node)) return literal(node.arguments[0], depth + 1);
    if (ts.isIdentifier(node)) return literal(declared.get(node.text), depth + 1);
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      if (node.body && !ts.isBlock(node.body)) return literal(node.body, depth + 1);
      if (node.body && ts.isBlock(node.body)) {
        const ret = node.body.statements.find(ts.isReturnStatement);
        return literal(ret?.expression, depth + 1);
      }
    }
    return undefined;
  };
  let node = literal(exported);
  let found: import("typescript").Node | undefined = node;
  for (const key of path) {
    if (node && ts.isObjectLiteralExpression(node)) {
      const prop = node.properties.find(
        (p) =>
          p.name &&
          (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name)) &&
          p.name.text === String(key),
      );
      if (!prop) break;
      found = prop.name ?? prop;
      node = ts.isPropertyAssignment(prop) ? literal(prop.initializer) : undefined;
    } else if (node && ts.isArrayLiteralExpression(node) && typeof key === "number") {
      const item = node.elements[key];
      if (!item) break;
      found = item;
      node = literal(item);
    } else break;
  }
  if (!found) return undefined;
  const { line, character } = sf.getLineAndCharacterOfPosition(found.getStart(sf));
  return { line: line + 1, col: character + 1 };
}
