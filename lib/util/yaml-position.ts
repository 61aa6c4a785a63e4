import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";

export interface Position {
  line: number;
  col: number;
}

/**
 * Line and column (1-based) of the value at `path` in a YAML (or JSON) text; of the key
 * itself when `atKey`. Falls back to the nearest existing parent.
 */
export function locate(text: string, path: readonly (string | number)[], atKey = false): Position | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  let node: unknown = doc.contents;
  let found: Node | undefined = doc.contents ?? undefined;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      const last = i === path.length - 1;
      found = (last && atKey ? pair.key : (pair.value ?? pair.key)) as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      found = item;
      node = item;
    } else break;
  }
  const offset = found?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, col };
}
