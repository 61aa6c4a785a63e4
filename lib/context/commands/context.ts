import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Readable } from "node:stream";
import { defineCommand } from "../../core/command.ts";
import { WfError } from "../../core/errors.ts";
import { atomicWrite } from "../../util/atomic-write.ts";
import { readStream } from "../../util/read-stream.ts";
import { displayPath, listFiles } from "../files.ts";
import { languageOf, skeletonOf } from "../skeleton.ts";
import { tokenCounter, type TokenMode } from "../tokens.ts";

const skeleton = defineCommand({
  meta: {
    name: "skeleton",
    description:
      "Print the structure of source files without bodies (tree-sitter: TS/JS/TSX, Python, Go, PHP, Rust, Java, Ruby, C#, Kotlin, Swift, C, C++)",
    details: [
      "Folders are walked (.gitignore respected); files of other languages are skipped.",
      "JSON: {files:[{path, language, tokens, skeleton_tokens, skeleton}], tokens, skeleton_tokens}",
    ].join("\n"),
    examples: ["wf-task context skeleton src/server.ts", "wf-task context skeleton src --json"],
  },
  args: { paths: { type: "positional", description: "Files or folders", multiple: true, required: true } },
  async run(ctx) {
    const root = ctx.cwd;
    const files = await listFiles(ctx.args.paths, root, { filter: (f) => languageOf(f) !== undefined });
    const explicit = files.filter((f) => !languageOf(f));
    if (explicit.length) await skeletonOf("", explicit[0]!); // throws E_USAGE_LANGUAGE for a file given by name
    const count = ctx.json ? await tokenCounter() : undefined;
    const out: { path: string; language: string; tokens: number; skeleton_tokens: number; skeleton: string }[] = [];
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      const text = await skeletonOf(source, file, { root });
      const path = displayPath(file, root);
      if (ctx.json)
        out.push({
          path,
          language: languageOf(file)!,
          tokens: count!(source),
          skeleton_tokens: count!(text),
          skeleton: text,
        });
      else if (!ctx.quiet)
        ctx.stdout.write(
          files.length > 1 ? `${/^(python|ruby)$/.test(languageOf(file)!) ? "#" : "//"} ── ${path}\n${text}\n` : text,
        );
    }
    if (!files.length) ctx.warn(`no source files in a known language under ${ctx.args.paths.join(", ")}`);
    if (ctx.json)
      ctx.emit(
        { files: out, tokens: sum(out.map((f) => f.tokens)), skeleton_tokens: sum(out.map((f) => f.skeleton_tokens)) },
        "",
      );
  },
});

const tokens = defineCommand({
  meta: {
    name: "tokens",
    description: "Count tokens per file and in total (o200k BPE, or a fast estimate)",
    details:
      "Folders are walked with .gitignore respected; binary files are skipped.\nJSON: {mode, files:[{path, tokens}], total}",
    examples: ["wf-task context tokens src", "wf-task context tokens . --estimate --json"],
  },
  args: {
    paths: { type: "positional", description: "Files or folders (default: .)", multiple: true },
    estimate: { type: "boolean", description: "Fast estimate (≈ 4 characters a token) instead of the BPE count" },
  },
  async run(ctx) {
    const mode: TokenMode = ctx.args.estimate ? "estimate" : "bpe";
    const count = await tokenCounter(mode);
    const files: { path: string; tokens: number }[] = [];
    for (const file of await listFiles(ctx.args.paths, ctx.cwd))
      files.push({ path: displayPath(file, ctx.cwd), tokens: count(readFileSync(file, "utf8")) });
    const total = sum(files.map((f) => f.tokens));
    ctx.emit({ mode, files, total }, () =>
      [
        ...files.map((f) => `${String(f.tokens).padStart(8)}  ${f.path}`),
        `${String(total).padStart(8)}  total (${mode === "bpe" ? "o200k" : "estimate"})`,
      ].join("\n"),
    );
  },
});

const usageArgs = {
  transcript: {
    type: "string",
    description: "Claude Code transcript (JSONL); default: the progress file's files + CLAUDE.md",
    valueHint: "file",
  },
  threshold: {
    type: "number",
    description: "Token budget (default enforcement.context.compactionThreshold)",
    valueHint: "n",
  },
  hook: { type: "boolean", description: "Read a Claude Code hook's JSON on stdin and use its transcript_path" },
} as const;

/** The transcript_path of a Claude Code hook's JSON input on stdin. */
async function hookTranscript(stdin: NodeJS.ReadableStream): Promise<string> {
  const text = await readStream(stdin as Readable);
  let input: { transcript_path?: unknown };
  try {
    input = JSON.parse(text);
  } catch {
    throw new WfError("E_USAGE_HOOK", "expected the hook's JSON on stdin", {
      hint: "Claude Code passes {session_id, transcript_path, …} to hooks on stdin",
    });
  }
  if (typeof input.transcript_path !== "string" || !input.transcript_path) {
    throw new WfError("E_USAGE_HOOK", "the hook's JSON has no transcript_path", {
      hint: "use --transcript <file> instead",
    });
  }
  return input.transcript_path;
}

async function usageFor(ctx: {
  cwd: string;
  stdin: NodeJS.ReadableStream;
  args: { transcript?: string; threshold?: number; hook: boolean };
  project(): Promise<import("../../core/project.ts").Project>;
}) {
  if (ctx.args.hook && !ctx.args.transcript) ctx.args.transcript = await hookTranscript(ctx.stdin);
  const loaded = await ctx.project();
  const { sessionInputs } = await import("../session-inputs.ts");
  const { checkUsage } = await import("../usage.ts");
  const inputs = await sessionInputs(loaded);
  const threshold = ctx.args.threshold ?? loaded.config.enforcement.context.compactionThreshold;
  if (!Number.isInteger(threshold) || threshold < 1)
    throw new WfError("E_USAGE_THRESHOLD", `expected --threshold to be a positive integer, got ${threshold}`, {
      hint: "e.g. --threshold 100000",
    });
  const usage = await checkUsage({
    root: loaded.root,
    transcript: ctx.args.transcript && resolve(ctx.cwd, ctx.args.transcript),
    threshold,
    warnPercent: loaded.config.enforcement.context.warnPercent,
    alwaysFiles: [inputs.claudeMd, inputs.progressFile],
    progressFiles: inputs.progressFiles,
  });
  return { usage, inputs };
}

const usage = defineCommand({
  meta: {
    name: "usage",
    description: "Estimate how full the context is and whether to compact",
    details: [
      "From a transcript: the last assistant message's usage (input + cache read + cache creation). " +
        "Without one: tokens of CLAUDE.md, the progress file and the files it names.",
      "JSON: {estimated_tokens, threshold, usage_percent, recommend_compaction, source, files:[{path, tokens}]}",
    ].join("\n"),
  },
  args: usageArgs,
  async run(ctx) {
    const { usage: u } = await usageFor(ctx);
    const from =
      u.source === "transcript"
        ? "the transcript"
        : u.files.length
          ? u.files.map((f) => f.path).join(", ")
          : "no CLAUDE.md or progress file found";
    ctx.emit(
      u,
      () =>
        `${u.estimated_tokens} tokens of ${u.threshold} (${u.usage_percent}%, from ${from})${u.recommend_compaction ? " — compaction recommended" : ""}`,
    );
  },
});

const shouldClearCmd = defineCommand({
  meta: {
    name: "should-clear",
    description: "Exit 0 when /clear or /compact is advised (and say which and why), 1 when not",
    details: [
      "/clear when the context is past the compaction point and the current task is done; /compact when past it mid-task.",
      "With --hook (the reminder a Claude Code hook runs), enforcement.context.autoClearReminder: false makes it never advise.",
      "JSON: {advise, action: clear|compact|null, reason, usage}",
    ].join("\n"),
  },
  args: usageArgs,
  async run(ctx) {
    const { usage: u, inputs } = await usageFor(ctx);
    const { shouldClear } = await import("../usage.ts");
    const current = inputs.progress?.current_task ?? null;
    const taskDone =
      !current ||
      current === "none" ||
      (inputs.progress?.completed ?? []).includes(current) ||
      inputs.progress?.status === "completed";
    let advice = shouldClear(u, { taskDone, currentTask: current });
    // As a hook it is the reminder: enforcement.context.autoClearReminder: false turns it off.
    if (ctx.args.hook && advice.advise && !(await ctx.project()).config.enforcement.context.autoClearReminder) {
      advice = {
        ...advice,
        advise: false,
        action: null,
        reason: `reminders are off (enforcement.context.autoClearReminder: false); ${advice.reason}`,
      };
    }
    ctx.emit(advice, () => (advice.advise ? `/${advice.action}: ${advice.reason}` : `no: ${advice.reason}`));
    return advice.advise ? 0 : 1;
  },
});

const rank = defineCommand({
  meta: {
    name: "rank",
    description: "Files ordered by relevance to a task or query, with the reasons",
    details: [
      "Signals: named in the progress file or the feature spec, query terms in path, symbols and text, import distance, git recency and churn.",
      "JSON: {query, files:[{path, score, reasons:[{signal, detail, score}]}]}",
    ].join("\n"),
    examples: ['wf-task context rank "refresh token expiry" --limit 5'],
  },
  args: {
    query: { type: "positional", description: "The task or query", required: true },
    limit: { type: "number", description: "Most files listed", default: 20, valueHint: "n" },
  },
  async run(ctx) {
    const files = await ranked(ctx, ctx.args.query, ctx.args.limit ?? 20);
    ctx.emit({ query: ctx.args.query, files }, () =>
      files.length
        ? files
            .map((f) => `${f.score.toFixed(2).padStart(6)}  ${f.path}  — ${f.reasons.map((r) => r.detail).join("; ")}`)
            .join("\n")
        : "no file matches",
    );
  },
});

async function ranked(
  ctx: { project(): Promise<import("../../core/project.ts").Project> },
  query: string,
  limit: number,
) {
  if (!Number.isInteger(limit) || limit < 1)
    throw new WfError("E_USAGE_LIMIT", `expected --limit to be a positive integer, got ${limit}`, {
      hint: "e.g. --limit 10",
    });
  const loaded = await ctx.project();
  const { sessionInputs } = await import("../session-inputs.ts");
  const { prioritize } = await import("../rank.ts");
  const inputs = await sessionInputs(loaded);
  return prioritize(query, {
    root: loaded.root,
    progressFiles: inputs.progressFiles,
    specFiles: inputs.specFiles,
    limit,
  });
}

const packCmd = defineCommand({
  meta: {
    name: "pack",
    description: "A ready context for one task: ranked files as text or skeletons, up to a token budget",
    details:
      "JSON: {query, budget, used_tokens, files:[{path, mode: full|skeleton, tokens}], skipped:[{path, reason}], text, out?}",
    examples: ['wf-task context pack "refresh token expiry" --budget 8000 --out .ai/context.md'],
  },
  args: {
    query: { type: "positional", description: "The task or query", required: true },
    budget: { type: "number", description: "Token budget", required: true, valueHint: "n" },
    limit: { type: "number", description: "Most files considered", default: 50, valueHint: "n" },
    out: { type: "string", description: "Write the pack to this file instead of stdout", valueHint: "file" },
  },
  async run(ctx) {
    const budget = ctx.args.budget;
    if (budget === undefined || !Number.isInteger(budget) || budget < 1)
      throw new WfError("E_USAGE_BUDGET", `expected --budget to be a positive integer, got ${budget}`, {
        hint: "e.g. --budget 8000",
      });
    const loaded = await ctx.project();
    const files = await ranked(ctx, ctx.args.query, ctx.args.limit ?? 50);
    const { pack } = await import("../pack.ts");
    const result = await pack(ctx.args.query, files, {
      root: loaded.root,
      budget,
      skeletonMaxTokens: loaded.config.enforcement.context.skeletonMaxTokens,
    });
    if (ctx.args.out) await atomicWrite(resolve(ctx.cwd, ctx.args.out), result.text);
    if (ctx.json) ctx.emit({ ...result, out: ctx.args.out }, "");
    else if (ctx.args.out)
      ctx.print(`wrote ${ctx.args.out}: ${result.files.length} files, ${result.used_tokens}/${budget} tokens`);
    else ctx.stdout.write(result.text);
  },
});

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

const budget = defineCommand({
  meta: {
    name: "budget",
    description:
      "Tokens Claude Code loads at session start here: CLAUDE.md and imports, commands, agents, skills, output style, MCP tool schemas",
    details:
      "MCP servers (.mcp.json and the config's) are started and asked for their tools (a real tools/list); " +
      "a server that cannot start is listed with its error and counted as unknown, not 0. " +
      "Commands, agents and skills cost their name and description at start (tokens_when_used: the whole file).\n" +
      "With --max N: exit 1 when the total is over N or an item could not be measured.\n" +
      "JSON: {total, max, over, complete, items:[{kind, name, tokens, tokens_when_used?, tools?, source?, " +
      "error?:{kind, message, hint}, suggestion?}]}; " +
      "kind is claude_md | import | command | agent | skill | output_style | mcp_server",
    examples: [
      "wf-task context budget",
      "wf-task context budget --max 20000 --json",
      "wf-task context budget --no-mcp",
    ],
  },
  args: {
    max: { type: "number", description: "Budget in tokens: exit 1 over it", valueHint: "n" },
    large: {
      type: "number",
      description: "Suggest a fix for items of at least this many tokens",
      default: 2000,
      valueHint: "n",
    },
    plugin: {
      type: "string",
      description: "A plugin folder to count too (commands/, agents/, skills/)",
      multiple: true,
      valueHint: "dir",
    },
    "no-mcp": { type: "boolean", description: "Do not start the MCP servers" },
  },
  async run(ctx) {
    const { measureBudget } = await import("../budget.ts");
    const loaded = await ctx.project();
    const home = ctx.env.HOME;
    const result = await measureBudget({
      root: loaded.root,
      home: home && existsSync(home) ? home : undefined,
      env: ctx.env,
      loaded,
      plugins: ctx.args.plugin,
      large: ctx.args.large,
      noMcp: ctx.args["no-mcp"],
    });
    const max = ctx.args.max;
    const over = max !== undefined && result.total > max;
    ctx.emit({ total: result.total, max: max ?? null, over, complete: result.complete, items: result.items }, () => {
      const rows = result.items.map(
        (i) =>
          `${(i.tokens === null ? "?" : String(i.tokens)).padStart(8)}  ${i.kind.padEnd(12)}  ` +
          `${i.name}${i.tools !== undefined ? `  (${i.tools} tools)` : ""}${i.error ? `  ✗ ${i.error.message}` : ""}`,
      );
      const tips = result.items
        .filter((i) => i.suggestion || i.error)
        .map((i) => `  ${i.name}: ${i.error ? i.error.hint : i.suggestion}`);
      const partial = result.complete ? "" : ", not counting what could not be measured";
      const budgetNote =
        max !== undefined ? ` — budget ${max}: ${over ? "over" : result.complete ? "within" : "unknown"}` : "";
      return [
        ...rows,
        `${String(result.total).padStart(8)}  total (o200k tokens at session start${partial})${budgetNote}`,
        ...(tips.length ? ["", "suggestions:", ...tips] : []),
      ].join("\n");
    });
    return max !== undefined && (over || !result.complete) ? 1 : 0;
  },
});

export default defineCommand({
  meta: { name: "context", description: "Skeletons, token counts, usage, relevance ranking and packing" },
  subCommands: { skeleton, tokens, budget, usage, "should-clear": shouldClearCmd, rank, pack: packCmd },
});
