import { firstDocLine, mask, matching } from "./mask.ts";

const KEEP = /^(namespace|use|const|declare|case|public|protected|private|var|static|abstract|final|readonly|function|class|interface|trait|enum)\b|^#\[/;
const CONTAINER = /\b(class|interface|trait|enum)\s+[A-Za-z_]|^namespace\b/;
const MAX_VALUE = 60;

/**
 * The skeleton of a PHP file, from a brace-aware scan (comments, strings and heredocs masked):
 * namespace/use/const, classes, interfaces, traits and enums with their properties, constants,
 * cases and method signatures, top-level functions; bodies → `{ … }`; doc comments' first line.
 */
export function phpSkeleton(src: string): string {
  const masked = mask(src, { line: ["//", "#"], notComment: "[", block: true, quotes: ['"', "'"], heredoc: true });
  const out: string[] = [];
  let start = 0;
  const open = masked.indexOf("<?php");
  if (open >= 0) {
    out.push("<?php");
    start = open + 5;
  }
  members(src, masked, start, masked.length, "", out);
  return out.length ? `${out.join("\n")}\n` : "";
}

function members(src: string, masked: string, from: number, to: number, indent: string, out: string[]): void {
  let i = from;
  while (i < to) {
    while (i < to && /\s/.test(masked[i]!)) i++;
    if (i >= to) break;
    const stmtStart = i;
    // Read to the first `;` or `{` outside parentheses and brackets.
    let depth = 0;
    let j = i;
    for (; j < to; j++) {
      const c = masked[j]!;
      if (c === "(" || c === "[") depth++;
      else if (c === ")" || c === "]") depth--;
      else if (depth === 0 && (c === ";" || c === "{" || c === "}")) break;
    }
    const head = src.slice(stmtStart, j).trim().replace(/\s+$/, "");
    const mhead = masked.slice(stmtStart, j).trim();
    const doc = docBefore(src, masked, stmtStart, indent);
    if (masked[j] === "}" || j >= to) {
      i = j + 1;
      continue;
    }
    if (masked[j] === "{") {
      const close = matching(masked, j);
      if (KEEP.test(mhead) && CONTAINER.test(mhead) && !/\bfunction\b/.test(mhead)) {
        if (doc) out.push(doc);
        out.push(`${indent}${oneLine(head)} {`);
        members(src, masked, j + 1, close, `${indent}    `, out);
        out.push(`${indent}}`);
        i = close + 1;
      } else if (KEEP.test(mhead) && /\bfunction\b/.test(mhead)) {
        if (doc) out.push(doc);
        out.push(`${indent}${reflow(head, indent)} { … }`);
        i = close + 1;
      } else {
        // Control flow, closures in assignments, anonymous classes: skip to the statement's end.
        i = statementEnd(masked, close + 1, to);
      }
      continue;
    }
    if (KEEP.test(mhead)) {
      if (doc) out.push(doc);
      out.push(`${indent}${shorten(head, mhead)};`);
    }
    i = j + 1;
  }
}

function statementEnd(masked: string, from: number, to: number): number {
  let depth = 0;
  for (let k = from; k < to; k++) {
    const c = masked[k]!;
    if ("({[".includes(c)) depth++;
    else if (")}]".includes(c)) depth--;
    else if (c === ";" && depth <= 0) return k + 1;
    else if (depth === 0 && c === "\n" && masked.slice(from, k).trim() === "") continue;
  }
  return from;
}

function docBefore(src: string, masked: string, at: number, indent: string): string | undefined {
  // The masked text holds blanks where comments were; the original has them.
  const before = src.slice(0, at).trimEnd();
  if (!before.endsWith("*/")) return undefined;
  const startDoc = before.lastIndexOf("/**");
  if (startDoc < 0 || masked.slice(startDoc, before.length).trim() !== "") return undefined;
  const first = firstDocLine(before.slice(startDoc));
  return first ? `${indent}/** ${first} */` : undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}

function reflow(text: string, indent: string): string {
  return text
    .split("\n")
    .map((l, n) => (n === 0 ? l : `${indent}${l.trim().startsWith(")") ? "" : "    "}${l.trim()}`))
    .join("\n");
}

/** `public $x = <long value>` → `public $x = …`. */
function shorten(head: string, mhead: string): string {
  const eq = mhead.search(/[^=!<>]=[^=>]/);
  if (eq < 0) return oneLine(head);
  const value = head.slice(eq + 2).trim();
  return value.length <= MAX_VALUE && !value.includes("\n") ? oneLine(head) : `${head.slice(0, eq + 1).trimEnd()} = …`;
}
