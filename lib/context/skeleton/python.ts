import { firstDocLine, mask } from "./mask.ts";

interface Logical {
  indent: number;
  /** Original text of the logical line (may span physical lines). */
  text: string;
  masked: string;
}

const MAX_VALUE = 60;

/** Physical lines joined into logical ones: open brackets and backslashes continue a line. */
function logicalLines(src: string): Logical[] {
  const masked = mask(src, { line: ["#"], block: false, quotes: ['"', "'"], triple: true });
  const lines = src.split("\n");
  const mlines = masked.split("\n");
  const out: Logical[] = [];
  let depth = 0;
  let current: Logical | undefined;
  for (let k = 0; k < lines.length; k++) {
    const m = mlines[k]!;
    if (!current) {
      if (!m.trim()) continue;
      current = { indent: m.length - m.trimStart().length, text: lines[k]!, masked: m };
    } else {
      current.text += `\n${lines[k]}`;
      current.masked += `\n${m}`;
    }
    for (const c of m) depth += "([{".includes(c) ? 1 : ")]}".includes(c) ? -1 : 0;
    if (depth <= 0 && !m.trimEnd().endsWith("\\")) {
      out.push(current);
      current = undefined;
      depth = 0;
    }
  }
  if (current) out.push(current);
  return out;
}

/** Index just after the `:` that ends a `def`/`class` header (bracket depth 0). */
function headerEnd(masked: string): number {
  let depth = 0;
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i]!;
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (c === ":" && depth === 0 && masked[i + 1] !== "=") return i + 1;
  }
  return masked.length;
}

const isString = (text: string) => /^\s*[rRbBuUfF]{0,2}("""|'''|"|')/.test(text);

/**
 * The skeleton of a Python module, from an indentation-aware scan (comments and strings masked):
 * imports, top-level and class-level assignments (long values → `...`), decorators, `class` and
 * `def` headers with full signatures, docstrings' first line, bodies → `...` (valid Python).
 */
export function pythonSkeleton(src: string): string {
  const out: string[] = [];
  const classes: { indent: number; body?: number; mark: number; pad: string }[] = [];
  let skipDeeperThan = -1;
  // The scope whose docstring may come next: module (indent -1), a class or a def.
  let pendingDoc: { indent: number; at: number; pad: string } | undefined = { indent: -1, at: 0, pad: "" };
  for (const { indent, text, masked } of logicalLines(src)) {
    const doc = pendingDoc;
    pendingDoc = undefined;
    if (doc && indent > doc.indent && isString(text)) {
      const first = firstDocLine(text.trim());
      if (first) out.splice(doc.at, 0, `${doc.pad}"""${first}"""`);
      continue;
    }
    if (skipDeeperThan >= 0 && indent > skipDeeperThan) continue;
    skipDeeperThan = -1;
    while (classes.length && indent <= classes.at(-1)!.indent) closeClass(out, classes.pop()!);
    const scope = classes.at(-1);
    if (scope && scope.body === undefined) scope.body = indent;
    const expected = scope?.body ?? 0;
    if (indent !== expected) {
      if (indent > expected) skipDeeperThan = expected;
      continue;
    }
    const pad = " ".repeat(indent);
    const head = masked.trimStart();
    const header = () => pad + text.trimStart().slice(0, headerEnd(head)).trimEnd();
    if (/^(import|from)\s/.test(head) || head.startsWith("@")) out.push(text.replace(/^\s*/, pad));
    else if (/^(async\s+)?def\s/.test(head)) {
      out.push(header());
      pendingDoc = { indent, at: out.length, pad: `${pad}    ` };
      out.push(`${pad}    ...`);
      skipDeeperThan = indent;
    } else if (/^class\s/.test(head)) {
      out.push(header());
      pendingDoc = { indent, at: out.length, pad: `${pad}    ` };
      classes.push({ indent, mark: out.length, pad });
    } else if (/^[A-Za-z_][\w.]*\s*(:[^=\n]+)?=[^=]/.test(head) || /^[A-Za-z_]\w*\s*:\s*\S/.test(head)) out.push(assignment(text, masked, pad));
  }
  while (classes.length) closeClass(out, classes.pop()!);
  return out.length ? `${out.join("\n")}\n` : "";
}

function closeClass(out: string[], cls: { mark: number; pad: string }): void {
  const hasBody = out.slice(cls.mark).some((l) => !/^\s*"""/.test(l));
  if (!hasBody) out.push(`${cls.pad}    ...`);
}

function assignment(text: string, masked: string, pad: string): string {
  const eq = /[^=!<>]=(?!=)/.exec(masked);
  const value = eq ? text.trimStart().slice(masked.trimStart().indexOf(eq[0]) + 2).trim() : "";
  if (!eq || (value.length <= MAX_VALUE && !value.includes("\n"))) return pad + text.trim();
  return `${pad}${text.trimStart().slice(0, masked.trimStart().indexOf(eq[0]) + 1).trimEnd()} = ...`;
}
