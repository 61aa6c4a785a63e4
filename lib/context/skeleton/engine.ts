import type { Node } from "web-tree-sitter";

/** The elision mark that stands for a body or a long value. */
export const ELIDED = "…";
/** Values longer than this (or spanning lines) are cut to `…`. */
const MAX_VALUE = 60;
/** Fields that hold a value (an initialiser, a default, the right side of an assignment). */
const VALUE_FIELDS = ["value", "right", "default_value"];

/**
 * How one language's syntax tree becomes a skeleton, by tree-sitter node types. Declarations
 * kept (`keep`, `fn`, `container`, `wrapper`) keep their text, with function bodies and long
 * values elided; any other statement is dropped.
 */
export interface LanguageSpec {
  /** The grammar's name: `tree-sitter-<grammar>.wasm`. */
  grammar: string;
  /** How bodies look: `{ … }` (brace), an indented `...` (python), `… end` (ruby). */
  style?: "brace" | "python" | "ruby";
  /** Kept whole, with function bodies and long values inside elided (imports, types, fields). */
  keep?: string[];
  /** Functions and methods: the signature, the body elided. */
  fn?: string[];
  /** Classes, modules, namespaces: the header, then each member in turn. */
  container?: string[];
  /** A prefix around a declaration (`export …`, decorators, `template <…>`): the prefix, then the declaration. */
  wrapper?: string[];
  /** Siblings that belong to the declaration after them (attributes, decorators). */
  attach?: string[];
  /** Comment node types. */
  comment: string[];
  /** Every adjacent comment documents the declaration below it (Go, Ruby, Python), not only `/**` and `///`. */
  plainDocs?: boolean;
  /** Body node types, for grammars whose declarations have no `body` field. */
  bodies?: string[];
  /** Always elided where they appear (computed properties, expression bodies). */
  elide?: string[];
  /** Preprocessor blocks whose contents are read as if at their level (`#ifndef` guards). */
  transparent?: string[];
  /** Language-specific handling: lines for a node, `[]` to drop it, undefined for the generic rules. */
  custom?: (node: Node, skel: Skeletonizer, indent: string) => string[] | undefined;
}

/** Turns one parsed file into its skeleton. */
export class Skeletonizer {
  readonly fn: Set<string>;
  readonly keep: Set<string>;
  readonly container: Set<string>;
  readonly wrapper: Set<string>;
  readonly attach: Set<string>;
  readonly comment: Set<string>;
  readonly bodies: Set<string>;
  readonly elide: Set<string>;
  readonly transparent: Set<string>;

  /**
   * Where the nodes of the `fn`, `elide` and `container` types start, sorted: a subtree with none
   * inside and a short text holds nothing to elide, so `render` does not walk into it (each node
   * read crosses into the parser runtime). Undefined: every node is walked.
   */
  private marks: number[] | undefined;

  constructor(
    readonly spec: LanguageSpec,
    readonly src: string,
  ) {
    this.fn = new Set(spec.fn);
    this.keep = new Set(spec.keep);
    this.container = new Set(spec.container);
    this.wrapper = new Set(spec.wrapper);
    this.attach = new Set(spec.attach);
    this.comment = new Set(spec.comment);
    this.bodies = new Set(spec.bodies);
    this.elide = new Set(spec.elide);
    this.transparent = new Set(spec.transparent);
  }

  /** The skeleton of the file's root node; `prune: false` walks every node inside kept declarations (same output, slower). */
  run(root: Node, { prune = true }: { prune?: boolean } = {}): string {
    // one search in the parser runtime instead of a visit of every node
    this.marks = prune
      ? root
          .descendantsOfType([...this.fn, ...this.elide, ...this.container])
          .map((n) => n.startIndex)
          .sort((a, b) => a - b)
      : undefined;
    const out = this.statements(root.namedChildren, "");
    return out.length ? `${out.join("\n")}\n` : "";
  }

  /** Lines for a list of sibling statements, each kept declaration preceded by its doc line and attributes. */
  statements(nodes: readonly Node[], indent: string): string[] {
    const out: string[] = [];
    let doc: { line: string; end: number } | undefined;
    let attached: string[] = [];
    let attachedRow = -1;
    let lastCommentEnd = -2;
    for (const node of nodes) {
      const type = node.type;
      if (this.comment.has(type)) {
        const text = node.text;
        const continues =
          node.startPosition.row === lastCommentEnd + 1 && doc && /^(\/\/|#)/.test(text) && !/^\/\/\//.test(text);
        lastCommentEnd = node.endPosition.row;
        if (continues && doc) {
          doc.end = node.endPosition.row;
          continue;
        }
        const line = this.spec.plainDocs || /^(\/\*\*|\/\/\/|\/\/!)/.test(text) ? docLine(text, indent) : undefined;
        doc = line ? { line, end: node.endPosition.row } : undefined;
        continue;
      }
      if (this.attach.has(type)) {
        if (!attached.length) attachedRow = node.startPosition.row;
        attached.push(this.render(node, indent));
        continue;
      }
      const lines = this.node(node, indent);
      if (lines.length) {
        const first = attached.length ? attachedRow : node.startPosition.row;
        if (doc && doc.end >= first - 1) out.push(doc.line);
        out.push(...attached, ...lines);
      }
      doc = undefined;
      attached = [];
    }
    return out;
  }

  /** Lines for one statement (empty when it declares nothing). */
  node(node: Node, indent: string): string[] {
    const custom = this.spec.custom?.(node, this, indent);
    if (custom) return custom;
    const type = node.type; // each read is a call into the parser runtime
    if (this.wrapper.has(type)) return this.wrapped(node, indent);
    if (this.container.has(type)) return this.containerLines(node, indent);
    if (this.transparent.has(type)) return this.transparentLines(node, indent);
    if (this.fn.has(type) && this.spec.style === "python") return this.pythonFunction(node, indent);
    if (this.fn.has(type) || this.keep.has(type)) return [this.render(node, indent)];
    return [];
  }

  /** `export …`, decorators, `template <…>`: the prefix text, then the declaration's lines. */
  wrapped(node: Node, indent: string): string[] {
    const decl =
      node.childForFieldName("declaration") ??
      node.childForFieldName("definition") ??
      [...node.namedChildren].reverse().find((c) => this.handles(c));
    if (!decl) return [this.render(node, indent)];
    const inner = this.node(decl, indent);
    if (!inner.length) return [this.render(node, indent)];
    const prefix = this.text(node.startIndex, decl.startIndex, indent);
    if (/\n[ \t]*$/.test(prefix)) return [prefix.replace(/\s+$/, ""), ...inner];
    return [prefix + inner[0]!.slice(indent.length), ...inner.slice(1)];
  }

  private handles(node: Node): boolean {
    const type = node.type;
    return this.fn.has(type) || this.keep.has(type) || this.container.has(type) || this.wrapper.has(type);
  }

  /** The body of a declaration: its `body` field, or a child of a body type. */
  bodyOf(node: Node): Node | undefined {
    return node.childForFieldName("body") ?? node.namedChildren.find((c) => this.bodies.has(c.type)) ?? undefined;
  }

  /** A class, module or namespace: its header, each member (recursively), and the close. */
  containerLines(node: Node, indent: string): string[] {
    const body = this.bodyOf(node);
    if (!body) return [this.render(node, indent)];
    const style = this.spec.style ?? "brace";
    const header = this.text(node.startIndex, body.startIndex, indent).trimEnd();
    const members = body.namedChildren;
    const inner = indent + innerIndent(this.src, node, members);
    const lines = this.statements(members, inner);
    if (style === "python") {
      if (!lines.length) {
        const doc = pythonDoc(body, inner);
        return [header, ...(doc ? [doc] : []), `${inner}...`];
      }
      const doc = pythonDoc(body, inner);
      return [header, ...(doc && !lines[0]!.trim().startsWith('"""') ? [doc] : []), ...lines];
    }
    if (style === "ruby") return [header, ...lines, `${indent}end`];
    const open = body.text.startsWith("{") ? " {" : "";
    const close = this.src.slice(body.endIndex - 1, body.endIndex) === "}" || open ? `${indent}}` : "";
    const semi = close && this.src[node.endIndex] === ";" ? ";" : "";
    return [`${header}${open}`, ...lines, ...(close ? [close + semi] : [])];
  }

  /** A preprocessor block: its first line, what it declares, and `#endif`. */
  transparentLines(node: Node, indent: string): string[] {
    const lines = this.statements(node.namedChildren, indent);
    if (!lines.length) return [];
    return [`${indent}${node.text.split("\n")[0]!.trimEnd()}`, ...lines, `${indent}#endif`];
  }

  /** A Python function: its signature, the first line of its docstring, `...`. */
  pythonFunction(node: Node, indent: string): string[] {
    const body = this.bodyOf(node);
    if (!body) return [this.render(node, indent)];
    const header = this.text(node.startIndex, body.startIndex, indent).trimEnd();
    const inner =
      indent + (body.startPosition.row === node.startPosition.row ? "    " : innerIndent(this.src, node, [body]));
    const doc = pythonDoc(body, inner);
    return [header, ...(doc ? [doc] : []), `${inner}...`];
  }

  /** A node's text with function bodies and long values elided, re-indented to `indent`. */
  render(node: Node, indent: string): string {
    const cuts: { from: number; to: number; text: string }[] = [];
    const visit = (n: Node) => {
      // nothing to cut: no function, elided node or long value inside (read from the source by
      // index: each property of a node read is a call into the parser runtime)
      const start = n.startIndex;
      const end = n.endIndex;
      if (n.id !== node.id && !this.longAt(start, end) && !this.marked(start, end)) return;
      const type = n.type;
      if (this.fn.has(type) && n.id !== node.id && this.spec.style === "python") {
        // a nested Python function kept inside a value: its signature only
        const body = this.bodyOf(n);
        if (body) return void cuts.push({ from: body.startIndex, to: body.endIndex, text: ELIDED });
      }
      if (this.fn.has(type)) {
        const body = this.bodyOf(n);
        if (body) {
          // the body joins its signature's line (`{` on the next line in PHP, C#, Allman style)
          let from = body.startIndex;
          while (from > n.startIndex && /\s/.test(this.src[from - 1]!)) from--;
          if (this.spec.style === "ruby") {
            // `def f(x) … end` (the `end` goes with the body); an endless `def f(x) = …` has none
            const endless = this.src.slice(n.startIndex, from).trimEnd().endsWith("=");
            cuts.push({
              from,
              to: endless ? body.endIndex : n.endIndex,
              text: endless ? ` ${ELIDED}` : ` ${ELIDED} end`,
            });
          } else cuts.push({ from, to: body.endIndex, text: ` ${elided(body.text, this.spec.style)}` });
          for (const c of n.namedChildren) if (c.id !== body.id) visit(c);
          return;
        }
      }
      if (this.elide.has(type) && n.id !== node.id)
        return void cuts.push({ from: start, to: end, text: elided(n.text, this.spec.style) });
      const values = new Set<number>();
      // a value inside a short one-line node is short too: no field to look up
      if (this.longAt(start, end))
        for (const field of VALUE_FIELDS) {
          const v = n.childForFieldName(field);
          if (v && this.longAt(v.startIndex, v.endIndex) && !this.containsFunction(v)) {
            cuts.push({ from: v.startIndex, to: v.endIndex, text: shortValue(v) });
            values.add(v.id);
          }
        }
      for (const c of n.namedChildren) if (!values.has(c.id)) visit(c);
    };
    visit(node);
    cuts.sort((a, b) => a.from - b.from);
    let text = "";
    let at = node.startIndex;
    for (const cut of cuts) {
      if (cut.from < at) continue;
      text += this.src.slice(at, cut.from) + cut.text;
      at = cut.to;
    }
    text += this.src.slice(at, node.endIndex);
    // a statement's `;` that the grammar leaves outside the node (class fields, C++ classes)
    if (this.src[node.endIndex] === ";" && !text.endsWith(";")) text += ";";
    return reindent(text.trimEnd(), column(this.src, node.startIndex), indent);
  }

  /** `isLong` of the source from `from` to `to`, without slicing it. */
  private longAt(from: number, to: number): boolean {
    if (to - from > MAX_VALUE) return true;
    const newline = this.src.indexOf("\n", from);
    return newline !== -1 && newline < to;
  }

  /** Whether a node of a `fn`, `elide` or `container` type may lie in `[from, to)` (true when unknown). */
  private marked(from: number, to: number): boolean {
    const marks = this.marks;
    if (!marks) return true;
    let lo = 0;
    let hi = marks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (marks[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < marks.length && marks[lo]! < to;
  }

  private containsFunction(n: Node): boolean {
    if (!this.marked(n.startIndex, n.endIndex)) return false;
    if (this.fn.has(n.type) || this.container.has(n.type)) return true;
    if (n.childForFieldName("arguments")) return false;
    return n.namedChildren.some((c) => this.containsFunction(c));
  }

  /** Source text from `from` to `to`, re-indented to `indent`. */
  text(from: number, to: number, indent: string): string {
    return reindent(this.src.slice(from, to), column(this.src, from), indent);
  }
}

/** The indentation of the line `index` is on (continuation lines are moved by as much). */
function column(src: string, index: number): number {
  const start = src.lastIndexOf("\n", index - 1) + 1;
  return /^[ \t]*/.exec(src.slice(start, index))![0].length;
}

/** The indentation of the members relative to `node`'s line (what one level is in this file). */
function innerIndent(src: string, node: Node, members: readonly Node[]): string {
  const lineOf = (i: number) => src.slice(src.lastIndexOf("\n", i - 1) + 1, i);
  const outer = /^[ \t]*/.exec(lineOf(node.startIndex))![0];
  let same = false;
  for (const member of members) {
    if (member.startPosition.row === node.startPosition.row) continue;
    const inner = /^[ \t]*/.exec(lineOf(member.startIndex))![0];
    if (inner.startsWith(outer) && inner.length > outer.length) return inner.slice(outer.length);
    if (inner === outer) same = true;
  }
  return same ? "" : "  ";
}

/** Moves a slice that started at column `col` to `indent`, continuation lines alike. */
function reindent(raw: string, col: number, indent: string): string {
  return raw
    .split("\n")
    .map((l, i) =>
      i === 0 ? indent + l : l.trim() === "" ? "" : indent + l.slice(Math.min(col, l.length - l.trimStart().length)),
    )
    .join("\n");
}

function isLong(text: string): boolean {
  return text.length > MAX_VALUE || text.includes("\n");
}

/** A long value, shortened: a call keeps its callee, literals their brackets. */
function shortValue(v: Node): string {
  const callee = v.childForFieldName("function") ?? v.childForFieldName("constructor");
  if (callee && !isLong(callee.text) && v.text.trimEnd().endsWith(")"))
    return `${v.text.startsWith("new") ? "new " : ""}${callee.text}(${ELIDED})`;
  if (v.text.startsWith("{")) return `{ ${ELIDED} }`;
  if (v.text.startsWith("[")) return `[${ELIDED}]`;
  return ELIDED;
}

/** What stands for a body: `{ … }`, `= …`, `=> …`, or `…`. */
function elided(body: string, style: LanguageSpec["style"]): string {
  if (body.startsWith("{")) return `{ ${ELIDED} }`;
  const arrow = /^(=>|=|->)/.exec(body);
  return arrow ? `${arrow[1]} ${ELIDED}` : ELIDED;
}

/** The first line of a doc comment, as a one-line comment of the same kind. */
export function docLine(text: string, indent: string): string | undefined {
  if (text.startsWith("/*")) {
    const first = text
      .slice(text.startsWith("/**") ? 3 : 2, -2)
      .split("\n")
      .map((l) => l.replace(/^\s*\*?\s?/, "").trim())
      .find((l) => l.length > 0);
    return first ? `${indent}${text.startsWith("/**") ? "/**" : "/*"} ${first} */` : undefined;
  }
  const m = /^(\/\/[/!]?|#)\s?(.*)$/.exec(text.split("\n")[0]!.trimEnd());
  return m && m[2] ? `${indent}${m[1]} ${m[2]}` : undefined;
}

/** The first line of a Python body's docstring, closed on its line. */
function pythonDoc(body: Node, indent: string): string | undefined {
  const first = body.namedChildren[0];
  if (!first || first.type !== "expression_statement" || first.namedChildren[0]?.type !== "string") return undefined;
  return pythonDocstring(first.namedChildren[0]!.text, indent);
}

/** `"""First line."""` from a docstring's text. */
export function pythonDocstring(text: string, indent: string): string | undefined {
  const m = /^([rubfRUBF]*)("""|'''|"|')([\s\S]*?)\2$/.exec(text.trim());
  if (!m) return undefined;
  const line = m[3]!
    .split("\n")
    .map((l) => l.trim())
    .find(Boolean);
  return line ? `${indent}${m[1]}${m[2]}${line}${m[2]}` : undefined;
}
