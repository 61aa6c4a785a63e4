import { runSync } from "../../core/run.ts";
import { projectPaths } from "../../config/paths.ts";
import type { LoadedConfig } from "../../config/types.ts";
import { defineCommand } from "../../core/command.ts";
import { MERGE_DRIVER_ARGS, runMergeDriver } from "../../core/merge-driver.ts";
import { WfError } from "../../core/errors.ts";
import { LEARNING_TYPES } from "../learnings.ts";
import { join, relative } from "node:path";

const gitOut = (root: string, args: string[]) => {
  const r = runSync("git", args, { cwd: root });
  return r.code === 0 ? r.stdout.trim() : "";
};

async function syncClaudeMd(loaded: LoadedConfig, maxTokens?: number) {
  const paths = projectPaths(loaded);
  const { readLearnings } = await import("../learnings.ts");
  const { updateClaudeMd } = await import("../claude-md.ts");
  return updateClaudeMd(
    paths.claudeMd,
    () => readLearnings(paths.learningsFile),
    loaded.config.compound.maxRules,
    maxTokens,
  );
}

const maxTokensArg = {
  type: "number",
  description: "Cap of CLAUDE.md's managed section in o200k tokens (default 2000)",
  valueHint: "n",
} as const;

function checkMaxTokens(n: number | undefined): number | undefined {
  if (n !== undefined && !(Number.isInteger(n) && n > 0))
    throw new WfError("E_USAGE_MAX_TOKENS", `expected --max-tokens to be a positive whole number, got ${n}`, {
      hint: "e.g. --max-tokens 2000",
    });
  return n;
}

const capture = defineCommand({
  meta: {
    name: "capture",
    description: "Record a learning (deduplicated by rule) and refresh CLAUDE.md's managed section",
    details: [
      "Author: --author, else git's user.name. Commit and files: --commit/--file, else HEAD and the files it changed.",
      "JSON: {created, learning:{id, type, description, solution, rule, date, author, files, commit, count, " +
        "last_seen}, claude_md:{changed, created, rules}|null}",
    ].join("\n"),
    examples: [
      'wf-task compound capture bug "Token refresh raced logout" "Lock the session row" "Refresh tokens under the session lock"',
    ],
  },
  args: {
    type: { type: "positional", description: "Kind of learning", required: true, choices: LEARNING_TYPES },
    description: { type: "positional", description: "What happened", required: true },
    solution: { type: "positional", description: "What fixed it", required: true },
    rule: { type: "positional", description: "The rule for next time (one line)", required: true },
    file: { type: "string", description: "A related file (repeatable)", multiple: true, valueHint: "path" },
    commit: { type: "string", description: "The related commit (default HEAD)", valueHint: "sha" },
    author: { type: "string", description: "Who learned it (default git user.name)", valueHint: "name" },
    claudeMd: { type: "boolean", description: "Refresh CLAUDE.md (--no-claude-md to skip)", default: true },
  },
  async run(ctx) {
    const loaded = await ctx.project();
    const { root } = loaded;
    const paths = projectPaths(loaded);
    const commit = ctx.args.commit ?? (gitOut(root, ["rev-parse", "--short", "HEAD"]) || null);
    if (
      commit &&
      !/^[0-9a-f]{4,40}$/i.test(commit) &&
      !gitOut(root, ["rev-parse", "--verify", "--quiet", `${commit}^{commit}`])
    ) {
      throw new WfError("E_USAGE_COMMIT", `no such commit: ${commit}`, {
        hint: "give a sha or leave --commit out for HEAD",
      });
    }
    const files = ctx.args.file.length
      ? ctx.args.file
      : commit
        ? gitOut(root, ["diff-tree", "--no-commit-id", "--name-only", "-r", commit]).split("\n").filter(Boolean)
        : [];
    const author = ctx.args.author ?? (gitOut(root, ["config", "user.name"]) || ctx.env.USER || "unknown");
    if (ctx.args.claudeMd) {
      // Broken CLAUDE.md markers stop the capture before the learning is stored (a retry would count it twice).
      const { existsSync, readFileSync } = await import("node:fs");
      const { replaceSection } = await import("../claude-md.ts");
      if (existsSync(paths.claudeMd))
        replaceSection(readFileSync(paths.claudeMd, "utf8"), "", relative(root, paths.claudeMd));
    }
    const { capture: record } = await import("../learnings.ts");
    const { learning, created } = await record(paths.learningsFile, {
      type: ctx.args.type,
      description: ctx.args.description,
      solution: ctx.args.solution,
      rule: ctx.args.rule,
      author,
      files,
      commit,
    });
    const claude = ctx.args.claudeMd ? await syncClaudeMd(loaded) : null;
    ctx.emit(
      { created, learning, claude_md: claude },
      () =>
        `${created ? "captured" : "seen again"} ${learning.id} (${learning.type}, ${learning.count}×): ` +
        `${learning.rule}${claude?.changed ? `\nupdated ${relative(root, paths.claudeMd)}` : ""}`,
    );
  },
});

const updateClaudeMd = defineCommand({
  meta: {
    name: "update-claude-md",
    description: "Write the rules into CLAUDE.md between its markers (creating it when missing)",
    details: [
      "Only the bytes between <!-- wf-task:learnings:start --> and <!-- wf-task:learnings:end --> change; " +
        "at most compound.maxRules rules, most used first, while the section stays within --max-tokens (o200k). " +
        "Archived learnings are left out.",
      "JSON: {file, changed, created, rules, tokens}",
    ].join("\n"),
  },
  args: { "max-tokens": maxTokensArg },
  async run(ctx) {
    const loaded = await ctx.project();
    const result = await syncClaudeMd(loaded, checkMaxTokens(ctx.args["max-tokens"]));
    const file = relative(loaded.root, projectPaths(loaded).claudeMd);
    ctx.emit(
      { file, ...result },
      () => `${result.created ? "created" : result.changed ? "updated" : "unchanged"} ${file} (${result.rules} rules)`,
    );
  },
});

const stale = defineCommand({
  meta: {
    name: "stale",
    description:
      "Learnings that may no longer be true: a path or symbol they name is gone, or their files changed heavily",
    details:
      "Paths: the learning's files and path-like words of its text; " +
      "symbols: names in backticks, searched with git grep (the learnings file and CLAUDE.md excluded); " +
      "churn: lines added+removed since the learning's commit (or its date) over the file's lines then.\n" +
      "Exit 1 when a learning may be stale (0 with --prune, " +
      "which archives them: kept in the learnings file with why, and CLAUDE.md's section rewritten without them).\n" +
      "JSON: {checked, stale:[{id, rule, reasons:[{kind: missing_path|missing_symbol|changed, subject, detail}]}], " +
      "pruned:[id], claude_md:{changed, created, rules, tokens}|null}",
    examples: ["wf-task compound stale", "wf-task compound stale --prune", "wf-task compound stale --churn 0.8 --json"],
  },
  args: {
    prune: { type: "boolean", description: "Archive the stale learnings out of CLAUDE.md's section" },
    churn: {
      type: "number",
      description: "Share of a file's lines changed that counts as heavily (default 0.5)",
      valueHint: "0..n",
    },
    "max-tokens": maxTokensArg,
  },
  async run(ctx) {
    const churn = ctx.args.churn;
    if (churn !== undefined && !(churn > 0))
      throw new WfError("E_USAGE_CHURN", `expected --churn to be positive, got ${churn}`, {
        hint: "e.g. --churn 0.5 (half the file's lines)",
      });
    const maxTokens = checkMaxTokens(ctx.args["max-tokens"]);
    const loaded = await ctx.project();
    const paths = projectPaths(loaded);
    if (!gitOut(loaded.root, ["rev-parse", "--git-dir"]))
      throw new WfError("E_PREREQ_GIT", `${loaded.root} is not in a git repository`, {
        hint: "compound stale reads the history: run it inside the project's repository",
      });
    const { readLearnings, archive } = await import("../learnings.ts");
    const { findStale } = await import("../stale.ts");
    const learnings = await readLearnings(paths.learningsFile);
    const found = findStale(learnings, {
      root: loaded.root,
      churn,
      exclude: [relative(loaded.root, paths.learningsFile), relative(loaded.root, paths.claudeMd)],
    });
    let pruned: string[] = [];
    let claude = null;
    if (ctx.args.prune && found.length) {
      pruned = (
        await archive(paths.learningsFile, new Map(found.map((s) => [s.id, s.reasons.map((r) => r.detail)])))
      ).map((l) => l.id);
      claude = await syncClaudeMd(loaded, maxTokens);
    }
    const checked = learnings.filter((l) => !l.archived).length;
    const updated = claude?.changed ? ` and updated ${relative(loaded.root, paths.claudeMd)}` : "";
    const outcome = pruned.length
      ? `; archived ${pruned.join(", ")}${updated}`
      : found.length
        ? " (--prune archives them)"
        : "";
    ctx.emit({ checked, stale: found, pruned, claude_md: claude }, () =>
      [
        ...found.flatMap((s) => [`${s.id}  ${s.rule}`, ...s.reasons.map((r) => `    ${r.detail}`)]),
        `${found.length} of ${checked} learning${checked === 1 ? "" : "s"} may be stale${outcome}`,
      ].join("\n"),
    );
    return found.length && !ctx.args.prune ? 1 : 0;
  },
});

const track = defineCommand({
  meta: {
    name: "track",
    description: "Append an event (task_completed, task_reopened, session_started, regression …) to events.jsonl",
    details:
      "Metadata is a JSON object: task, files, session, resumed … (see docs/compound.md).\nJSON: the event written, {event, ts, …metadata}",
    examples: ['wf-task compound track task_completed \'{"task":"BE-003","files":["src/auth.ts"]}\''],
  },
  args: {
    event: { type: "positional", description: "Event name (snake_case)", required: true },
    metadata: { type: "positional", description: "A JSON object" },
  },
  async run(ctx) {
    let metadata: Record<string, unknown> = {};
    if (ctx.args.metadata !== undefined) {
      try {
        metadata = JSON.parse(ctx.args.metadata);
      } catch (error) {
        throw new WfError("E_USAGE_JSON", `expected the metadata to be JSON: ${(error as Error).message}`, {
          hint: `e.g. '{"task":"BE-003"}'`,
        });
      }
      if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata))
        throw new WfError("E_USAGE_JSON", "expected the metadata to be a JSON object", {
          hint: `e.g. '{"task":"BE-003"}'`,
        });
    }
    const loaded = await ctx.project();
    const { trackEvent } = await import("../events.ts");
    const entry = await trackEvent(join(projectPaths(loaded).metricsDir, "events.jsonl"), ctx.args.event, metadata);
    ctx.emit(entry, () => `tracked ${entry.event} at ${entry.ts}`);
  },
});

const metricsArgs = {
  days: { type: "number", description: "Length of the period", default: 30, valueHint: "n" },
  now: { type: "string", description: "End of the period (ISO date; default now)", valueHint: "date" },
} as const;

async function metricsFor(ctx: { args: { days?: number; now?: string }; project(): Promise<LoadedConfig> }) {
  const days = ctx.args.days ?? 30;
  if (!(days > 0))
    throw new WfError("E_USAGE_DAYS", `expected --days to be positive, got ${days}`, { hint: "e.g. --days 30" });
  const now = ctx.args.now ? new Date(ctx.args.now) : new Date();
  if (Number.isNaN(now.getTime()))
    throw new WfError("E_USAGE_DATE", `expected --now to be an ISO date, got \`${ctx.args.now}\``, {
      hint: "e.g. --now 2026-03-31",
    });
  const loaded = await ctx.project();
  const { getMetrics } = await import("../metrics.ts");
  const eventsFile = join(projectPaths(loaded).metricsDir, "events.jsonl");
  return {
    loaded,
    metrics: await getMetrics({
      root: loaded.root,
      eventsFile,
      now,
      days,
      windowDays: loaded.config.compound.firstPassWindowDays,
    }),
  };
}

const metrics = defineCommand({
  meta: {
    name: "metrics",
    description: "First-pass rate, context reuse and regression rate, with the trend against the previous period",
    details: [
      "Definitions in docs/compound.md. Rates are 0..1 or null when nothing was counted.",
      "JSON: {days, from, to, first_pass_rate, context_reuse, regression_rate, counts:{tasks_completed, first_pass, " +
        "sessions, sessions_reusing, regressions}, previous:{…}, trend:{first_pass_rate, context_reuse, " +
        "regression_rate}}",
    ].join("\n"),
  },
  args: metricsArgs,
  async run(ctx) {
    const { metrics: m } = await metricsFor(ctx);
    const { renderMetrics } = await import("../report.ts");
    ctx.emit(m, () => renderMetrics(m));
  },
});

const list = defineCommand({
  meta: {
    name: "list",
    description: "List the learnings",
    details:
      "JSON: {learnings:[{id, type, description, solution, rule, date, author, files, commit, count, last_seen}]}",
  },
  args: { type: { type: "string", description: "Only this type", choices: LEARNING_TYPES, valueHint: "type" } },
  async run(ctx) {
    const loaded = await ctx.project();
    const { readLearnings } = await import("../learnings.ts");
    const learnings = (await readLearnings(projectPaths(loaded).learningsFile)).filter(
      (l) => !ctx.args.type || l.type === ctx.args.type,
    );
    ctx.emit({ learnings }, () =>
      learnings.length
        ? learnings.map((l) => `${l.id}  ${l.type.padEnd(12)} ${String(l.count).padStart(3)}×  ${l.rule}`).join("\n")
        : "no learnings yet",
    );
  },
});

const report = defineCommand({
  meta: {
    name: "report",
    description: "A Markdown report: metrics with trend, then the learnings",
    details: "JSON: {markdown, metrics, learnings}",
  },
  args: metricsArgs,
  async run(ctx) {
    const { loaded, metrics: m } = await metricsFor(ctx);
    const { readLearnings } = await import("../learnings.ts");
    const { renderReport } = await import("../report.ts");
    const learnings = await readLearnings(projectPaths(loaded).learningsFile);
    const markdown = renderReport(m, learnings);
    if (ctx.json) ctx.emit({ markdown, metrics: m, learnings }, "");
    else ctx.stdout.write(markdown);
  },
});

const mergeFile = defineCommand({
  meta: {
    name: "merge-file",
    description: "git's merge driver for the learnings file (by rule) or, with --claude-md, CLAUDE.md's learned rules",
    details: [
      "Called by git as `merge-file [--claude-md] %O %A %B` (`parallel merge` sets it up; docs/compound.md): writes the",
      "merge into <current>. Learnings: one entry per rule; a rule on both sides has its sightings added and its files",
      "joined; a rule new on one side is added (renumbered when the other side used its id); a rule one side removed",
      "and the other left alone is removed. CLAUDE.md: the managed section's rule lines merge the same way under their",
      "headings; outside the markers, one side's change is taken. What cannot merge (a side that does not read, both",
      "changing the text outside the markers) goes to git's line merge (`git merge-file`): written when clean (exit 0),",
      "else <current> gets git's conflict markers, exit 1.",
      "JSON: {file, merged: bool}",
    ].join("\n"),
    examples: ["git config merge.wf-learnings.driver 'wf-task compound merge-file %O %A %B'"],
  },
  args: {
    ...MERGE_DRIVER_ARGS,
    "claude-md": { type: "boolean", description: "Merge CLAUDE.md instead of the learnings file" },
  },
  async run(ctx) {
    const { mergeClaudeMd, mergeLearnings } = await import("../merge.ts");
    const files = [ctx.args.ancestor, ctx.args.current, ctx.args.other] as [string, string, string];
    return runMergeDriver(ctx, files, ctx.args["claude-md"] ? mergeClaudeMd : mergeLearnings);
  },
});

export default defineCommand({
  meta: { name: "compound", description: "Capture learnings, update CLAUDE.md, track events and metrics" },
  subCommands: {
    capture,
    "update-claude-md": updateClaudeMd,
    stale,
    track,
    metrics,
    list,
    report,
    "merge-file": mergeFile,
  },
});
