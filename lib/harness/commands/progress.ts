import { relative } from "node:path";
import { defineCommand } from "../../core/command.ts";
import { MERGE_DRIVER_ARGS, runMergeDriver } from "../../core/merge-driver.ts";
import { STATUSES } from "../names.ts";
import { harnessContext } from "../context.ts";
import {
  addDecision,
  addNote,
  addQuestion,
  clearBlocker,
  markFile,
  progressInit,
  read,
  save,
  setBlocker,
  update,
} from "../progress-ops.ts";
import { renderProgress, taskLabel } from "../render.ts";

const SHAPE =
  "{session_id, feature, role, status, current_task, started, last_updated, " +
  "tasks:[{id, title?, status, percent?, notes?}], completed:[ids], blockers[], notes[], files[], decisions[], questions[]}";
const CHANGE = `JSON: {file, changed, progress: ${SHAPE}}`;
const words = { type: "positional", required: true, multiple: true } as const;

const init = defineCommand({
  meta: {
    name: "init",
    description: "Create the progress file for a feature and role (idempotent)",
    details: [
      "Same feature already there: nothing changes. Another feature's file is moved to sessions/history/ first.",
      `JSON: {file, created, changed, archived, previous_feature, progress: ${SHAPE}}`,
    ].join("\n"),
    examples: ["wf-task progress init auth-system backend"],
  },
  args: {
    feature: { type: "positional", required: true, description: "Feature id (lower-case, dashes)" },
    role: { type: "positional", required: true, description: "Agent role, e.g. backend" },
  },
  async run(ctx) {
    const { options } = await harnessContext(ctx);
    const r = await progressInit(ctx.args.feature, ctx.args.role, options);
    ctx.emit(
      {
        file: options.file,
        created: r.created,
        changed: r.changed,
        archived: r.archived,
        previous_feature: r.previousFeature,
        progress: r.progress,
      },
      () =>
        [
          r.created
            ? `created ${rel(ctx.cwd, options.file)} for ${ctx.args.feature} (${ctx.args.role})`
            : r.changed
              ? `role set to ${ctx.args.role}`
              : `already initialized for ${ctx.args.feature}: nothing changed`,
          r.archived ? `previous feature ${r.previousFeature} archived to ${rel(ctx.cwd, r.archived)}` : "",
        ]
          .filter(Boolean)
          .join("\n"),
    );
  },
});

const upd = defineCommand({
  meta: {
    name: "update",
    description:
      "Set a task's status: in_progress makes it current, completed moves it to the completed list, blocked records a blocker",
    details: [
      `Statuses: ${STATUSES.join(", ")}. With compound.autoCapture (default on), a status change appends ` +
        "task_started / task_completed / task_reopened / task_blocked / blocker_resolved to events.jsonl.",
      CHANGE,
    ].join("\n"),
    examples: [
      'wf-task progress update BE-003 in_progress --title "Implement initializer" --percent 60',
      'wf-task progress update BE-003 completed "tests pass"',
      'wf-task progress update BE-004 blocked --note "waiting for API keys"',
    ],
  },
  args: {
    task: { type: "positional", required: true, description: "Task id, e.g. BE-003" },
    status: {
      type: "positional",
      required: true,
      description: `One of ${STATUSES.join("|")} (any case: IN_PROGRESS, ACTIVE)`,
    },
    text: {
      type: "positional",
      description: "The note, as the bash workflow's `progress_update TASK STATUS [NOTE]` takes it",
    },
    note: {
      type: "string",
      description: "A sub-item under the task (the blocker's text for blocked)",
      valueHint: "text",
    },
    percent: { type: "number", description: "Percent complete, 0–100", valueHint: "n" },
    title: { type: "string", description: "The task's title", valueHint: "text" },
  },
  async run(ctx) {
    const { options } = await harnessContext(ctx);
    const { task, status, percent, title } = ctx.args;
    const note = ctx.args.note ?? ctx.args.text;
    const r = await update(task, status, { ...options, note, percent, title });
    const t = r.progress.tasks.find((x) => x.id === task);
    ctx.emit({ file: options.file, changed: r.changed, progress: r.progress }, () =>
      r.changed ? `${t ? taskLabel(t) : task} — ${status}` : `${task} already ${status}: nothing changed`,
    );
  },
});

const readCmd = defineCommand({
  meta: {
    name: "read",
    description: "Print the progress file as JSON (the shape in docs/harness.md)",
    details: `JSON (always): ${SHAPE}`,
  },
  async run(ctx) {
    const { options } = await harnessContext(ctx);
    ctx.stdout.write(`${JSON.stringify(await read(options), null, 2)}\n`);
  },
});

const show = defineCommand({
  meta: {
    name: "show",
    description: "Show the progress file for people (--json: the same as read)",
    details: `JSON: ${SHAPE}`,
  },
  async run(ctx) {
    const { options } = await harnessContext(ctx);
    const p = await read(options);
    ctx.emit(p, () => renderProgress(p, rel(ctx.cwd, options.file)));
  },
});

/** A command that appends one line of text to a list section. */
function listCommand(name: string, description: string, what: string, op: typeof addNote) {
  return defineCommand({
    meta: { name, description, details: CHANGE, examples: [`wf-task progress ${name} "…"`] },
    args: { text: { ...words, description: what } },
    async run(ctx) {
      const { options } = await harnessContext(ctx);
      const r = await op(ctx.args.text.join(" "), options);
      ctx.emit({ file: options.file, changed: r.changed, progress: r.progress }, `${name} recorded`);
    },
  });
}

const file = defineCommand({
  meta: {
    name: "file",
    description: "Record files modified this session (each once, relative to the root)",
    details: `${CHANGE.replace("changed,", "changed, added:[paths],")}`,
    examples: ["wf-task progress file src/auth.ts src/auth.test.ts"],
  },
  args: { paths: { ...words, description: "Paths of modified files" } },
  async run(ctx) {
    const { options } = await harnessContext(ctx);
    const { resolve } = await import("node:path");
    const r = await markFile(
      ctx.args.paths.map((p) => resolve(ctx.cwd, p)),
      options,
    );
    ctx.emit(
      { file: options.file, changed: r.changed, added: r.result, progress: r.progress },
      r.result.length ? `tracking ${r.result.join(", ")}` : "already tracked: nothing changed",
    );
  },
});

const blocker = defineCommand({
  meta: {
    name: "blocker",
    description: "Record a blocker, or clear blockers with --clear",
    details: [
      "--clear alone clears every blocker; --clear <text|task id|n> clears the matching ones.",
      CHANGE.replace("changed,", "changed, cleared:[texts],"),
    ].join("\n"),
    examples: ['wf-task progress blocker "CI is red" --task BE-004', "wf-task progress blocker --clear BE-004"],
  },
  args: {
    text: { type: "positional", multiple: true, description: "The blocker (or, with --clear, what to clear)" },
    task: { type: "string", description: "The task it blocks (written as `TASK: text`)", valueHint: "id" },
    clear: { type: "boolean", description: "Clear blockers instead of adding one" },
  },
  async run(ctx) {
    const { options } = await harnessContext(ctx);
    const text = ctx.args.text.join(" ");
    if (ctx.args.clear) {
      const r = await clearBlocker(text || undefined, options);
      ctx.emit(
        { file: options.file, changed: r.changed, cleared: r.result, progress: r.progress },
        r.result.length ? `cleared: ${r.result.join("; ")}` : "no blockers",
      );
      return;
    }
    const r = await setBlocker(text, { ...options, task: ctx.args.task });
    ctx.emit({ file: options.file, changed: r.changed, cleared: [], progress: r.progress }, "blocker recorded");
  },
});

const saveCmd = defineCommand({
  meta: {
    name: "save",
    description: "Check the progress file and write it to disk with a fresh last_updated",
    details: `JSON: {file, progress: ${SHAPE}}`,
  },
  async run(ctx) {
    const { options } = await harnessContext(ctx);
    const p = await save(options);
    ctx.emit({ file: options.file, progress: p }, `saved ${rel(ctx.cwd, options.file)}`);
  },
});

const mergeFile = defineCommand({
  meta: {
    name: "merge-file",
    description: "git's merge driver for the progress file: merge by section, tasks and notes of both sides kept",
    details: [
      "Called by git as `merge-file %O %A %B` (`parallel merge` sets it up; docs/parallel.md): writes the merge into <current>.",
      "A section only one side changed comes from it; `- key: value` lines merge key by key (a value both changed from",
      "the side updated last); lists keep both sides' additions and drop what either side removed. What both changed",
      "otherwise (the title, prose) goes to git's line merge (`git merge-file`): written when clean (exit 0), else",
      "<current> gets git's conflict markers, exit 1.",
      "JSON: {file, merged: bool}",
    ].join("\n"),
    examples: ["git config merge.wf-progress.driver 'wf-task progress merge-file %O %A %B'"],
  },
  args: {
    ...MERGE_DRIVER_ARGS,
  },
  async run(ctx) {
    const { mergeProgress } = await import("../progress-merge.ts");
    return runMergeDriver(ctx, [ctx.args.ancestor, ctx.args.current, ctx.args.other], mergeProgress);
  },
});

function rel(cwd: string, path: string): string {
  const r = relative(cwd, path);
  return r && !r.startsWith("..") ? r : path;
}

export default defineCommand({
  meta: {
    name: "progress",
    description: "Read and update the progress file (claude-progress.txt)",
    details:
      "The file is Markdown (docs/harness.md): edit it by hand or through these commands. Every write is locked and atomic. " +
      "A file that does not parse is reported with its line (exit 2) and never overwritten.",
  },
  subCommands: {
    init,
    update: upd,
    read: readCmd,
    show,
    note: listCommand("note", "Add a note for the next session", "The note", addNote),
    file,
    decision: listCommand("decision", "Record a key decision", "The decision", addDecision),
    blocker,
    question: listCommand("question", "Add a question for the human", "The question", addQuestion),
    save: saveCmd,
    "merge-file": mergeFile,
  },
});
