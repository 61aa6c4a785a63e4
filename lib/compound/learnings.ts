import { readFile } from "node:fs/promises";
import * as v from "valibot";
import { WfError } from "../core/errors.ts";
import { atomicWrite } from "../util/atomic-write.ts";
import { withLock } from "../util/lock.ts";

/** Kinds of learning. */
export const LEARNING_TYPES = ["bug", "pattern", "anti_pattern"] as const;
export type LearningType = (typeof LEARNING_TYPES)[number];

/** One learning in `.ai/project/learnings.yaml`. */
export const LearningSchema = v.object({
  id: v.string(),
  type: v.picklist(LEARNING_TYPES),
  description: v.string(),
  solution: v.string(),
  /** The rule the next session reads in CLAUDE.md. */
  rule: v.string(),
  date: v.string(),
  author: v.string(),
  files: v.array(v.string()),
  commit: v.nullable(v.string()),
  /** How many times the same rule was captured. */
  count: v.number(),
  last_seen: v.string(),
  /** Set by `compound stale --prune`: out of CLAUDE.md, kept here with why. */
  archived: v.optional(v.object({ date: v.string(), reasons: v.array(v.string()) })),
});
export type Learning = v.InferOutput<typeof LearningSchema>;

const FileSchema = v.object({ version: v.literal(1), learnings: v.array(LearningSchema) });

/** The learnings file's entries; [] when missing; a corrupt file is an error, never overwritten. */
export async function readLearnings(file: string): Promise<Learning[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return parseLearnings(text, file);
}

/** A learnings file's entries from its text (an empty one has none); one that is not a learnings file is E_COMPOUND_CORRUPT. */
export async function parseLearnings(text: string, file: string): Promise<Learning[]> {
  // The shared YAML reader: syntax errors and alias bombs are one error with a position.
  const { readYaml } = await import("../util/yaml.ts");
  const { data: raw } = await readYaml(text, {
    file,
    code: "E_COMPOUND_CORRUPT",
    uniqueKeys: false,
    hint: "fix it by hand; wf-task never overwrites it",
  });
  const data = raw ?? { version: 1, learnings: [] };
  const parsed = v.safeParse(FileSchema, data);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join(".") ?? "";
    throw new WfError("E_COMPOUND_CORRUPT", `the learnings file is not valid at \`${path}\`: ${issue.message}`, {
      where: file,
      hint: "fix it by hand; wf-task never overwrites it",
    });
  }
  return parsed.output.learnings;
}

/** The learnings file's text, as wf-task writes it. */
export function learningsText(learnings: Learning[], stringify: (value: unknown, options: object) => string): string {
  const body = stringify({ version: 1, learnings }, { lineWidth: 0 });
  return `# Learnings captured by wf-task (\`wf-task compound capture\`). Edit with care.\n${body}`;
}

async function writeLearnings(file: string, learnings: Learning[]): Promise<void> {
  const { stringify } = await import("yaml");
  await atomicWrite(file, learningsText(learnings, stringify));
}

/** A rule's identity: case, spacing and final punctuation do not make a new rule. */
export function ruleKey(rule: string): string {
  return rule
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.!;:\s]+$/, "");
}

export interface CaptureInput {
  type: string;
  description: string;
  solution: string;
  rule: string;
  author: string;
  files?: string[];
  commit?: string | null;
  /** Clock (tests). */
  now?: Date;
}

/**
 * Records a learning, under a lock: the same rule captured again bumps its
 * count, merges files and keeps one entry. Returns the entry and whether it is new.
 */
export async function capture(file: string, input: CaptureInput): Promise<{ learning: Learning; created: boolean }> {
  if (!(LEARNING_TYPES as readonly string[]).includes(input.type)) {
    throw new WfError(
      "E_USAGE_TYPE",
      `expected a learning type of ${LEARNING_TYPES.join("|")}, got \`${input.type}\``,
      { hint: 'e.g. wf-task compound capture bug "…" "…" "…"' },
    );
  }
  for (const key of ["description", "solution", "rule"] as const) {
    if (!input[key].trim())
      throw new WfError("E_USAGE_EMPTY", `the ${key} is empty`, { hint: "give a short sentence" });
  }
  const now = (input.now ?? new Date()).toISOString();
  return withLock(file, async () => {
    const learnings = await readLearnings(file);
    const key = ruleKey(input.rule);
    const existing = learnings.find((l) => ruleKey(l.rule) === key);
    let learning: Learning;
    if (existing) {
      existing.count += 1;
      existing.last_seen = now;
      existing.files = [...new Set([...existing.files, ...(input.files ?? [])])];
      learning = existing;
    } else {
      const next = learnings.reduce((m, l) => Math.max(m, Number(/^L-(\d+)$/.exec(l.id)?.[1] ?? 0)), 0) + 1;
      learning = {
        id: `L-${String(next).padStart(3, "0")}`,
        type: input.type as LearningType,
        description: oneLine(input.description),
        solution: oneLine(input.solution),
        rule: oneLine(input.rule),
        date: now,
        author: input.author,
        files: input.files ?? [],
        commit: input.commit ?? null,
        count: 1,
        last_seen: now,
      };
      learnings.push(learning);
    }
    await writeLearnings(file, learnings);
    return { learning, created: !existing };
  });
}

/** Archives learnings (under the lock): they leave CLAUDE.md's section and stay in the file with why. */
export async function archive(file: string, reasons: Map<string, string[]>, now = new Date()): Promise<Learning[]> {
  return withLock(file, async () => {
    const learnings = await readLearnings(file);
    const archived: Learning[] = [];
    for (const l of learnings) {
      const why = reasons.get(l.id);
      if (!why || l.archived) continue;
      l.archived = { date: now.toISOString(), reasons: why };
      archived.push(l);
    }
    if (archived.length) await writeLearnings(file, learnings);
    return archived;
  });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
