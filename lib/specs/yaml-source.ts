import type { Document, LineCounter } from "yaml";

type YamlModule = typeof import("yaml");
import type { SpecProblem } from "./problem.ts";

/** Limits that keep hostile YAML from costing more than a glance. */
export interface YamlLimits {
  /** Largest file accepted, in bytes (default 1 MB; a spec is a few KB). */
  maxBytes: number;
  /** Deepest nesting accepted (default 64). */
  maxDepth: number;
  /** Most alias expansions accepted (yaml's maxAliasCount; default 100). */
  maxAliasCount: number;
}

export const DEFAULT_LIMITS: YamlLimits = { maxBytes: 1_000_000, maxDepth: 64, maxAliasCount: 100 };

/** A parsed YAML text that can say where any key path is, parsed once. */
export interface YamlSource {
  /** The data (undefined when the text could not be read as YAML). */
  value: unknown;
  /** YAML syntax errors, duplicate keys and refusals, with positions. */
  errors: SpecProblem[];
  /** Soft YAML problems (yaml's warnings). */
  warnings: SpecProblem[];
  /** Line and column of the value at `path` (of its key when `atKey`); the nearest existing parent otherwise. */
  position(path: readonly (string | number)[], atKey?: boolean): { line: number; col: number };
}

/** Deepest `[`/`{` nesting outside quotes: a linear scan that refuses flow bombs before parsing. */
export function flowDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") {
      const prev = text[i - 1];
      if (prev === undefined || " \t\n[{,:".includes(prev)) quote = c;
    } else if (c === "#" && (i === 0 || " \t\n".includes(text[i - 1]!))) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
    } else if (c === "[" || c === "{") {
      if (++depth > max) {
        max = depth;
        at = i;
      }
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return { depth: max, offset: at };
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

/** Depth of a plain value, iteratively (a hostile value cannot overflow the stack). */
function valueDepth(value: unknown, limit: number): number {
  const stack: [unknown, number][] = [[value, 0]];
  let max = 0;
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > limit) return max;
    if (item && typeof item === "object") for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return max;
}

const firstLine = (message: string) => message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");

/** Parses YAML once, refusing hostile input (size, nesting, alias bombs) with a positioned error. */
export async function parseYamlSource(text: string, limits: YamlLimits = DEFAULT_LIMITS): Promise<YamlSource> {
  const refuse = (code: string, message: string, at = { line: 1, col: 1 }): YamlSource => ({
    value: undefined,
    errors: [{ code, path: "", ...at, message }],
    warnings: [],
    position: () => at,
  });
  if (text.length > limits.maxBytes) {
    return refuse(
      "E_SPEC_TOO_LARGE",
      `file is ${text.length} bytes, more than the ${limits.maxBytes} a spec may have; refused without parsing`,
    );
  }
  const flow = flowDepth(text);
  if (flow.depth > limits.maxDepth) {
    return refuse(
      "E_SPEC_TOO_DEEP",
      `nesting deeper than ${limits.maxDepth} levels; refused without parsing`,
      lineCol(text, flow.offset),
    );
  }
  const yaml = await import("yaml");
  const { LineCounter, parseDocument } = yaml;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const toProblem =
    (code: string) =>
    (e: { code: string; message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }) => ({
      code,
      path: "",
      line: e.linePos?.[0].line ?? 1,
      col: e.linePos?.[0].col ?? 1,
      message: `${e.code === "DUPLICATE_KEY" ? "duplicate key: " : ""}${firstLine(e.message)}`,
    });
  const errors: SpecProblem[] = doc.errors.map(toProblem("E_SPEC_YAML"));
  const warnings: SpecProblem[] = doc.warnings.map(toProblem("W_SPEC_YAML"));
  const position = positionFinder(doc, lineCounter, yaml);
  if (errors.length) return { value: undefined, errors, warnings, position };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    return refuse(
      "E_SPEC_ALIAS_BOMB",
      `${(error as Error).message} (more than ${limits.maxAliasCount} alias expansions); refused`,
    );
  }
  if (valueDepth(value, limits.maxDepth) > limits.maxDepth) {
    return refuse("E_SPEC_TOO_DEEP", `nesting deeper than ${limits.maxDepth} levels; refused`);
  }
  return { value, errors, warnings, position };
}

function positionFinder(doc: Document, lineCounter: LineCounter, yaml: YamlModule): YamlSource["position"] {
  return (path, atKey = false) => {
    let node: unknown = doc.contents;
    let found: { range?: [number, number, number] | null } | null | undefined = doc.contents;
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      if (yaml.isMap(node)) {
        const pair = node.items.find((p) => String(yaml.isScalar(p.key) ? p.key.value : p.key) === String(key));
        if (!pair) {
          // A missing key: point at the key of its parent mapping.
          if (i > 0) found = parentKey(doc, path.slice(0, i), yaml) ?? found;
          break;
        }
        const last = i === path.length - 1;
        found = (last && atKey ? pair.key : (pair.value ?? pair.key)) as typeof found;
        node = pair.value;
      } else if (yaml.isSeq(node) && typeof key === "number") {
        const item = node.items[key] as typeof found;
        if (!item) break;
        found = item;
        node = item;
      } else break;
    }
    const offset = found?.range?.[0] ?? 0;
    return lineCounter.linePos(offset);
  };
}

function parentKey(
  doc: Document,
  path: readonly (string | number)[],
  yaml: YamlModule,
): { range?: [number, number, number] | null } | undefined {
  const key = path.at(-1);
  if (typeof key !== "string") return undefined;
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  if (!yaml.isMap(parent)) return undefined;
  const pair = parent.items.find((p) => String(yaml.isScalar(p.key) ? p.key.value : p.key) === key);
  return pair?.key as { range?: [number, number, number] | null } | undefined;
}
