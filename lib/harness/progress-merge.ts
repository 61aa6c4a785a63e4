// A three-way merge of the progress file, for git's merge driver (`wf-task progress merge-file`).
// Agents that share a committed progress file each add their tasks, notes and files to it; git's
// line merge then conflicts at every landing, on lines that are all meant to stay. Merged here by
// `## ` section: a section only one side changed is taken from it; `- key: value` sections key by
// key (a value both changed comes from the side updated last, `last_updated` is the later one);
// list sections as sets of lines (one side's removal removes, both sides' additions stay, ours
// first). Anything else both sides changed (the title, prose) is a conflict, left to git.

interface Part {
  /** The `## ` line; "" for what comes before the first heading. */
  head: string;
  /** The lines up to the next heading, trailing blank lines apart. */
  body: string[];
  /** The trailing blank lines. */
  blanks: number;
}

/** The three-way merge of a progress file's texts, or undefined when both sides changed the same thing differently. */
export function mergeProgress(base: string, ours: string, theirs: string): string | undefined {
  if (ours === theirs || theirs === base) return ours;
  if (ours === base) return theirs;
  const [b, o, t] = [parts(base), parts(ours), parts(theirs)];
  const newer = updated(t) > updated(o) ? "theirs" : updated(t) < updated(o) ? "ours" : "theirs";
  const out: Part[] = [];
  const keys = [...o.keys(), ...[...t.keys()].filter((k) => !o.has(k))];
  for (const key of keys) {
    const [pb, po, pt] = [b.get(key), o.get(key), t.get(key)];
    if (!po || !pt) {
      // one side removed the section, or added it
      const kept = po ?? pt!;
      if (!pb) out.push(kept);
      else if (!same(pb.body, kept.body)) return undefined;
      continue;
    }
    const body = mergeBody(pb?.body ?? [], po.body, pt.body, newer);
    if (!body) return undefined;
    out.push({ head: po.head, body, blanks: po.blanks });
  }
  return out
    .map((p) => [...(p.head ? [p.head] : []), ...p.body, ...Array<string>(p.blanks).fill("")].join("\n"))
    .join("\n");
}

/** A section's body merged, or undefined for a conflict. */
function mergeBody(b: string[], o: string[], t: string[], newer: "ours" | "theirs"): string[] | undefined {
  if (same(o, t) || same(t, b)) return o;
  if (same(o, b)) return t;
  const all = [...b, ...o, ...t].filter((l) => l.trim());
  if ([b, o, t].every(isKeyValues)) return mergeValues(b, o, t, newer);
  if (all.every((l) => LIST_LINE.test(l))) {
    const inBase = new Set(b);
    const inTheirs = new Set(t);
    const kept = o.filter((l) => !(inBase.has(l) && !inTheirs.has(l)));
    const have = new Set(kept);
    const removedByOurs = (l: string) => inBase.has(l) && !o.includes(l);
    for (const l of t) {
      if (have.has(l) || removedByOurs(l)) continue;
      have.add(l);
      kept.push(l);
    }
    return kept;
  }
  return undefined;
}

const KEY_VALUE = /^(?:[-*] )?([A-Za-z][\w ]*):(?: |$)/;

/** `- key: value` lines only, each key once (notes like `- TODO: a`, `- TODO: b` are a list). */
function isKeyValues(lines: string[]): boolean {
  const keys = new Set<string>();
  for (const l of lines) {
    if (!l.trim()) continue;
    const m = KEY_VALUE.exec(l);
    if (!m || keys.has(m[1]!)) return false;
    keys.add(m[1]!);
  }
  return true;
}
/** A list item, its indented continuation, or a blank line. */
const LIST_LINE = /^(?:\s*(?:[-*+]|\d+[.)])\s|\s+\S|\s*$)/;

function mergeValues(b: string[], o: string[], t: string[], newer: "ours" | "theirs"): string[] | undefined {
  const map = (lines: string[]) => new Map(lines.filter((l) => l.trim()).map((l) => [KEY_VALUE.exec(l)![1]!, l]));
  const [mb, mo, mt] = [map(b), map(o), map(t)];
  const out: string[] = [];
  for (const key of [...mo.keys(), ...[...mt.keys()].filter((k) => !mo.has(k))]) {
    const [vb, vo, vt] = [mb.get(key), mo.get(key), mt.get(key)];
    if (vo === vt || vt === vb) {
      if (vo !== undefined) out.push(vo);
    } else if (vo === vb) {
      if (vt !== undefined) out.push(vt);
    } else if (vo === undefined || vt === undefined) {
      out.push((vo ?? vt)!); // removed on one side, changed on the other: the change stays
    } else if (key === "last_updated") out.push(vo > vt ? vo : vt);
    else out.push(newer === "ours" ? vo : vt);
  }
  return out;
}

/** The sections by heading (a repeated heading gets its count), in order. */
function parts(text: string): Map<string, Part> {
  const lines = text.split("\n");
  const out = new Map<string, Part>();
  const seen = new Map<string, number>();
  let current: Part = { head: "", body: [], blanks: 0 };
  const close = () => {
    while (current.body.length && !current.body.at(-1)!.trim()) {
      current.body.pop();
      current.blanks++;
    }
    const n = seen.get(current.head) ?? 0;
    seen.set(current.head, n + 1);
    out.set(n ? `${current.head}\0${n}` : current.head, current);
  };
  for (const line of lines) {
    if (line.startsWith("## ")) {
      close();
      current = { head: line, body: [], blanks: 0 };
    } else current.body.push(line);
  }
  close();
  return out;
}

/** The `last_updated` value of a progress file's parts ("" when it has none). */
function updated(p: Map<string, Part>): string {
  for (const part of p.values())
    for (const l of part.body) {
      const m = /^(?:[-*] )?last_updated:\s*(\S+)/.exec(l);
      if (m) return m[1]!;
    }
  return "";
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((l, i) => l === b[i]);
