import { firstDocLine, mask, matching } from "./mask.ts";

const MAX_GROUP_LINES = 30;
const MAX_VALUE = 60;

/**
 * The skeleton of a Go file, from a bracket-aware scan of top-level declarations (comments,
 * strings, runes and raw strings masked): package, imports, types (structs and interfaces whole),
 * const/var (long values → `…`), funcs and methods with full signatures, bodies → `{ … }`;
 * doc comments' first line.
 */
export function goSkeleton(src: string): string {
  const masked = mask(src, { line: ["//"], block: true, quotes: ['"', "'"], raw: ["`"] });
  const out: string[] = [];
  let i = 0;
  while (i < masked.length) {
    while (i < masked.length && /\s/.test(masked[i]!)) i++;
    if (i >= masked.length) break;
    const keyword = /^(package|import|type|func|const|var)\b/.exec(masked.slice(i, i + 8))?.[1];
    const end = declarationEnd(masked, i);
    if (keyword) {
      const doc = docBefore(src, i);
      if (doc && keyword !== "import") out.push(doc);
      if (keyword === "func") out.push(func(src, masked, i, end));
      else if (keyword === "const" || keyword === "var") out.push(valueDecl(src, masked, i, end));
      else out.push(src.slice(i, end).trimEnd());
    }
    i = end;
  }
  return out.length ? `${out.join("\n")}\n` : "";
}

/** End of a declaration: the first newline outside brackets (a func: after its body). */
function declarationEnd(masked: string, from: number): number {
  let k = from;
  while (k < masked.length) {
    const c = masked[k]!;
    if (c === "(" || c === "[" || c === "{") {
      k = matching(masked, k) + 1;
      continue;
    }
    if (c === "\n") return k;
    k++;
  }
  return masked.length;
}

/** The `{` opening a func's body: outside parentheses, not a `struct{`/`interface{` type. */
function bodyOpen(masked: string, from: number, to: number): number {
  let depth = 0;
  for (let k = from; k < to; k++) {
    const c = masked[k]!;
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "{" && depth === 0) {
      if (/\b(struct|interface)\s*$/.test(masked.slice(Math.max(from, k - 12), k))) {
        k = matching(masked, k);
        continue;
      }
      return k;
    }
  }
  return -1;
}

function func(src: string, masked: string, from: number, to: number): string {
  const open = bodyOpen(masked, from, to);
  if (open < 0) return src.slice(from, to).trimEnd();
  return `${src.slice(from, open).trimEnd()} { … }`;
}

function valueDecl(src: string, masked: string, from: number, to: number): string {
  const text = src.slice(from, to).trimEnd();
  const group = /^(const|var)\s*\(/.test(masked.slice(from, to));
  if (group) {
    const lines = text.split("\n");
    if (lines.length <= MAX_GROUP_LINES && !/\bfunc\b/.test(masked.slice(from, to))) return text;
    const kept = lines.slice(0, MAX_GROUP_LINES).filter((l) => !/^\s*[})]/.test(l) || l.trim() === ")");
    return `${kept.join("\n")}\n\t…\n)`;
  }
  const eq = masked.slice(from, to).search(/[^=!<>:]=[^=]/);
  if (eq < 0) return text;
  const value = src.slice(from + eq + 2, to).trim();
  return value.length <= MAX_VALUE && !value.includes("\n") ? text : `${src.slice(from, from + eq + 1).trimEnd()} = …`;
}

/** The first line of the `//` comment block right above a declaration. */
function docBefore(src: string, at: number): string | undefined {
  const lines = src.slice(0, at).split("\n");
  lines.pop();
  const block: string[] = [];
  while (lines.length && /^\s*\/\//.test(lines.at(-1)!)) block.unshift(lines.pop()!);
  if (!block.length) return undefined;
  const first = firstDocLine(block.join("\n"));
  return first ? `// ${first}` : undefined;
}
