import { existsSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { WfError } from "../core/errors.ts";
import { atomicWrite } from "../util/atomic-write.ts";
import { withLock, type LockOptions } from "../util/lock.ts";
import { appendEvents, statusEvents, type AutoEvents } from "./auto-events.ts";
import { checkName } from "../core/names.ts";
import { checkStatus, legacyStatus, oneLine, type TaskStatus } from "./names.ts";
import { progressTemplate, progressToJson, readProgressDoc, readProgressFile, type ProgressJson } from "./progress.ts";
import {
  appendItem,
  dialect,
  isPlaceholder,
  keyValues,
  joinDoc,
  parseTask,
  removeItems,
  scan,
  section,
  setValue,
  splitDoc,
  upperStatuses,
  type ProgressDoc,
} from "./progress-doc.ts";
import { randomHex } from "../util/hash.ts";

/** Where the progress file is and how time and ids are made (injectable for tests). */
export interface ProgressOptions {
  /** The progress file (absolute). */
  file: string;
  /** Clock; default `new Date()`. */
  now?: () => Date;
  /** Session id for a new file; default a timestamp plus random hex. */
  sessionId?: string;
  /** Project root: paths given to `markFile` are stored relative to it. */
  root?: string;
  /** Where a file of another feature is archived on init (default `<sessions>/history`). */
  historyDir?: string;
  lock?: LockOptions;
  /** Append compound events for status changes, blockers and new sessions (`compound.autoCapture`). */
  events?: AutoEvents;
}

const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** A new session id: `20260127-101500-a1b2c3`. */
export function newSessionId(now: Date = new Date()): string {
  return `${now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-")}-${randomHex(3)}`;
}

function missing(file: string): WfError {
  return new WfError("E_PROGRESS_MISSING", `no progress file at ${file}`, {
    hint: "start a session with `wf-task init <feature> <role>`",
  });
}

/**
 * The one way to change a progress file: under its lock, read and parse it (a corrupt file
 * throws and stays as it is), apply `fn`, refresh Current State and last_updated, write it
 * atomically. Returns what `fn` returned, whether the file changed, and the new JSON.
 */
export async function mutateProgress<R>(
  options: ProgressOptions,
  fn: (doc: ProgressDoc) => R,
): Promise<{ result: R; changed: boolean; progress: ProgressJson }> {
  const now = options.now ?? (() => new Date());
  return withLock(
    options.file,
    async () => {
      const doc = await readProgressDoc(options.file);
      if (!doc) throw missing(options.file);
      const before = joinDoc(doc);
      const result = fn(doc);
      refreshState(doc);
      let changed = joinDoc(doc) !== before;
      if (changed) {
        setValue(doc, "info", "last_updated", stamp(now()));
        await atomicWrite(options.file, joinDoc(doc));
      }
      return { result, changed, progress: progressToJson(doc) };
    },
    options.lock,
  );
}

/** Current State follows the tasks: blocked when there are blockers, in_progress with a current task, completed when every task is done. */
function refreshState(doc: ProgressDoc): void {
  const p = progressToJson(doc);
  const done = p.tasks.length > 0 && p.tasks.every((t) => t.status === "completed" || t.status === "skipped");
  const status = p.blockers.length ? "blocked" : p.current_task ? "in_progress" : done ? "completed" : "pending";
  if (p.status !== status) setValue(doc, "state", "status", upperStatuses(doc) ? legacyStatus(status) : status);
  // The bash workflow's `task_progress: done/total` counter, when the file has one.
  const counter = keyValues(doc, section(scan(doc), "state")).get("task_progress");
  if (counter && /^\d+\/\d+$/.test(counter.value)) {
    const done = p.tasks.filter((t) => t.status === "completed" || t.status === "skipped").length;
    setValue(doc, "state", "task_progress", `${done}/${p.tasks.length}`);
  }
}

export interface InitResult {
  /** A new file was written (first session, or first for this feature). */
  created: boolean;
  /** The file changed (created, or the role changed). */
  changed: boolean;
  /** Where the previous feature's file was moved, when there was one. */
  archived: string | null;
  /** Feature of the file that was there before, if any. */
  previousFeature: string | null;
  progress: ProgressJson;
}

/**
 * Starts the progress file for `feature` and `role`. Same feature already there: nothing
 * changes (only a different role is recorded). Another feature's file is moved to history first.
 */
export async function progressInit(feature: string, role: string, options: ProgressOptions): Promise<InitResult> {
  checkName("feature", feature);
  checkName("role", role);
  const result = await initLocked(feature, role, options);
  if (result.created)
    await appendEvents(options.events, [
      {
        event: "session_started",
        session: result.progress.session_id,
        feature,
        role,
        resumed: false,
        source: "progress",
      },
    ]);
  return result;
}

async function initLocked(feature: string, role: string, options: ProgressOptions): Promise<InitResult> {
  const now = options.now ?? (() => new Date());
  return withLock(
    options.file,
    async () => {
      const doc = await readProgressDoc(options.file);
      const existing = doc && progressToJson(doc);
      if (doc && existing?.feature === feature) {
        const before = joinDoc(doc);
        if (existing.role !== role) {
          // Another agent takes the feature's file over (a team that commits it, a new role of a
          // parallel run): its own state starts pending with no task of its own; the feature's
          // tasks, notes and decisions stay (removing them would remove them from the base at landing).
          const state = keyValues(doc, section(scan(doc), "state"));
          setValue(doc, "state", "status", upperStatuses(doc) ? legacyStatus("pending") : "pending");
          if (dialect(doc) !== "plain")
            for (const key of ["current_task", "task_id"]) if (state.has(key)) setValue(doc, "state", key, "none");
        }
        setValue(doc, "info", "role", role);
        const changed = joinDoc(doc) !== before;
        if (changed) {
          setValue(doc, "info", "last_updated", stamp(now()));
          await atomicWrite(options.file, joinDoc(doc));
        }
        return { created: false, changed, archived: null, previousFeature: feature, progress: progressToJson(doc) };
      }
      let archived: string | null = null;
      if (doc) {
        const dir = options.historyDir ?? join(dirname(options.file), "history");
        archived = join(
          dir,
          `${basename(options.file).replace(/\.txt$/, "")}.${existing?.feature ?? "unknown"}.${stamp(now()).replace(/[-:]/g, "")}.txt`,
        );
        await atomicWrite(archived, joinDoc(doc));
      }
      const at = now();
      const text = progressTemplate({
        feature,
        role,
        sessionId: options.sessionId ?? newSessionId(at),
        now: stamp(at),
      });
      await atomicWrite(options.file, text);
      return {
        created: true,
        changed: true,
        archived,
        previousFeature: existing?.feature ?? null,
        progress: progressToJson(splitDoc(text)),
      };
    },
    options.lock,
  );
}

export interface UpdateOptions extends ProgressOptions {
  note?: string;
  /** 0–100, shown as `(60% complete)`. */
  percent?: number;
  title?: string;
}

/**
 * Sets a task's status. in_progress makes it the current task; completed moves it to
 * "Completed This Session"; blocked records a blocker (the note, or "blocked").
 */
export async function update(task: string, status: string, options: UpdateOptions) {
  const id = checkName("task", task);
  const st = checkStatus(status);
  if (
    options.percent !== undefined &&
    (!Number.isInteger(options.percent) || options.percent < 0 || options.percent > 100)
  ) {
    throw new WfError("E_USAGE_PERCENT", `expected a percent from 0 to 100, got ${options.percent}`, {
      hint: "e.g. --percent 60",
    });
  }
  const note = options.note === undefined ? undefined : oneLine(options.note);
  const title = options.title === undefined ? undefined : oneLine(options.title);
  const r = await mutateProgress(options, (doc) => {
    const sections = scan(doc);
    const found = (["completed", "inProgress"] as const).flatMap((key) =>
      (section(sections, key)?.items ?? [])
        .map((item) => ({ item, task: parseTask(doc, item, key === "completed") }))
        .filter((x) => x.task?.id === id),
    );
    const prev = found[0];
    const name = title || prev?.task?.title;
    const percent = st === "completed" ? undefined : (options.percent ?? prev?.task?.percent);
    const subs = [...(prev?.item.sub ?? [])];
    if (note && st !== "blocked" && !subs.includes(note)) subs.push(note);
    const unchanged =
      prev &&
      found.length === 1 &&
      prev.task!.status === st &&
      prev.task!.percent === percent &&
      (!title || title === prev.task!.title) &&
      subs.length === prev.item.sub.length;
    if (!unchanged) {
      removeItems(
        doc,
        found.map((f) => f.item),
      );
      appendItem(doc, st === "completed" ? "completed" : "inProgress", taskLine(id, name, st, percent), subs);
    }
    let resolved: string[] = [];
    if (st === "in_progress" || st === "completed" || st === "skipped") {
      const own = (section(scan(doc), "blockers")?.items ?? []).filter((it) => it.text.startsWith(`${id}:`));
      removeItems(doc, own);
      resolved = own.map((it) => it.text);
    }
    if (st === "blocked") {
      const text = `${id}: ${note || "blocked"}`;
      const blockers = progressToJson(doc).blockers;
      if (!blockers.includes(text)) appendItem(doc, "blockers", text);
    }
    const current = progressToJson(doc).current_task;
    if (st === "in_progress") setCurrent(doc, id, name);
    else if (current === id && st !== "blocked") {
      const next = progressToJson(doc).tasks.find((t) => t.status === "in_progress");
      setCurrent(doc, next?.id, next?.title);
    }
    return { before: prev?.task?.status, resolved };
  });
  if (r.changed) {
    const base = { task: id, feature: r.progress.feature, session: r.progress.session_id, source: "progress" };
    await appendEvents(options.events, [
      ...statusEvents(id, r.result.before, st, r.progress, note),
      ...r.result.resolved.map((blocker) => ({ event: "blocker_resolved", ...base, blocker })),
    ]);
  }
  return r;
}

function taskLine(id: string, title: string | undefined, status: TaskStatus, percent: number | undefined): string {
  const meta = [
    status === "in_progress" || status === "completed" ? "" : status,
    percent === undefined ? "" : `${percent}% complete`,
  ]
    .filter(Boolean)
    .join(", ");
  const box = status === "completed" ? "[x]" : "[ ]";
  const rest = [title, meta && `(${meta})`].filter(Boolean).join(" ");
  return title ? `${box} ${id}: ${rest}` : `${box} ${id}${rest ? ` ${rest}` : ""}`;
}

function setCurrent(doc: ProgressDoc, id: string | undefined, title: string | undefined): void {
  // The bash workflow's file keeps the task id in current_task and has no task_id line.
  if (dialect(doc) === "plain") {
    setValue(doc, "state", "current_task", id ?? "none");
    return;
  }
  setValue(doc, "state", "current_task", id ? (title ?? id) : "none");
  setValue(doc, "state", "task_id", id ?? "none");
}

function text(kind: string, value: string): string {
  const line = oneLine(value ?? "");
  if (!line)
    throw new WfError("E_USAGE_TEXT", `expected the ${kind} text, got an empty one`, {
      hint: `e.g. wf-task progress ${kind} "…"`,
    });
  return line;
}

/** Adds a note for the next session. */
export async function addNote(note: string, options: ProgressOptions) {
  const line = text("note", note);
  return mutateProgress(options, (doc) => appendItem(doc, "notes", line));
}

/** Records files modified this session (stored relative to the root; each once). */
export async function markFile(paths: string | string[], options: ProgressOptions) {
  const list = (Array.isArray(paths) ? paths : [paths])
    .map((p) => text("file", p))
    .map((p) => relativePath(p, options.root));
  return mutateProgress(options, (doc) => {
    const added: string[] = [];
    for (const p of list) {
      if (progressToJson(doc).files.includes(p)) continue;
      appendItem(doc, "files", p);
      added.push(p);
    }
    return added;
  });
}

function relativePath(path: string, root: string | undefined): string {
  if (!root || !isAbsolute(path)) return path.split(sep).join("/").replace(/^\.\//, "");
  const rel = relative(root, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : path;
}

/** Records a key decision. */
export async function addDecision(decision: string, options: ProgressOptions) {
  const line = text("decision", decision);
  return mutateProgress(options, (doc) => appendItem(doc, "decisions", line));
}

/** Adds a question for the human. */
export async function addQuestion(question: string, options: ProgressOptions) {
  const line = text("question", question);
  return mutateProgress(options, (doc) => appendItem(doc, "questions", line));
}

/** Records a blocker; with `task`, written `TASK: text` so clearing it can name the task. */
export async function setBlocker(blocker: string, options: ProgressOptions & { task?: string }) {
  const line = text("blocker", blocker);
  const full = options.task ? `${checkName("task", options.task)}: ${line}` : line;
  const r = await mutateProgress(options, (doc) => {
    if (!progressToJson(doc).blockers.includes(full)) appendItem(doc, "blockers", full);
  });
  if (r.changed)
    await appendEvents(options.events, [
      {
        event: "blocker_added",
        blocker: full,
        task: options.task ?? null,
        feature: r.progress.feature,
        session: r.progress.session_id,
        source: "progress",
      },
    ]);
  return r;
}

/**
 * Clears blockers: all of them without `match`; else those equal to it, starting with
 * `<match>:` (a task id), or at that 1-based position. None matching is E_USAGE_NOT_FOUND.
 */
export async function clearBlocker(match: string | undefined, options: ProgressOptions) {
  const r = await mutateProgress(options, (doc) => {
    const items = (section(scan(doc), "blockers")?.items ?? []).filter((it) => !isPlaceholder(it.text));
    const hit =
      match === undefined
        ? items
        : items.filter((it, i) => it.text === match || it.text.startsWith(`${match}:`) || String(i + 1) === match);
    if (match !== undefined && hit.length === 0) {
      throw new WfError("E_USAGE_NOT_FOUND", `no blocker matches ${JSON.stringify(match)}`, {
        hint: items.length
          ? `blockers: ${items.map((it, i) => `${i + 1}. ${it.text}`).join("; ")}`
          : "there are no blockers",
      });
    }
    removeItems(doc, hit);
    return hit.map((it) => it.text);
  });
  const events = r.result.map((blocker) => ({
    event: "blocker_resolved",
    blocker,
    task: /^([^\s:]+):/.exec(blocker)?.[1] ?? null,
    feature: r.progress.feature,
    session: r.progress.session_id,
    source: "progress",
  }));
  await appendEvents(options.events, events);
  return r;
}

/** Re-checks the file and writes it to disk with a fresh last_updated. */
export async function save(options: ProgressOptions) {
  const now = options.now ?? (() => new Date());
  return withLock(
    options.file,
    async () => {
      const doc = await readProgressDoc(options.file);
      if (!doc) throw missing(options.file);
      setValue(doc, "info", "last_updated", stamp(now()));
      await atomicWrite(options.file, joinDoc(doc));
      return progressToJson(doc);
    },
    options.lock,
  );
}

/** The progress file as JSON; E_PROGRESS_MISSING (exit 2) when there is none. */
export async function read(options: Pick<ProgressOptions, "file">): Promise<ProgressJson> {
  const progress = await readProgressFile(options.file);
  if (!progress) throw missing(options.file);
  return progress;
}
