const STOP = new Set(
  (
    "the and for with from into that this then than when what which where who why how are was were has have had not " +
    "but all any can our its add fix make use using new get set of to in on at by an or is be it as do"
  ).split(" "),
);

/** Words of a text, lower-cased, camelCase and snake_case split, short and stop words dropped, plural -s trimmed. */
export function terms(text: string): string[] {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !STOP.has(w))
    .map((w) => (w.length > 4 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w));
  return [...new Set(words)];
}

const DECLARATION =
  /\b(?:function\*?|class|interface|type|enum|const|let|var|def|func|trait|struct|namespace)\s+(?:\([^)]*\)\s*)?([A-Za-z_$][\w$]*)/g;

/** Names a source file declares (functions, classes, types, constants …), by a cheap scan. */
export function declaredSymbols(source: string): string[] {
  const out = new Set<string>();
  for (const m of source.matchAll(DECLARATION)) out.add(m[1]!);
  return [...out];
}
