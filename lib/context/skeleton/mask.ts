/** What counts as a comment or a string in a language, for `mask`. */
export interface MaskSyntax {
  /** Line comment openers, e.g. `//`, `#`. */
  line: string[];
  /** Block comments `/* … *\/`. */
  block: boolean;
  /** Quote characters whose strings honour backslash escapes. */
  quotes: string[];
  /** Quote characters of raw strings (no escapes), e.g. Go's backtick. */
  raw?: string[];
  /** Python's triple-quoted strings. */
  triple?: boolean;
  /** PHP's heredoc/nowdoc (`<<<ID … ID`). */
  heredoc?: boolean;
  /** A line opener that is NOT a comment when followed by this (PHP's `#[` attributes). */
  notComment?: string;
}

/**
 * The source with every comment and string body blanked to spaces (newlines kept, same length),
 * so brackets and keywords can be found by plain scanning; slices still come from the original.
 */
export function mask(src: string, syntax: MaskSyntax): string {
  const out = src.split("");
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== "\n") out[k] = " ";
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const lineOpener = syntax.line.find((l) => src.startsWith(l, i));
    if (lineOpener && !(syntax.notComment && src.startsWith(lineOpener + syntax.notComment, i))) {
      const end = src.indexOf("\n", i);
      const stop = end < 0 ? src.length : end;
      blank(i, stop);
      i = stop;
    } else if (syntax.block && src.startsWith("/*", i)) {
      const end = src.indexOf("*/", i + 2);
      const stop = end < 0 ? src.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (syntax.triple && (src.startsWith('"""', i) || src.startsWith("'''", i))) {
      const q = src.slice(i, i + 3);
      let j = i + 3;
      while (j < src.length && !src.startsWith(q, j)) j += src[j] === "\\" ? 2 : 1;
      const stop = Math.min(src.length, j + 3);
      blank(i + 3, stop - 3);
      i = stop;
    } else if (syntax.heredoc && src.startsWith("<<<", i)) {
      const m = /^<<<[ \t]*(['"]?)([A-Za-z_]\w*)\1\r?\n/.exec(src.slice(i, i + 200));
      if (!m) {
        i += 3;
        continue;
      }
      const close = new RegExp(`\\n[ \\t]*${m[2]}\\b`, "g");
      close.lastIndex = i + m[0].length - 1;
      const found = close.exec(src);
      const stop = found ? found.index + found[0].length : src.length;
      blank(i + m[0].length, found ? found.index : stop);
      i = stop;
    } else if (syntax.quotes.includes(c) || syntax.raw?.includes(c)) {
      const escapes = syntax.quotes.includes(c);
      let j = i + 1;
      while (j < src.length && src[j] !== c) {
        if (escapes && src[j] === "\\") j++;
        else if (src[j] === "\n" && escapes && c !== "`") break;
        j++;
      }
      blank(i + 1, j);
      i = j + 1;
    } else i++;
  }
  return out.join("");
}

/** Index of the bracket closing the one at `open` (in masked text), or the text's end. */
export function matching(masked: string, open: number): number {
  const pairs: Record<string, string> = { "{": "}", "(": ")", "[": "]" };
  const stack: string[] = [];
  for (let i = open; i < masked.length; i++) {
    const c = masked[i]!;
    if (pairs[c]) stack.push(pairs[c]!);
    else if (c === "}" || c === ")" || c === "]") {
      stack.pop();
      if (!stack.length) return i;
    }
  }
  return masked.length - 1;
}

/** First line of a doc comment or docstring body, without its markers. */
export function firstDocLine(comment: string): string | undefined {
  return comment
    .replace(/^\s*(\/\*\*?|\/\/+|#|[rRbBuU]?("""|'''|"|'))/, "")
    .replace(/(\*\/|"""|'''|"|')\s*$/, "")
    .split("\n")
    .map((l) => l.replace(/^\s*(\*|\/\/+|#)?\s?/, "").trim())
    .find((l) => l.length > 0);
}
