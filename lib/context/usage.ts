import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import * as v from "valibot";
import { WfError } from "../core/errors.ts";
import { countTokens } from "./tokens.ts";

/** What `context usage --json` prints. */
export const UsageSchema = v.object({
  estimated_tokens: v.number(),
  threshold: v.number(),
  usage_percent: v.number(),
  recommend_compaction: v.boolean(),
  /** `transcript` (recorded usage of the last assistant turn) or `files` (progress file + CLAUDE.md). */
  source: v.picklist(["transcript", "files"]),
  /** Files counted when the source is `files`. */
  files: v.array(v.object({ path: v.string(), tokens: v.number() })),
});
export type Usage = v.InferOutput<typeof UsageSchema>;

/** Token usage recorded on an assistant message of a Claude Code transcript. */
interface RecordedUsage {
  input_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

/**
 * Context size from a Claude Code transcript (JSONL): the last main-thread assistant message's
 * `message.usage` — input + cache read + cache creation tokens. Null when none is recorded.
 */
export async function transcriptTokens(file: string): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new WfError(
      "E_USAGE_TRANSCRIPT",
      `cannot read transcript ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      {
        hint: "pass the transcript_path a Claude Code hook receives",
        where: file,
      },
    );
  }
  const lines = text.split("\n");
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let entry: { type?: string; isSidechain?: boolean; message?: { role?: string; usage?: RecordedUsage } };
    try {
      entry = JSON.parse(line);
    } catch {
      if (i === lines.length - 1 || lines.slice(i + 1).every((l) => !l.trim())) continue; // a line being written
      throw new WfError("E_USAGE_TRANSCRIPT", `line ${i + 1} of the transcript is not JSON`, {
        where: `${file}:${i + 1}`,
        hint: "pass a Claude Code transcript (.jsonl)",
      });
    }
    if (entry.type !== "assistant" || entry.isSidechain || !entry.message?.usage) continue;
    const u = entry.message.usage;
    return (u.input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0);
  }
  return null;
}

export interface CheckUsageOptions {
  /** The project root (relative paths resolve here). */
  root: string;
  /** A Claude Code transcript; without it the files of the progress file and CLAUDE.md are counted. */
  transcript?: string;
  threshold: number;
  /** Recommend compaction from this % of the threshold (default 80). */
  warnPercent?: number;
  /** Files named in the progress file (relative to root). */
  progressFiles?: string[];
  /** Files always in context: the progress file itself, CLAUDE.md. */
  alwaysFiles?: string[];
}

/** How full the context is against the threshold, and whether to compact. */
export async function checkUsage(options: CheckUsageOptions): Promise<Usage> {
  const warn = options.warnPercent ?? 80;
  let estimated: number | null = null;
  let source: Usage["source"] = "files";
  const files: Usage["files"] = [];
  if (options.transcript) {
    estimated = await transcriptTokens(
      isAbsolute(options.transcript) ? options.transcript : resolve(options.root, options.transcript),
    );
    source = "transcript";
  }
  if (estimated === null) {
    source = "files";
    estimated = 0;
    const seen = new Set<string>();
    for (const path of [...(options.alwaysFiles ?? []), ...(options.progressFiles ?? [])]) {
      const abs = isAbsolute(path) ? path : resolve(options.root, path);
      if (seen.has(abs)) continue;
      seen.add(abs);
      const text = await readFile(abs, "utf8").catch(() => undefined);
      if (text === undefined) continue;
      const tokens = await countTokens(text);
      files.push({ path, tokens });
      estimated += tokens;
    }
  }
  const usage_percent = Math.round((estimated / options.threshold) * 1000) / 10;
  return {
    estimated_tokens: estimated,
    threshold: options.threshold,
    usage_percent,
    recommend_compaction: usage_percent >= warn,
    source,
    files,
  };
}

/** What `context should-clear --json` prints: whether to /clear or /compact, and why. */
export interface ClearAdvice {
  advise: boolean;
  action: "clear" | "compact" | null;
  reason: string;
  usage: Usage;
}

/**
 * Advice from usage and the session state: /clear when the current task is done (a fresh
 * start costs nothing), /compact when the context is full mid-task, nothing otherwise.
 */
export function shouldClear(usage: Usage, state: { taskDone: boolean; currentTask: string | null }): ClearAdvice {
  const pct = `${usage.usage_percent}% of ${usage.threshold} tokens`;
  if (usage.recommend_compaction && state.taskDone) {
    const why = state.currentTask ? `the current task (${state.currentTask}) is done` : "no task is in progress";
    return {
      advise: true,
      action: "clear",
      reason: `context at ${pct} and ${why}: /clear and resume from the progress file`,
      usage,
    };
  }
  if (usage.recommend_compaction) {
    return {
      advise: true,
      action: "compact",
      reason: `context at ${pct} mid-task${state.currentTask ? ` (${state.currentTask})` : ""}: /compact to keep the thread`,
      usage,
    };
  }
  return { advise: false, action: null, reason: `context at ${pct}: below the compaction point`, usage };
}
