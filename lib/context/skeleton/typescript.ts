import type * as TS from "typescript";
import type { TypeScript } from "../load-typescript.ts";

/** The elision mark that stands for a body or a long value. */
export const ELIDED = "…";
const MAX_VALUE = 60;

/**
 * The skeleton of a TypeScript/JavaScript source (TSX/JSX too), from the compiler's parser:
 * imports/exports, declarations with full signatures and types, first lines of doc comments,
 * bodies replaced by `{ … }`. Top-level statements that declare nothing are dropped.
 */
export function typescriptSkeleton(ts: TypeScript, source: string, fileName: string): string {
  const kind = /\.tsx$/i.test(fileName) ? ts.ScriptKind.TSX : /\.jsx$/i.test(fileName) ? ts.ScriptKind.JSX : /\.[cm]?js$/i.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, kind);
  const out: string[] = [];
  emitStatements(ts, sf, sf.statements, "", out);
  return out.length ? `${out.join("\n")}\n` : "";
}

function emitStatements(ts: TypeScript, sf: TS.SourceFile, statements: readonly TS.Statement[], indent: string, out: string[]): void {
  for (const node of statements) {
    const lines = statement(ts, sf, node, indent);
    if (!lines.length) continue;
    const doc = docLine(ts, sf, node, indent);
    if (doc) out.push(doc);
    out.push(...lines);
  }
}

/** The first line of a node's JSDoc, as a one-line doc comment. */
function docLine(ts: TypeScript, sf: TS.SourceFile, node: TS.Node, indent: string): string | undefined {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.pos);
  const last = ranges?.at(-1);
  if (!last || !sf.text.startsWith("/**", last.pos)) return undefined;
  const first = sf.text
    .slice(last.pos + 3, last.end - 2)
    .split("\n")
    .map((l) => l.replace(/^\s*\*?\s?/, "").trim())
    .find((l) => l.length > 0);
  return first ? `${indent}/** ${first} */` : undefined;
}

/** Source text from `from` to `to`, re-indented to `indent`. */
function text(sf: TS.SourceFile, from: number, to: number, indent: string): string {
  return reindent(sf.text.slice(from, to), from - sf.text.lastIndexOf("\n", from - 1) - 1, indent);
}

/** Moves a slice that started at column `col` to `indent`, continuation lines alike. */
function reindent(raw: string, col: number, indent: string): string {
  return raw
    .split("\n")
    .map((l, i) => (i === 0 ? indent + l : indent + l.slice(Math.min(col, l.length - l.trimStart().length))))
    .join("\n");
}

function statement(ts: TypeScript, sf: TS.SourceFile, node: TS.Statement, indent: string): string[] {
  const start = node.getStart(sf);
  if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node) || ts.isExportDeclaration(node)) return [text(sf, start, node.end, indent)];
  if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node)) return [withoutComments(ts, sf, node, indent)];
  if (ts.isFunctionDeclaration(node)) return [functionLike(sf, node, indent)];
  if (ts.isClassDeclaration(node)) return classLike(ts, sf, node, indent);
  if (ts.isVariableStatement(node)) return [variable(ts, sf, node, indent)];
  if (ts.isModuleDeclaration(node)) return moduleLike(ts, sf, node, indent);
  if (ts.isExportAssignment(node)) return [`${text(sf, start, node.expression.getStart(sf), indent)}${initializer(ts, sf, node.expression, indent)};`];
  if (ts.isExpressionStatement(node)) return assignment(ts, sf, node, indent);
  return [];
}

/** Declarations kept whole (interfaces, types, enums), with inner doc comments cut to their first line. */
function withoutComments(ts: TypeScript, sf: TS.SourceFile, node: TS.Node, indent: string): string {
  const start = node.getStart(sf);
  let result = "";
  let at = start;
  const visit = (child: TS.Node) => {
    const ranges = ts.getLeadingCommentRanges(sf.text, child.pos) ?? [];
    for (const r of ranges) {
      if (r.pos < at || r.pos < start) continue;
      result += sf.text.slice(at, r.pos);
      const isDoc = sf.text.startsWith("/**", r.pos);
      const first = isDoc ? sf.text.slice(r.pos + 3, r.end - 2).split("\n").map((l) => l.replace(/^\s*\*?\s?/, "").trim()).find(Boolean) : undefined;
      result += first ? `/** ${first} */` : "";
      at = r.end;
      if (!first) while (at < sf.text.length && (sf.text[at] === " " || sf.text[at] === "\t")) at++;
      if (!first && sf.text[at] === "\n") at++;
    }
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  result += sf.text.slice(at, node.end);
  return reindent(result, start - sf.text.lastIndexOf("\n", start - 1) - 1, indent);
}

/** A function, method, constructor or accessor: its signature and `{ … }`. */
function functionLike(sf: TS.SourceFile, node: TS.FunctionLikeDeclaration, indent: string): string {
  const start = node.getStart(sf);
  if (!node.body) return text(sf, start, node.end, indent);
  return `${text(sf, start, node.body.getStart(sf), indent).trimEnd()} { ${ELIDED} }`;
}

function classLike(ts: TypeScript, sf: TS.SourceFile, node: TS.ClassDeclaration | TS.ClassExpression, indent: string): string[] {
  const start = node.getStart(sf);
  const open = sf.text.indexOf("{", node.members.pos - 1);
  const out = [`${text(sf, start, open, indent).trimEnd()} {`];
  const inner = `${indent}  `;
  for (const member of node.members) {
    const line = classMember(ts, sf, member, inner);
    if (!line) continue;
    const doc = docLine(ts, sf, member, inner);
    if (doc) out.push(doc);
    out.push(line);
  }
  out.push(`${indent}}`);
  return out;
}

function classMember(ts: TypeScript, sf: TS.SourceFile, member: TS.ClassElement, indent: string): string | undefined {
  if (ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member) || ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) {
    return functionLike(sf, member, indent);
  }
  if (ts.isPropertyDeclaration(member)) {
    const init = member.initializer;
    if (!init) return text(sf, member.getStart(sf), member.end, indent);
    const head = text(sf, member.getStart(sf), init.getStart(sf), indent);
    return `${head}${initializer(ts, sf, init, indent)};`;
  }
  if (ts.isClassStaticBlockDeclaration(member) || ts.isSemicolonClassElement(member)) return undefined;
  return text(sf, member.getStart(sf), member.end, indent);
}

function variable(ts: TypeScript, sf: TS.SourceFile, node: TS.VariableStatement, indent: string): string {
  const list = node.declarationList;
  const head = text(sf, node.getStart(sf), list.declarations[0]!.getStart(sf), indent);
  const parts = list.declarations.map((d) => {
    if (!d.initializer) return sf.text.slice(d.getStart(sf), d.end);
    return `${sf.text.slice(d.getStart(sf), d.initializer.getStart(sf))}${initializer(ts, sf, d.initializer, indent)}`;
  });
  return `${head}${parts.join(", ")};`;
}

/** A value: functions keep their signature, short values stay, long ones become `…`. */
function initializer(ts: TypeScript, sf: TS.SourceFile, init: TS.Expression, indent: string): string {
  let inner: TS.Expression = init;
  while (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner)) inner = inner.expression;
  if (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) {
    const start = init.getStart(sf);
    const body = inner.body;
    const sig = sf.text.slice(start, body.getStart(sf)).trimEnd();
    return ts.isBlock(body) ? `${sig} { ${ELIDED} }` : `${sig} ${ELIDED}`;
  }
  if (ts.isClassExpression(inner)) return `class { ${ELIDED} }`;
  if (ts.isObjectLiteralExpression(inner) && inner.properties.some((p) => isFunctionMember(ts, p))) return objectLiteral(ts, sf, inner, indent);
  return expression(ts, sf, init);
}

function isFunctionMember(ts: TypeScript, p: TS.ObjectLiteralElementLike): boolean {
  if (ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p)) return true;
  if (!ts.isPropertyAssignment(p)) return false;
  const v = p.initializer;
  return ts.isArrowFunction(v) || ts.isFunctionExpression(v) || (ts.isObjectLiteralExpression(v) && v.properties.some((q) => isFunctionMember(ts, q)));
}

/** An object literal holding functions (an API object, `module.exports = {…}`): one member a line. */
function objectLiteral(ts: TypeScript, sf: TS.SourceFile, obj: TS.ObjectLiteralExpression, indent: string): string {
  const inner = `${indent}  `;
  const lines = obj.properties.map((p) => {
    if (ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p)) return `${functionLike(sf, p, inner)},`;
    if (ts.isPropertyAssignment(p)) return `${inner}${sf.text.slice(p.getStart(sf), p.initializer.getStart(sf))}${initializer(ts, sf, p.initializer, inner)},`;
    return `${inner}${sf.text.slice(p.getStart(sf), p.end)},`;
  });
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/** `module.exports = …`, `exports.x = …`, `Foo.prototype.y = …`: assignments that define an API. */
function assignment(ts: TypeScript, sf: TS.SourceFile, node: TS.ExpressionStatement, indent: string): string[] {
  const e = node.expression;
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return [];
  const left = sf.text.slice(e.left.getStart(sf), e.left.end);
  const exported = /^(module\.exports|exports)(\.[\w$]+)*$/.test(left);
  const method = /^[\w$]+(\.prototype)?\.[\w$]+$/.test(left) && isFunctionLike(ts, e.right);
  if (!exported && !method) return [];
  return [`${indent}${left} = ${initializer(ts, sf, e.right, indent)};`];
}

function isFunctionLike(ts: TypeScript, e: TS.Expression): boolean {
  return ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isClassExpression(e);
}

function expression(ts: TypeScript, sf: TS.SourceFile, expr: TS.Expression): string {
  const raw = sf.text.slice(expr.getStart(sf), expr.end);
  if (raw.length <= MAX_VALUE && !raw.includes("\n")) return raw;
  if (ts.isCallExpression(expr) || ts.isNewExpression(expr)) {
    const callee = sf.text.slice(expr.expression.getStart(sf), expr.expression.end);
    if (callee.length <= MAX_VALUE && !callee.includes("\n")) return `${ts.isNewExpression(expr) ? "new " : ""}${callee}(${ELIDED})`;
  }
  if (ts.isObjectLiteralExpression(expr)) return `{ ${ELIDED} }`;
  if (ts.isArrayLiteralExpression(expr)) return `[${ELIDED}]`;
  return ELIDED;
}

function moduleLike(ts: TypeScript, sf: TS.SourceFile, node: TS.ModuleDeclaration, indent: string): string[] {
  const body = node.body;
  if (!body || !ts.isModuleBlock(body)) return [text(sf, node.getStart(sf), node.end, indent)];
  const out = [`${text(sf, node.getStart(sf), body.getStart(sf), indent).trimEnd()} {`];
  emitStatements(ts, sf, body.statements, `${indent}  `, out);
  out.push(`${indent}}`);
  return out;
}
