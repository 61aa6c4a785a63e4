import { readFile } from "node:fs/promises";
import { WfError } from "../core/errors.ts";
import { atomicWrite } from "../util/atomic-write.ts";
import { withLock } from "../util/lock.ts";
import type { Learning, LearningType } from "./learnings.ts";

/** The markers around the managed section; nothing outside them is ever changed. */
export const START_MARKER = "<!-- wf-task:learnings:start -->";
export const END_MARKER = "<!-- wf-task:learnings:end -->";

export const HEADINGS: Record<LearningType, string> = {
  bug: "Bugs not to repeat",
  pattern: "Patterns to follow",
  anti_pattern: "Anti-patterns to avoid",
};

/** Default cap of the managed section, in o200k tokens (CLAUDE.md is loaded into every session). */
export const MAX_SECTION_TOKENS = 2000;

/**
 * The managed section's body: rules grouped by type, the `maxRules` most used (then most recent)
 * kept while the section stays within `maxTokens` (when a counter is given), the rest summarised
 * in one line. Archived learnings are left out.
 */
export function renderRules(
  all: Learning[],
  maxRules: number,
  cap?: { maxTokens: number; count: (text: string) => number },
): string {
  const learnings = all.filter((l) => !l.archived);
  const ranked = [...learnings].sort(
    (a, b) => b.count - a.count || b.last_seen.localeCompare(a.last_seen) || a.id.localeCompare(b.id),
  );
  let n = Math.min(maxRules, ranked.length);
  if (cap) while (n > 0 && cap.count(render(learnings, new Set(ranked.slice(0, n)))) > cap.maxTokens) n--;
  return render(learnings, new Set(ranked.slice(0, n)));
}

function render(learnings: Learning[], kept: Set<Learning>): string {
  const lines = [
    "## Learned rules",
    "",
    "_Managed by `wf-task compound update-claude-md`; edits between the markers are replaced._",
  ];
  for (const type of Object.keys(HEADINGS) as LearningType[]) {
    const rules = learnings.filter((l) => l.type === type && kept.has(l));
    if (!rules.length) continue;
    lines.push(
      "",
      `### ${HEADINGS[type]}`,
      ...rules.map((l) => `- ${l.rule}${l.count > 1 ? ` (seen ${l.count}×)` : ""}`),
    );
  }
  const rest = learnings.length - kept.size;
  if (rest > 0)
    lines.push(
      "",
      `_${rest} older or less-used rule${rest === 1 ? "" : "s"} in .ai/project/learnings.yaml (\`wf-task compound list\`)._`,
    );
  if (!learnings.length) lines.push("", "_No rules yet: `wf-task compound capture` records one._");
  return lines.join("\n");
}

/**
 * Puts `body` between the markers of `text`: appended (with the markers) when they are
 * missing, an error when they are broken. Every byte outside the markers stays as it was.
 */
export function replaceSection(text: string, body: string, file = "CLAUDE.md"): string {
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  const block = `${START_MARKER}\n${body}\n${END_MARKER}`;
  if (start < 0 && end < 0) return `${text}${text && !text.endsWith("\n") ? "\n" : ""}${text ? "\n" : ""}${block}\n`;
  if (
    start < 0 ||
    end < start ||
    text.indexOf(START_MARKER, start + 1) >= 0 ||
    text.indexOf(END_MARKER, end + 1) >= 0
  ) {
    throw new WfError(
      "E_COMPOUND_MARKERS",
      "the managed section's markers are broken (missing, repeated or out of order)",
      {
        where: file,
        hint: `keep exactly one ${START_MARKER} before one ${END_MARKER}, or remove both`,
      },
    );
  }
  return text.slice(0, start) + block + text.slice(end + END_MARKER.length);
}

/**
 * Writes the rules into CLAUDE.md's managed section (creating the file), under a lock. Pass a
 * loader rather than a list when others may capture meanwhile: it is read inside the lock, so
 * the last writer always writes every rule captured before it. Returns whether it changed.
 */
export async function updateClaudeMd(
  file: string,
  source: Learning[] | (() => Promise<Learning[]>),
  maxRules: number,
  maxTokens = MAX_SECTION_TOKENS,
): Promise<{ changed: boolean; created: boolean; rules: number; tokens: number }> {
  const { tokenCounter } = await import("../context/tokens.ts");
  const count = await tokenCounter("bpe");
  return withLock(file, async () => {
    const learnings = typeof source === "function" ? await source() : source;
    const before = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    const body = renderRules(learnings, maxRules, { maxTokens, count });
    const after = replaceSection(before ?? "# CLAUDE.md\n", body, file);
    if (after !== before) await atomicWrite(file, after);
    return {
      changed: after !== before,
      created: before === undefined,
      rules: (body.match(/^- /gm) ?? []).length,
      tokens: count(body),
    };
  });
}
