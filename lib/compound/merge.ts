// git's merge drivers for what agents learn in parallel (`parallel merge` sets them up, like the
// progress file's): the learnings file merges by rule, CLAUDE.md's managed section by rule line.
// Both return undefined when they cannot merge: the caller then leaves git's conflict markers.
import { stringify } from "yaml";
import { END_MARKER, HEADINGS, START_MARKER } from "./claude-md.ts";
import { learningsText, parseLearnings, ruleKey, type Learning } from "./learnings.ts";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The side's value when only one side changed it (or both the same way); undefined when both changed it differently. */
function pick<T>(base: T | undefined, ours: T, theirs: T): T | undefined {
  if (same(ours, theirs) || same(theirs, base)) return ours;
  if (same(ours, base)) return theirs;
  return undefined;
}

const sightings = (base: number, ours: number, theirs: number) => Math.max(ours, theirs, ours + theirs - base);

/** Two sides' entries of one rule: sightings added (since the base), files joined, the last sighting. */
function combine(base: Learning | undefined, ours: Learning, theirs: Learning): Learning {
  const merged: Learning = { ...ours };
  for (const key of ["type", "description", "solution", "rule", "date", "author", "commit"] as const)
    (merged as Record<string, unknown>)[key] = pick(base?.[key], ours[key], theirs[key]) ?? ours[key];
  merged.count = sightings(base?.count ?? 0, ours.count, theirs.count);
  merged.files = [...new Set([...ours.files, ...theirs.files])];
  merged.last_seen = ours.last_seen > theirs.last_seen ? ours.last_seen : theirs.last_seen;
  const archived = ours.archived ?? theirs.archived;
  if (archived) merged.archived = archived;
  return merged;
}

/**
 * The merge of a learnings file (`.ai/project/learnings.yaml`): entries are one per rule (ruleKey).
 * A rule on both sides is one entry (combine); a rule new on one side is added, renumbered when
 * the other side gave its id to another rule; a rule one side removed and the other left as it
 * was is removed. undefined when a side does not read as a learnings file.
 */
export async function mergeLearnings(base: string, ours: string, theirs: string): Promise<string | undefined> {
  let b: Learning[], o: Learning[], t: Learning[];
  try {
    [b, o, t] = await Promise.all([base, ours, theirs].map((text) => parseLearnings(text, "learnings.yaml")));
  } catch {
    return undefined;
  }
  const byKey = (ls: Learning[]) => new Map(ls.map((l) => [ruleKey(l.rule), l]));
  const [bk, ok, tk] = [byKey(b), byKey(o), byKey(t)];
  const out: Learning[] = [];
  for (const [key, mine] of ok) {
    const other = tk.get(key);
    const was = bk.get(key);
    if (other) out.push(combine(was, mine, other));
    else if (!was || !same(mine, was)) out.push(mine); // new here, or changed here while removed there
  }
  const number = (id: string) => Number(/^L-(\d+)$/.exec(id)?.[1] ?? 0);
  let last = Math.max(0, ...[...b, ...o, ...t].map((l) => number(l.id)));
  const used = new Set(out.map((l) => l.id));
  for (const [key, other] of tk) {
    if (ok.has(key)) continue;
    const was = bk.get(key);
    if (was && same(other, was)) continue; // removed here
    const entry = used.has(other.id) ? { ...other, id: `L-${String(++last).padStart(3, "0")}` } : other;
    used.add(entry.id);
    out.push(entry);
  }
  return learningsText(out, stringify);
}

/** A managed section's parts: the lines before the first heading, the rules by heading, the closing notes. */
interface Section {
  head: string[];
  groups: Map<string, Map<string, { text: string; count: number }>>;
  notes: string[];
}

const SEEN = / \(seen (\d+)×\)$/;

function splitFile(text: string): { before: string; body: string; after: string } | null {
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start < 0 || end < start || text.indexOf(START_MARKER, start + 1) >= 0 || text.indexOf(END_MARKER, end + 1) >= 0)
    return null;
  return {
    before: text.slice(0, start),
    body: text
      .slice(start + START_MARKER.length, end)
      .replace(/^\n/, "")
      .replace(/\n$/, ""),
    after: text.slice(end + END_MARKER.length),
  };
}

function parseSection(body: string): Section {
  const section: Section = { head: [], groups: new Map(), notes: [] };
  for (const block of body.split(/\n{2,}/)) {
    const lines = block.split("\n");
    if (lines[0]!.startsWith("### ")) {
      const rules = new Map<string, { text: string; count: number }>();
      for (const line of lines.slice(1)) {
        if (!line.startsWith("- ")) continue;
        const text = line.slice(2).replace(SEEN, "");
        rules.set(ruleKey(text), { text, count: Number(SEEN.exec(line)?.[1] ?? 1) });
      }
      section.groups.set(lines[0]!, rules);
    } else if (section.groups.size || /^_\d+ older|^_No rules yet/.test(block)) section.notes.push(block);
    else section.head.push(block);
  }
  return section;
}

/**
 * The merge of CLAUDE.md: outside the managed section, a side's change is taken when the other
 * left the text as it was (both changing it differently is a conflict); inside, the rule lines
 * merge like the learnings file's entries, under their headings. The section is rendered again
 * from the learnings file at the next `compound capture` or `update-claude-md`. undefined when it
 * cannot merge (a side without exactly one managed section, or the conflict above).
 */
export function mergeClaudeMd(base: string, ours: string, theirs: string): string | undefined {
  const [o, t] = [ours, theirs].map(splitFile);
  if (!o || !t) return undefined;
  // a base with no section yet: all of it is the text outside (both sides appended theirs to it)
  const b = splitFile(base) ?? (base ? { before: base, body: "", after: "" } : undefined);
  const before = pick(b?.before, o.before, t.before);
  const after = pick(b?.after, o.after, t.after);
  if (before === undefined || after === undefined) return undefined;
  const [bs, os, ts] = [b?.body ?? "", o.body, t.body].map(parseSection) as [Section, Section, Section];
  const baseRules = new Map([...bs.groups.values()].flatMap((g) => [...g]));
  const groups = new Map<string, Map<string, { text: string; count: number }>>();
  // in the order the section is rendered in (bugs, patterns, anti-patterns), others after
  const rank = (h: string) => {
    const i = Object.values(HEADINGS).findIndex((name) => h === `### ${name}`);
    return i < 0 ? Infinity : i;
  };
  const headings = [...new Set([...os.groups.keys(), ...ts.groups.keys()])].sort((a, b) => rank(a) - rank(b));
  for (const heading of headings) {
    const mine = os.groups.get(heading) ?? new Map();
    const other = ts.groups.get(heading) ?? new Map();
    const rules = new Map<string, { text: string; count: number }>();
    for (const key of new Set([...mine.keys(), ...other.keys()])) {
      const [m, x, was] = [mine.get(key), other.get(key), baseRules.get(key)];
      if (m && x) rules.set(key, { text: m.text, count: sightings(was?.count ?? 0, m.count, x.count) });
      else if (m && (!was || m.count !== was.count)) rules.set(key, m);
      else if (x && (!was || x.count !== was.count)) rules.set(key, x);
    }
    if (rules.size) groups.set(heading, rules);
  }
  const notes = (os.notes.length ? os.notes : ts.notes).filter((n) => !(groups.size && /^_No rules yet/.test(n)));
  const blocks = [
    ...(os.head.length ? os.head : ts.head),
    ...[...groups].map(([heading, rules]) =>
      [heading, ...[...rules.values()].map((r) => `- ${r.text}${r.count > 1 ? ` (seen ${r.count}×)` : ""}`)].join("\n"),
    ),
    ...notes,
  ];
  return `${before}${START_MARKER}\n${blocks.join("\n\n")}\n${END_MARKER}${after}`;
}
