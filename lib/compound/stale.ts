import { runSync } from "../core/run.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Learning } from "./learnings.ts";

/** Why a learning may no longer be true. */
export interface StaleReason {
  kind: "missing_path" | "missing_symbol" | "changed";
  /** The path or symbol concerned. */
  subject: string;
  detail: string;
}

export interface StaleLearning {
  id: string;
  rule: string;
  reasons: StaleReason[];
}

export interface StaleOptions {
  root: string;
  /** Files not searched for symbols (the learnings file and CLAUDE.md name every symbol). */
  exclude?: string[];
  /** A file whose changed lines since the learning reach this share of its lines then is "changed heavily". */
  churn?: number;
}

// A path-like word: folders and a file (a/b.ext), or a bare file name with one of these extensions;
// it starts the text or follows a space, quote or "(", and ends the text or comes before one of those or ",;:)".
const EXTENSIONS = "ts|tsx|js|jsx|mjs|cjs|py|php|go|rb|java|rs|kt|swift|cs|c|h|cpp|hpp|md|json|ya?ml|toml|sql";
const QUOTES = "`'\"";
const PATHISH = new RegExp(
  String.raw`(?:^|[\s${QUOTES}(])` +
    String.raw`((?:[\w@.-]+\/)+[\w@.-]+\.\w+|[\w-]+\.(?:${EXTENSIONS}))` +
    String.raw`(?=$|[\s${QUOTES},;:)])`,
  "g",
);
const IS_PATH = new RegExp(PATHISH.source);
const SYMBOL = /`([A-Za-z_$][\w$]*(?:(?:\.|::|#)[A-Za-z_$][\w$]*)*)(?:\(\))?`/g;

function git(root: string, args: string[]): { ok: boolean; out: string } {
  const r = runSync("git", args, { cwd: root });
  return { ok: r.code === 0, out: r.stdout.trim() };
}

/** Paths a learning names: its files, and path-like words of its text. */
export function pathsOf(learning: Learning): string[] {
  const text = `${learning.rule} ${learning.description} ${learning.solution}`;
  const out = new Set(learning.files);
  for (const m of text.matchAll(PATHISH)) out.add(m[1]!.replace(/^\.\//, ""));
  return [...out].filter((p) => !p.startsWith("/") && !p.split("/").includes(".."));
}

/** Code symbols a learning names in backticks (`refreshToken`, `Session.lock()`), minus paths. */
export function symbolsOf(learning: Learning): string[] {
  const text = `${learning.rule} ${learning.description} ${learning.solution}`;
  const out = new Set<string>();
  for (const m of text.matchAll(SYMBOL)) {
    const symbol = m[1]!;
    if (IS_PATH.test(` ${symbol} `)) continue;
    out.add(symbol);
  }
  return [...out];
}

/** The commit the learning was captured at: its own, else the last one before its date. */
function baseCommit(root: string, learning: Learning): string | undefined {
  if (
    learning.commit &&
    /^[0-9a-f]{4,40}$/i.test(learning.commit) &&
    git(root, ["cat-file", "-e", `${learning.commit}^{commit}`]).ok
  )
    return learning.commit;
  const before = git(root, ["rev-list", "-1", `--before=${learning.date}`, "HEAD"]);
  return before.ok && before.out ? before.out : undefined;
}

/**
 * Learnings that name a path or a symbol that no longer exists, or whose files changed heavily
 * since they were captured (from git history), each with why. Archived learnings are skipped.
 */
export function findStale(learnings: Learning[], options: StaleOptions): StaleLearning[] {
  const { root } = options;
  const churn = options.churn ?? 0.5;
  const exclude = (options.exclude ?? []).map((f) => `:(exclude)${f}`);
  const out: StaleLearning[] = [];
  for (const learning of learnings) {
    if (learning.archived) continue;
    const reasons: StaleReason[] = [];
    const base = baseCommit(root, learning);
    for (const path of pathsOf(learning)) {
      if (existsSync(join(root, path))) {
        if (!base) continue;
        const stat = git(root, ["diff", "--numstat", base, "--", path]).out.split("\n")[0];
        const m = /^(\d+)\s+(\d+)/.exec(stat ?? "");
        if (!m) continue;
        const before = git(root, ["show", `${base}:${path}`]);
        const lines = before.ok ? Math.max(1, before.out.split("\n").length) : 0;
        if (!lines) continue; // added after the learning: nothing it described has changed
        const changed = Number(m[1]) + Number(m[2]);
        if (changed / lines >= churn)
          reasons.push({
            kind: "changed",
            subject: path,
            detail: `${path} changed heavily since the learning (${changed} lines added or removed, it had ${lines})`,
          });
        continue;
      }
      const removed = git(root, ["log", "-1", "--diff-filter=D", "--format=%h %s", "--", path]).out;
      reasons.push({
        kind: "missing_path",
        subject: path,
        detail: removed ? `${path} was deleted in ${removed}` : `${path} does not exist`,
      });
    }
    for (const symbol of symbolsOf(learning)) {
      const name = symbol.split(/\.|::|#/).at(-1)!;
      const found = git(root, ["grep", "-q", "-w", "-F", "-e", name, "--", ".", ...exclude]);
      if (!found.ok)
        reasons.push({ kind: "missing_symbol", subject: symbol, detail: `\`${symbol}\` is not in the code any more` });
    }
    if (reasons.length) out.push({ id: learning.id, rule: learning.rule, reasons });
  }
  return out;
}
