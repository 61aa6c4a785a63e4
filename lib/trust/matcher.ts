// All of a model's path patterns as one structure: a path is split once, its segments are looked
// up in three indexes (whole name, first two characters, last two characters) that give the
// patterns able to match it, and only those are tested, lowest index first; patterns no index
// can hold (`*word*`, braces at both ends, `**` …) are tested in order after, only while their
// index is below the best found. The answer is the first matching pattern in the list's order,
// exactly as testing every pattern in turn would give: an index only narrows the patterns to
// test (each one a condition any match must meet), the pattern's own test decides.
import type { GlobShape } from "./glob.ts";
import { ruleMatches, type TrustModel, type TrustRule } from "./model.ts";

const SPECIAL = /[*?[\]{}\\]/;
/** Where in a path an indexed segment must be for its pattern to match. */
const ANY = 0;
const DIR = 1; // a folder: any segment but the last
const FIRST = 2; // the first segment (anchored patterns)

/** The first matching rule of a list, in one pass over a path. */
export interface PathMatcher {
  readonly rules: readonly TrustRule[];
  /** The index in `rules` of the first rule matching `key` (folded, root-relative), or -1. */
  first(key: string): number;
}

interface Slot {
  index: "name" | "prefix" | "suffix";
  key: string;
  where: number;
}

/** Which index can hold a pattern, and under which key; undefined when none can. */
export function classify(shape: GlobShape | undefined): Slot | undefined {
  if (!shape) return undefined;
  let { body, anchored, dirOnly } = shape;
  if (body.startsWith("**/")) {
    // Any depth, the same as no anchor (glob.ts reads it so).
    while (body.startsWith("**/")) body = body.slice(3);
    anchored = false;
  }
  if (body === "**") return undefined;
  if (body.endsWith("/**")) {
    body = body.slice(0, -3);
    dirOnly = true;
  }
  const slash = body.indexOf("/");
  const seg = slash < 0 ? body : body.slice(0, slash);
  if (!seg) return undefined;
  // Anchored: the path's first segment is the pattern's first; any depth with a `/` inside: some folder is.
  if (anchored || slash >= 0)
    return SPECIAL.test(seg) ? undefined : { index: "name", key: seg, where: anchored ? FIRST : DIR };
  const where = dirOnly ? DIR : ANY;
  const first = seg.search(SPECIAL);
  if (first < 0) return { index: "name", key: seg, where };
  if (first >= 2) return { index: "prefix", key: seg.slice(0, 2), where };
  let last = seg.length - 1;
  while (last >= 0 && !SPECIAL.test(seg[last]!)) last--;
  if (seg.length - last - 1 >= 2) return { index: "suffix", key: seg.slice(-2), where };
  return undefined;
}

/** `word` when a rule is a plain `*word*` (no `exclude`): it matches a path that contains the word. */
function containedWord(rule: TrustRule): string | undefined {
  const shape = rule.glob?.shape;
  if (!shape || shape.anchored || shape.dirOnly || rule.excludeGlobs?.length) return undefined;
  const m = /^\*([^*?[\]{}\\/]+)\*$/.exec(shape.body);
  return m?.[1];
}

const pair = (s: string, at: number) => s.charCodeAt(at) * 65536 + s.charCodeAt(at + 1);

/** Compiles a list of pattern rules (each with its glob) into a matcher. */
export function compileMatcher(rules: readonly TrustRule[]): PathMatcher {
  const names = new Map<string, number[]>();
  const prefixes = new Map<number, number[]>();
  const suffixes = new Map<number, number[]>();
  const where = new Uint8Array(rules.length);
  const residual: number[] = [];
  const tests = rules.map((rule) =>
    rule.excludeGlobs?.length ? (key: string) => ruleMatches(rule, key) : rule.glob!.test,
  );
  const add = <K>(map: Map<K, number[]>, key: K, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  rules.forEach((rule, i) => {
    const slot = classify(rule.glob?.shape);
    if (!slot) return residual.push(i);
    where[i] = slot.where;
    if (slot.index === "name") add(names, slot.key, i);
    else add(slot.index === "prefix" ? prefixes : suffixes, pair(slot.key, 0), i);
  });
  // The `*word*` patterns among the rest: one regular expression says whether any of them can match.
  const words = new Uint8Array(rules.length);
  const lits: string[] = [];
  for (const i of residual) {
    const lit = containedWord(rules[i]!);
    if (lit === undefined) continue;
    words[i] = 1;
    lits.push(lit.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  }
  const anyWord = lits.length > 1 ? new RegExp(lits.join("|")) : undefined;
  const none = rules.length;

  /** The lowest candidate of `list` below `best` that matches, or `best`. */
  const pick = (list: number[], best: number, key: string, first: boolean, last: boolean): number => {
    for (let j = 0; j < list.length; j++) {
      const c = list[j]!;
      if (c >= best) break;
      const w = where[c];
      if ((w === DIR && last) || (w === FIRST && !first)) continue;
      if (tests[c]!(key)) return c;
    }
    return best;
  };

  const first = (key: string): number => {
    let best = none;
    let start = 0;
    for (;;) {
      let end = key.indexOf("/", start);
      const last = end < 0;
      if (last) end = key.length;
      const named = names.get(key.slice(start, end));
      if (named) best = pick(named, best, key, start === 0, last);
      if (end - start >= 2) {
        const pre = prefixes.get(pair(key, start));
        if (pre) best = pick(pre, best, key, start === 0, last);
        const suf = suffixes.get(pair(key, end - 2));
        if (suf) best = pick(suf, best, key, start === 0, last);
      }
      if (last) break;
      start = end + 1;
    }
    let word = anyWord ? -1 : 1;
    for (let j = 0; j < residual.length; j++) {
      const r = residual[j]!;
      if (r >= best) break;
      if (words[r] && (word < 0 ? (word = anyWord!.test(key) ? 1 : 0) : word) === 0) continue;
      if (tests[r]!(key)) {
        best = r;
        break;
      }
    }
    return best === none ? -1 : best;
  };
  return { rules, first };
}

const compiled = new WeakMap<TrustModel, { forbidden: TrustRule[]; ordered: TrustRule[]; matcher: PathMatcher }>();

/**
 * The model's matcher over `trust.forbidden` then the pattern rules in deciding order (an index
 * below `model.forbidden.length` is a forbidden rule), compiled once per model.
 */
export function modelMatcher(model: TrustModel): PathMatcher {
  const hit = compiled.get(model);
  const size = model.forbidden.length + model.ordered.length;
  if (hit && hit.forbidden === model.forbidden && hit.ordered === model.ordered && hit.matcher.rules.length === size)
    return hit.matcher;
  const matcher = compileMatcher([...model.forbidden, ...model.ordered]);
  compiled.set(model, { forbidden: model.forbidden, ordered: model.ordered, matcher });
  return matcher;
}
