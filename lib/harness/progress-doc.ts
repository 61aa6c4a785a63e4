import { WfError } from "../core/errors.ts";
import { FEATURE_ID as NAME_PATTERN, ROLE_NAME as ROLE_PATTERN, TASK_ID as TASK_PATTERN } from "../core/names.ts";
import { STATUSES, normalizeStatus, type TaskStatus } from "./names.ts";

/**
 * The progress file as its lines: the lossless model. Parsing never rewrites a line; mutations
 * replace, insert or remove whole lines, so every untouched byte survives a round trip.
 */
export interface ProgressDoc {
  /** The file's lines, split on "\n" (a CRLF file keeps its "\r" at each line's end). */
  lines: string[];
  /** The line ending new lines get. */
  eol: "\n" | "\r\n";
  /** Where it came from, for error positions. */
  file?: string;
}

/** The sections wf-task understands, in the order a new file lists them. */
export const SECTIONS = {
  info: "Session Info",
  state: "Current State",
  completed: "Completed This Session",
  inProgress: "In Progress",
  blockers: "Blockers",
  notes: "Notes for Next Session",
  files: "Files Modified This Session",
  decisions: "Key Decisions Made",
  questions: "Questions for Human",
} as const;
export type SectionKey = keyof typeof SECTIONS;
const ORDER = Object.keys(SECTIONS) as SectionKey[];
const BY_TITLE = new Map(ORDER.map((k) => [SECTIONS[k].toLowerCase(), k]));

/** A top-level list item and its indented sub-items. */
export interface Item {
  /** Index of the item's line. */
  line: number;
  /** Index after its last sub-item line. */
  end: number;
  /** Text after the list marker. */
  text: string;
  /** Sub-item texts (list markers stripped). */
  sub: string[];
  /** A line with no list marker: `status: BLOCKED` under Current State, a bare blocker line (the bash workflow's dialect). */
  plain?: boolean;
}

/** A `## ` section: heading line index, end (next heading or end of file), items. */
export interface Section {
  key: SectionKey | null;
  title: string;
  heading: number;
  end: number;
  items: Item[];
}

/** A task line: `- [ ] BE-003: title (60% complete)`. */
export interface TaskLine {
  id: string;
  title?: string;
  status: TaskStatus;
  percent?: number;
}

const HEADING = /^##\s+(.+?)\s*#*\s*$/;
const ITEM = /^ {0,1}[-*+]\s+(.*)$/;
const SUB = /^(?:\s{2,}|\t)\s*(?:[-*+]\s+)?(.*)$/;
const TASK = /^\[([ xX~-])\]\s+([^\s:()]+)(?::\s*(.*)|\s+(\(.*\)))?$/;
const KV = /^(\s*(?:[-*+]\s+)?\**)([A-Za-z_][\w ]*?)(\**\s*:\s*)(.*?)(\s*)$/;
const PLAIN_KV = /^([A-Za-z_][\w ]*?)\s*:\s*(.*?)\s*$/;
/** Sections whose unmarked lines are entries in the bash workflow's dialect. */
const PLAIN_KEYS = new Set<SectionKey>(["info", "state"]);
const PLAIN_LISTS = new Set<SectionKey>(["blockers"]);
const PLACEHOLDER = /^(none( yet)?|\(none\)|n\/a|-|—)\.?$/i;

const strip = (line: string) => (line.endsWith("\r") ? line.slice(0, -1) : line);

function corrupt(
  doc: ProgressDoc,
  line: number,
  message: string,
  hint = "fix the line by hand (the file was left unchanged)",
): WfError {
  return new WfError("E_PROGRESS_CORRUPT", message, {
    where: `${doc.file ?? "claude-progress.txt"}:${line + 1}`,
    hint,
  });
}

/** Splits text into the line model; the reverse of `joinDoc`. */
export function splitDoc(text: string, file?: string): ProgressDoc {
  return { lines: text.split("\n"), eol: text.includes("\r\n") ? "\r\n" : "\n", file };
}

/** Joins the line model back into text, byte for byte. */
export function joinDoc(doc: ProgressDoc): string {
  return doc.lines.join("\n");
}

/** Finds the sections and their items; throws E_PROGRESS_CORRUPT (exit 2) with a line number. */
export function scan(doc: ProgressDoc): Section[] {
  const sections: Section[] = [];
  let fence: string | null = null;
  let comment = false;
  let current: Section | null = null;
  let lastItem: Item | null = null;
  const seen = new Set<SectionKey>();
  doc.lines.forEach((raw, i) => {
    const line = strip(raw);
    if (line.includes("\0")) throw corrupt(doc, i, "the file holds binary data (a NUL byte)");
    if (/^(<<<<<<<|>>>>>>>)( |$)/.test(line))
      throw corrupt(
        doc,
        i,
        "unresolved merge conflict marker",
        "resolve the conflict, keeping one version of each section",
      );
    if (fence) {
      if (line.trim().startsWith(fence)) fence = null;
      lastItem = null;
      return;
    }
    if (comment) {
      if (line.includes("-->")) comment = false;
      return;
    }
    const fenceOpen = /^\s*(```|~~~)/.exec(line);
    if (fenceOpen) {
      fence = fenceOpen[1]!;
      lastItem = null;
      return;
    }
    if (line.trimStart().startsWith("<!--")) {
      if (!line.includes("-->")) comment = true;
      return;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      if (current) current.end = i;
      const key = BY_TITLE.get(heading[1]!.toLowerCase()) ?? null;
      if (key) {
        if (seen.has(key))
          throw corrupt(doc, i, `section "${SECTIONS[key]}" appears twice`, "merge the two sections into one");
        seen.add(key);
      }
      current = { key, title: heading[1]!, heading: i, end: doc.lines.length, items: [] };
      sections.push(current);
      lastItem = null;
      return;
    }
    if (!current) return;
    const item = ITEM.exec(line);
    if (item) {
      lastItem = { line: i, end: i + 1, text: item[1]!.trim(), sub: [] };
      current.items.push(lastItem);
      return;
    }
    const sub = lastItem && line.trim() ? SUB.exec(line) : null;
    if (sub && lastItem) {
      lastItem.sub.push(sub[1]!.trim());
      lastItem.end = i + 1;
      return;
    }
    lastItem = null;
    // The bash workflow's dialect: `key: value` with no marker, a bare blocker line.
    const plain = current.key && line.trim() && !/^\s/.test(line) && !line.startsWith("#") ? line.trim() : "";
    if (plain && ((PLAIN_KEYS.has(current.key!) && PLAIN_KV.test(plain)) || PLAIN_LISTS.has(current.key!))) {
      current.items.push({ line: i, end: i + 1, text: plain, sub: [], plain: true });
    }
  });
  if (!seen.has("info")) {
    throw corrupt(
      doc,
      0,
      `not a progress file: no "## ${SECTIONS.info}" section`,
      "start one with `wf-task init <feature> <role>`, or restore the file from git",
    );
  }
  return sections;
}

/** The section for `key`, if the file has it. */
export function section(sections: Section[], key: SectionKey): Section | undefined {
  return sections.find((s) => s.key === key);
}

/** True for `- None` and the like: an empty list, not an entry. */
export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text.trim());
}

/** `key: value` pairs of a section, keys lower-cased. */
export function keyValues(doc: ProgressDoc, sec: Section | undefined): Map<string, { value: string; line: number }> {
  const out = new Map<string, { value: string; line: number }>();
  for (const item of sec?.items ?? []) {
    const m = KV.exec(strip(doc.lines[item.line]!));
    if (m)
      out.set(m[2]!.trim().toLowerCase().replace(/\s+/g, "_"), {
        value: m[4]!.replace(/\*+$/, "").trim(),
        line: item.line,
      });
  }
  return out;
}

/** Parses a task item (`[x] BE-001: title (60% complete)`); undefined for other items. */
export function parseTask(doc: ProgressDoc, item: Item, inCompleted: boolean): TaskLine | undefined {
  const m = TASK.exec(item.text);
  if (!m || !TASK_PATTERN.test(m[2]!)) return undefined;
  const checked = m[1] !== " ";
  let title = (m[3] ?? m[4])?.trim() || undefined;
  let percent: number | undefined;
  let status: TaskStatus | undefined;
  const meta = title ? /^(.*?)\s*\(([^()]*)\)$/.exec(title) : null;
  if (meta) {
    const parts = meta[2]!.split(",").map((p) => p.trim().toLowerCase());
    const known = parts.every(
      (p) => /^\d+%( complete)?$/.test(p) || (STATUSES as readonly string[]).includes(p.replace(/ /g, "_")),
    );
    if (known) {
      for (const p of parts) {
        const pct = /^(\d+)%/.exec(p);
        if (pct) percent = Number(pct[1]);
        else status = p.replace(/ /g, "_") as TaskStatus;
      }
      title = meta[1]!.trim() || undefined;
      if (percent !== undefined && percent > 100)
        throw corrupt(doc, item.line, `expected a percent from 0 to 100, got ${percent}%`);
    }
  }
  status ??= checked || inCompleted ? "completed" : "in_progress";
  return { id: m[2]!, ...(title ? { title } : {}), status, ...(percent === undefined ? {} : { percent }) };
}

/** Checks the values wf-task reads from Session Info and Current State. */
export function checkValues(doc: ProgressDoc, sections: Section[]): void {
  const info = keyValues(doc, section(sections, "info"));
  const state = keyValues(doc, section(sections, "state"));
  for (const key of ["feature", "role"] as const) {
    const kv = info.get(key);
    const pattern = key === "feature" ? NAME_PATTERN : ROLE_PATTERN;
    if (kv && !isNone(kv.value) && (!pattern.test(kv.value) || kv.value.includes(".."))) {
      throw corrupt(doc, kv.line, `expected ${key} to match ${pattern.source}, got ${JSON.stringify(kv.value)}`);
    }
  }
  for (const key of ["started", "last_updated"]) {
    const kv = info.get(key);
    if (kv && !isNone(kv.value) && Number.isNaN(Date.parse(kv.value))) {
      throw corrupt(doc, kv.line, `expected ${key} to be a date (ISO 8601), got ${JSON.stringify(kv.value)}`);
    }
  }
  const status = state.get("status");
  if (status && !isNone(status.value) && !normalizeStatus(status.value)) {
    throw corrupt(
      doc,
      status.line,
      `expected status to be one of ${STATUSES.join(", ")}, got ${JSON.stringify(status.value)}`,
    );
  }
}

/**
 * `plain` when the file writes its Session Info as the bash workflow does (`feature: x`, no list
 * marker); new lines then get the same form, so the original's reader still reads the file.
 */
export function dialect(doc: ProgressDoc, sections: Section[] = scan(doc)): "plain" | "list" {
  const items = [...(section(sections, "info")?.items ?? []), ...(section(sections, "state")?.items ?? [])];
  const plain = items.filter((it) => it.plain).length;
  return plain > 0 && plain >= items.length - plain ? "plain" : "list";
}

/** True when the file spells statuses in upper case (`status: IN_PROGRESS`). */
export function upperStatuses(doc: ProgressDoc, sections: Section[] = scan(doc)): boolean {
  const status = keyValues(doc, section(sections, "state")).get("status")?.value;
  return !!status && /[A-Z]/.test(status) && status === status.toUpperCase();
}

/** "", "none", "null", "-" mean no value. */
export function isNone(value: string | undefined): boolean {
  return value === undefined || value === "" || /^(none|null|-|—|n\/a)$/i.test(value);
}

// --- editing -----------------------------------------------------------------------------

const withEol = (doc: ProgressDoc, text: string) => (doc.eol === "\r\n" ? `${text}\r` : text);

/** Sets `key: value` in a key-value section, keeping the line's own spelling; false if unchanged. */
export function setValue(doc: ProgressDoc, key: SectionKey, name: string, value: string): boolean {
  const sections = scan(doc);
  const sec = ensureSection(doc, sections, key);
  const kv = keyValues(doc, sec).get(name);
  if (kv) {
    const raw = strip(doc.lines[kv.line]!);
    const m = KV.exec(raw)!;
    const next = `${m[1]}${m[2]}${m[3]}${value}`;
    if (next === raw || kv.value === value) return false;
    doc.lines[kv.line] = withEol(doc, next);
    return true;
  }
  appendItem(doc, key, `${name}: ${value}`, [], dialect(doc, sections) === "plain");
  return true;
}

/**
 * Appends `- text` (and sub-items) to a section, creating the section when missing; `plain`
 * writes the line with no marker (the bash workflow's dialect; default: when the section's
 * entries are written so in a plain-dialect file).
 */
export function appendItem(doc: ProgressDoc, key: SectionKey, text: string, sub: string[] = [], plain?: boolean): void {
  const sections = scan(doc);
  const sec = ensureSection(doc, sections, key);
  const bare =
    plain ?? (PLAIN_LISTS.has(key) && dialect(doc, sections) === "plain" && sec.items.every((it) => it.plain));
  const block = [bare && !sub.length ? text : `- ${text}`, ...sub.map((s) => `  - ${s}`)].map((l) => withEol(doc, l));
  const placeholders = sec.items.filter((it) => isPlaceholder(it.text) && it.sub.length === 0);
  if (placeholders.length) {
    const first = placeholders[0]!;
    for (const p of [...placeholders].reverse())
      doc.lines.splice(p.line, p.end - p.line, ...(p === first ? block : []));
    return;
  }
  const real = sec.items;
  let at: number;
  if (real.length) at = real.at(-1)!.end;
  else {
    at = sec.heading + 1;
    for (let i = sec.heading + 1; i < sec.end; i++) if (strip(doc.lines[i]!).trim()) at = i + 1;
  }
  doc.lines.splice(at, 0, ...block);
}

/** Removes items (with their sub-items); indices from one scan, removed bottom-up. */
export function removeItems(doc: ProgressDoc, items: Item[]): void {
  for (const item of [...items].sort((a, b) => b.line - a.line)) doc.lines.splice(item.line, item.end - item.line);
}

/** The section for `key`, added (in the standard order) when the file lacks it. */
function ensureSection(doc: ProgressDoc, sections: Section[], key: SectionKey): Section {
  const found = section(sections, key);
  if (found) return found;
  const later = ORDER.slice(ORDER.indexOf(key) + 1);
  const next = sections.find((s) => s.key && later.includes(s.key));
  const heading = `## ${SECTIONS[key]}`;
  let at: number;
  let block: string[];
  if (next) {
    at = next.heading;
    block = [heading, ""];
  } else {
    const trailingNewline = strip(doc.lines.at(-1) ?? "") === "";
    at = trailingNewline ? doc.lines.length - 1 : doc.lines.length;
    block = [heading];
  }
  if (at > 0 && strip(doc.lines[at - 1] ?? "").trim() !== "") block.unshift("");
  doc.lines.splice(at, 0, ...block.map((l) => withEol(doc, l)));
  const headingLine = at + block.indexOf(heading);
  return { key, title: SECTIONS[key], heading: headingLine, end: headingLine + 1, items: [] };
}
