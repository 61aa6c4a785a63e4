/**
 * Gitignore-like path globs, compiled to plain string tests where the pattern allows and to a
 * regular expression otherwise:
 * - a pattern without `/` matches any path segment (a file or a folder) at any depth;
 * - a pattern with a `/` inside, or a leading `/`, is anchored at the project root;
 * - a trailing `/` matches folders only (the paths inside them);
 * - a match on a folder covers everything inside it;
 * - `*` and `?` stay inside a segment, `**` spans folders, `[a-z]` / `[!a-z]` classes and
 *   `{a,b}` alternatives are supported, `\` escapes.
 * Paths are `/`-separated and relative to the root; case folding is done by the caller
 * (compile and test lower-cased text).
 */

/** A glob that could not be compiled: what is wrong and at which character. */
export class GlobError extends Error {
  constructor(
    message: string,
    readonly pattern: string,
    readonly index: number,
  ) {
    super(message);
    this.name = "GlobError";
  }
}

/** A compiled pattern: `test` takes a normalized path (lower-cased unless case-sensitive). */
export interface CompiledGlob {
  source: string;
  /** The equivalent regular expression (used when no plain-string test fits). */
  regex: RegExp;
  test: (path: string) => boolean;
  /** The pattern taken apart: folded text without the leading `/` or trailing `/`, and those two flags. */
  shape: GlobShape;
}

/** What `compileGlob` read from a pattern (lib/trust/matcher.ts indexes patterns by it). */
export interface GlobShape {
  body: string;
  anchored: boolean;
  dirOnly: boolean;
}

const SPECIAL = /[*?[\]{}\\]/;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Compiles a gitignore-like glob; throws GlobError on a bad one. */
export function compileGlob(pattern: string, caseSensitive = false): CompiledGlob {
  const source = pattern;
  let body = caseSensitive ? pattern : pattern.toLowerCase();
  if (!body.trim()) throw new GlobError("empty pattern", source, 0);
  if (body.startsWith("!"))
    throw new GlobError("negation (`!`) is not supported; remove a pattern with `trust.remove`", source, 0);
  if (/\\$/.test(body) && !/\\\\$/.test(body))
    throw new GlobError("trailing `\\` escapes nothing", source, body.length - 1);
  const dirOnly = body.length > 1 && body.endsWith("/") && !body.endsWith("\\/");
  if (dirOnly) body = body.slice(0, -1);
  let anchored = false;
  if (body.startsWith("/")) {
    anchored = true;
    body = body.slice(1);
  } else if (body.includes("/")) anchored = true;
  if (!body) throw new GlobError("pattern matches nothing but the root", source, 0);
  const regex = new RegExp(toRegexSource(body, anchored, dirOnly, source));
  const test = fastTest(body, anchored, dirOnly) ?? ((p: string) => regex.test(p));
  return { source, regex, test, shape: { body, anchored, dirOnly } };
}

function toRegexSource(body: string, anchored: boolean, dirOnly: boolean, source: string): string {
  let out = "";
  let open = "";
  let rest = body;
  if (rest.startsWith("**/")) {
    // Any depth, the same as no anchor.
    out = "(?:^|/)";
    rest = rest.slice(3);
    while (rest.startsWith("**/")) rest = rest.slice(3);
  } else out = anchored ? "^" : "(?:^|/)";
  let tail = dirOnly ? "/.+$" : "(?:/.*)?$";
  if (rest === "**") return `${out}.+$`;
  if (rest.endsWith("/**")) {
    rest = rest.slice(0, -3);
    tail = "/.+$";
  }
  open = translate(rest, source, body.length - rest.length);
  return out + open + tail;
}

/** Translates the middle of a pattern (no leading `**​/`, no trailing `/**`). */
function translate(text: string, source: string, offset: number): string {
  let out = "";
  let braces = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\") {
      out += escapeRe(text[++i]!);
    } else if (c === "*") {
      if (text[i + 1] === "*") {
        const start = i === 0 || text[i - 1] === "/";
        while (text[i + 1] === "*") i++;
        const end = i + 1 === text.length || text[i + 1] === "/";
        if (start && end && text[i + 1] === "/") {
          out += "(?:[^/]*/)*";
          i++;
          continue;
        }
        if (start && end) {
          out += ".*";
          continue;
        }
      }
      out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const close = findClassEnd(text, i);
      if (close < 0) throw new GlobError("unclosed `[`", source, offset + i);
      let inner = text.slice(i + 1, close);
      let negate = false;
      if (inner.startsWith("!") || inner.startsWith("^")) {
        negate = true;
        inner = inner.slice(1);
      }
      const cls = classBody(inner);
      out += negate ? `[^/${cls}]` : `[${cls}]`;
      i = close;
    } else if (c === "{") {
      braces++;
      out += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      out += ")";
    } else if (c === "," && braces > 0) out += "|";
    else if (c === "]" || c === "}") out += escapeRe(c);
    else out += escapeRe(c);
  }
  if (braces > 0) throw new GlobError("unclosed `{`", source, offset + text.lastIndexOf("{"));
  return out;
}

function classBody(inner: string): string {
  let out = "";
  for (let i = 0; i < inner.length; i++) {
    let c = inner[i]!;
    if (c === "\\") c = inner[++i] ?? "\\";
    out += c === "\\" || c === "]" || c === "[" || c === "^" ? `\\${c}` : c;
  }
  return out;
}

function findClassEnd(text: string, open: number): number {
  let i = open + 1;
  if (text[i] === "!" || text[i] === "^") i++;
  if (text[i] === "]") i++;
  for (; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "]") return i;
    else if (text[i] === "/") return -1;
  }
  return -1;
}

/** A plain-string test for the common shapes (`*word*`, `*.ext`, `name`, `dir/`, `a/b/**`), or undefined. */
function fastTest(body: string, anchored: boolean, dirOnly: boolean): ((p: string) => boolean) | undefined {
  if (anchored) {
    const deep = body.endsWith("/**");
    const lit = deep ? body.slice(0, -3) : body;
    if (!lit || SPECIAL.test(lit)) return undefined;
    const prefix = `${lit}/`;
    if (deep || dirOnly) return (p) => p.startsWith(prefix);
    return (p) => p === lit || p.startsWith(prefix);
  }
  if (dirOnly) {
    if (SPECIAL.test(body)) return undefined;
    const prefix = `${body}/`;
    const inner = `/${body}/`;
    return (p) => p.startsWith(prefix) || p.includes(inner);
  }
  const lead = body.startsWith("*");
  const trail = body.endsWith("*") && !body.endsWith("\\*");
  const lit = body.slice(lead ? 1 : 0, trail ? -1 : undefined);
  if (!lit || SPECIAL.test(lit)) return undefined;
  if (lead && trail) return (p) => p.includes(lit);
  if (lead) {
    const inner = `${lit}/`;
    return (p) => p.endsWith(lit) || p.includes(inner);
  }
  if (trail) {
    const inner = `/${lit}`;
    return (p) => p.startsWith(lit) || p.includes(inner);
  }
  const prefix = `${lit}/`;
  const suffix = `/${lit}`;
  const inner = `/${lit}/`;
  return (p) => p === lit || p.startsWith(prefix) || p.endsWith(suffix) || p.includes(inner);
}

/** Normalizes a path for matching: `/` separators, no `./`, no `..` that stays inside, no trailing `/`. */
export function normalizePath(path: string): string {
  if (!/\\|\/\/|(^|\/)\.\.?(\/|$)|\/$/.test(path)) return path;
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length && parts.at(-1) !== "..") parts.pop();
    else parts.push(part);
  }
  return (path.startsWith("/") || path.startsWith("\\") ? "/" : "") + parts.join("/");
}
