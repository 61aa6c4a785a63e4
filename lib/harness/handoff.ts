// The handoff that survives compaction. Before Claude Code compacts a session (PreCompact hook),
// wf-task reads the transcript — the last user request, the open todo list of the latest
// TodoWrite, the files written or edited, the decisions stated — and writes them with the
// progress file's current task into a bounded `## Handoff` section of the progress file, replaced
// each time. SessionStart after a compaction (or a resume) puts the handoff first, each file
// claim checked against the file's git blob id and marked when stale.
import { readFileSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import type { ProgressDoc } from "./progress-doc.ts";
import { nodeCrypto } from "../util/hash.ts";

/** Claude Code's PreCompact hook input. */
export interface PreCompactInput {
  session_id?: string;
  transcript_path?: string;
  cwd?: string;
  hook_event_name?: string;
  /** manual | auto */
  trigger?: string;
  custom_instructions?: string;
}

/** A todo of TodoWrite. */
export interface HandoffTodo {
  content: string;
  status: string;
}

/** A file the session wrote or edited, with its git blob id when the handoff was written (null: missing then). */
export interface HandoffFile {
  path: string;
  action: "wrote" | "edited";
  blob: string | null;
}

/** What a handoff holds. */
export interface Handoff {
  written: string;
  session_id: string | null;
  trigger: string | null;
  request: string | null;
  current_task: string | null;
  todos: HandoffTodo[];
  files: HandoffFile[];
  decisions: string[];
}

/** A handoff as restored: each file checked now. */
export interface HandoffView extends Handoff {
  files: (HandoffFile & { stale: null | "missing" | "changed" })[];
}

/** Bounds of the section: it stays small whatever the transcript. */
export const HANDOFF_LIMITS = { todos: 15, files: 25, decisions: 8, text: 240, request: 600 } as const;

export const HANDOFF_TITLE = "Handoff";
const HEADING = /^##\s+handoff\s*#*\s*$/i;
const ANY_HEADING = /^##\s+/;

const clip = (text: string, max: number) => {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
};

/** The git blob id of a file's bytes (what `git hash-object` prints), or null when it does not exist. */
export function blobId(file: string): string | null {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return null;
  }
  return nodeCrypto().createHash("sha1").update(`blob ${data.length}\0`).update(data).digest("hex");
}

type Block = { type?: string; text?: string; name?: string; input?: Record<string, unknown> };

// A line that records a decision: starts with one of these phrases, or says "decided to" anywhere.
const DECISION_STARTS = [
  "decision:",
  "decided\\b",
  "we decided",
  "i decided",
  "i(?:'ll| will) go with",
  "going with",
  "we(?:'ll| will) go with",
  "we chose",
  "i chose",
  "chose\\b",
  "let's use",
  "we(?:'ll| will) use",
  "i(?:'ll| will) use",
];
const DECISION = new RegExp(`^(?:${DECISION_STARTS.join("|")})|\\bdecided to\\b`, "i");

/** Facts from a Claude Code transcript (JSONL): last user request, latest todos, files touched, decisions. */
export function readTranscript(
  text: string,
  root: string,
): Omit<Handoff, "written" | "session_id" | "trigger" | "current_task"> {
  let request: string | null = null;
  let todos: HandoffTodo[] = [];
  const files = new Map<string, HandoffFile["action"]>();
  const decisions: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    let entry: {
      type?: string;
      isMeta?: boolean;
      isSidechain?: boolean;
      message?: { role?: string; content?: unknown };
    };
    try {
      entry = JSON.parse(line);
    } catch {
      continue; // a torn last line, or not JSON
    }
    if (!entry || typeof entry !== "object" || entry.isSidechain) continue;
    const content = entry.message?.content;
    const blocks: Block[] =
      typeof content === "string"
        ? [{ type: "text", text: content }]
        : Array.isArray(content)
          ? (content as Block[])
          : [];
    if (entry.type === "user" && !entry.isMeta) {
      const said = blocks
        .filter((b) => b?.type === "text" && typeof b.text === "string")
        .map((b) => b.text!)
        .join("\n")
        .trim();
      if (said && !/^<(command-|local-command|system-reminder)/.test(said) && !said.startsWith("Caveat:"))
        request = said;
    } else if (entry.type === "assistant") {
      for (const b of blocks) {
        if (b?.type === "tool_use" && b.input && typeof b.input === "object") {
          if (b.name === "TodoWrite" && Array.isArray(b.input.todos)) {
            todos = (b.input.todos as Record<string, unknown>[])
              .filter((t) => t && typeof t.content === "string")
              .map((t) => ({
                content: String(t.content),
                status: typeof t.status === "string" ? t.status : "pending",
              }));
          } else if (b.name === "Write" || b.name === "Edit" || b.name === "MultiEdit" || b.name === "NotebookEdit") {
            const p = b.input.file_path ?? b.input.notebook_path;
            if (typeof p !== "string" || !p) continue;
            const rel = isAbsolute(p) ? relative(root, p) : p;
            const path = rel.startsWith("..") ? p : rel.split(sep).join("/");
            // Written (created or replaced) in this session stays "wrote" through later edits.
            const action = b.name === "Write" || files.get(path) === "wrote" ? "wrote" : "edited";
            files.delete(path); // latest last
            files.set(path, action);
          }
        } else if (b?.type === "text" && typeof b.text === "string") {
          for (const sentence of b.text.split(/\n+|(?<=[.!?])\s+/)) {
            const s = sentence
              .replace(/^[-*\d.)\s]+/, "")
              .replace(/\*\*/g, "")
              .trim();
            if (s && DECISION.test(s)) {
              const d = clip(s, HANDOFF_LIMITS.text);
              const at = decisions.indexOf(d);
              if (at >= 0) decisions.splice(at, 1);
              decisions.push(d);
            }
          }
        }
      }
    }
  }
  return {
    request: request && clip(request, HANDOFF_LIMITS.request),
    todos: todos
      .filter((t) => t.status !== "completed")
      .slice(0, HANDOFF_LIMITS.todos)
      .map((t) => ({ content: clip(t.content, HANDOFF_LIMITS.text), status: t.status })),
    files: [...files]
      .slice(-HANDOFF_LIMITS.files)
      .map(([path, action]) => ({ path, action, blob: blobId(isAbsolute(path) ? path : join(root, path)) })),
    decisions: decisions.slice(-HANDOFF_LIMITS.decisions),
  };
}

/** The section's lines (heading first). Every line is one list item: nothing in it can open a heading, fence or comment. */
export function handoffLines(h: Handoff): string[] {
  const safe = (s: string) => clip(s, HANDOFF_LIMITS.request).replace(/-->/g, "-- >");
  return [
    `## ${HANDOFF_TITLE}`,
    "<!-- Written before a compaction by `wf-task resume --hook claude-precompact`; replaced each time. -->",
    `- written: ${h.written}`,
    `- session: ${safe(h.session_id ?? "none")}${h.trigger ? ` (trigger: ${safe(h.trigger)})` : ""}`,
    `- request: ${h.request ? safe(h.request) : "none"}`,
    `- current_task: ${h.current_task ? safe(h.current_task) : "none"}`,
    ...h.todos.map((t) => `- todo [${safe(t.status)}]: ${safe(t.content)}`),
    ...h.files.map((f) => `- ${f.action}: ${safe(f.path)} @ ${f.blob ? f.blob.slice(0, 12) : "missing"}`),
    ...h.decisions.map((d) => `- decision: ${safe(d)}`),
    "",
  ];
}

/** Where the Handoff section is: heading index and end (next `## ` heading or end of file). */
function locate(lines: string[]): { start: number; end: number } | null {
  const start = lines.findIndex((l) => HEADING.test(l.replace(/\r$/, "")));
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && !ANY_HEADING.test(lines[end]!)) end++;
  return { start, end };
}

/** Replaces (or appends) the Handoff section of a progress document, in place. */
export function setHandoff(doc: ProgressDoc, h: Handoff): void {
  const lines = handoffLines(h).map((l) => (doc.eol === "\r\n" && l ? `${l}\r` : l));
  const at = locate(doc.lines);
  if (at) {
    doc.lines.splice(at.start, at.end - at.start, ...lines);
    return;
  }
  while (doc.lines.length && doc.lines.at(-1)!.trim() === "") doc.lines.pop();
  doc.lines.push("", ...lines);
}

/** Reads the Handoff section from a progress file's lines; null when there is none. */
export function parseHandoff(lines: string[]): Handoff | null {
  const at = locate(lines);
  if (!at) return null;
  const h: Handoff = {
    written: "",
    session_id: null,
    trigger: null,
    request: null,
    current_task: null,
    todos: [],
    files: [],
    decisions: [],
  };
  for (const raw of lines.slice(at.start + 1, at.end)) {
    const m = /^- ([a-z_]+)(?: \[([^\]]*)\])?: (.*)$/.exec(raw.replace(/\r$/, ""));
    if (!m) continue;
    const [, key, tag, value] = m as unknown as [string, string, string | undefined, string];
    const none = value === "none" ? null : value;
    if (key === "written") h.written = value;
    else if (key === "session") {
      const s = /^(.*?)(?: \(trigger: (.*)\))?$/.exec(value)!;
      h.session_id = s[1] === "none" ? null : s[1]!;
      h.trigger = s[2] ?? null;
    } else if (key === "request") h.request = none;
    else if (key === "current_task") h.current_task = none;
    else if (key === "todo") h.todos.push({ content: value, status: tag ?? "pending" });
    else if (key === "wrote" || key === "edited") {
      const f = /^(.*) @ ([0-9a-f]+|missing)$/.exec(value);
      h.files.push({ path: f ? f[1]! : value, action: key, blob: f && f[2] !== "missing" ? f[2]! : null });
    } else if (key === "decision") h.decisions.push(value);
  }
  return h;
}

/** Checks each file claim of a handoff against the file as it is now (its git blob id). */
export function checkHandoff(h: Handoff, root: string): HandoffView {
  return {
    ...h,
    files: h.files.map((f) => {
      const now = blobId(isAbsolute(f.path) ? f.path : join(root, f.path));
      const stale = now === null ? "missing" : f.blob === null || !now.startsWith(f.blob) ? "changed" : null;
      return { ...f, stale };
    }),
  };
}

/** The handoff as the restored context shows it. */
export function renderHandoff(v: HandoffView): string {
  const mark = (f: HandoffView["files"][number]) =>
    f.stale === "missing"
      ? "  [stale: no longer exists]"
      : f.stale === "changed"
        ? "  [stale: changed since the handoff]"
        : "";
  return [
    `=== Handoff (written ${v.written || "?"} before the compaction) ===`,
    `Last request: ${v.request ?? "none recorded"}`,
    `Current task: ${v.current_task ?? "none"}`,
    ...(v.todos.length
      ? ["Open todos:", ...v.todos.map((t) => `  - [${t.status}] ${t.content}`)]
      : ["Open todos: none"]),
    ...(v.files.length
      ? ["Files written or edited:", ...v.files.map((f) => `  - ${f.path} (${f.action})${mark(f)}`)]
      : []),
    ...(v.decisions.length ? ["Decisions:", ...v.decisions.map((d) => `  - ${d}`)] : []),
  ].join("\n");
}

/** What the PreCompact hook needs from a command context. */
interface HookContext {
  cwd: string;
  env: Record<string, string | undefined>;
  stdin: import("node:stream").Readable;
  project(dir?: string): Promise<import("../core/project.ts").Project>;
}

/**
 * The PreCompact hook: reads the transcript and writes the handoff into the progress file,
 * under its lock. Never throws: a problem becomes a `systemMessage` (`{}` when all went well).
 */
export async function preCompactHook(
  ctx: HookContext,
  now: () => Date = () => new Date(),
): Promise<{ systemMessage?: string }> {
  try {
    const { readHookInput } = await import("./hook.ts");
    const input = (await readHookInput(ctx.stdin)) as PreCompactInput;
    const { resolve } = await import("node:path");
    const cwd = typeof input.cwd === "string" && input.cwd ? resolve(ctx.cwd, input.cwd) : ctx.cwd;
    const loaded = await ctx.project(cwd);
    const [{ projectPaths }, { mutateProgress }, { progressToJson }, { taskLabel }] = await Promise.all([
      import("../config/paths.ts"),
      import("./progress-ops.ts"),
      import("./progress.ts"),
      import("./render.ts"),
    ]);
    const paths = projectPaths(loaded);
    let facts: ReturnType<typeof readTranscript> = { request: null, todos: [], files: [], decisions: [] };
    let note = "";
    if (typeof input.transcript_path === "string" && input.transcript_path) {
      try {
        facts = readTranscript(readFileSync(resolve(cwd, input.transcript_path), "utf8"), paths.root);
      } catch (error) {
        note = ` (transcript unreadable: ${(error as Error).message.split("\n")[0]})`;
      }
    } else note = " (no transcript_path in the hook input)";
    await mutateProgress({ file: paths.progressFile, now }, (doc) => {
      const p = progressToJson(doc);
      const task = p.tasks.find((t) => t.id === p.current_task);
      setHandoff(doc, {
        written: now()
          .toISOString()
          .replace(/\.\d{3}Z$/, "Z"),
        session_id: typeof input.session_id === "string" ? input.session_id : null,
        trigger: typeof input.trigger === "string" ? input.trigger : null,
        current_task: task ? taskLabel(task) : p.current_task,
        ...facts,
      });
    });
    return note ? { systemMessage: `wf-task wrote the handoff${note}` } : {};
  } catch (error) {
    const e = error as { message?: string; where?: string };
    return {
      systemMessage: `wf-task could not write the handoff: ${e.where ? `${e.where}: ` : ""}${String(e?.message ?? error).split("\n")[0]}`,
    };
  }
}

/** The PreCompact entry `hooks install --claude` writes, calling wf-task through `bin`. */
export function preCompactHookEntry(bin: string): { event: "PreCompact"; command: string; timeout: number } {
  return { event: "PreCompact", command: `${bin} resume --hook claude-precompact`, timeout: 30 };
}
