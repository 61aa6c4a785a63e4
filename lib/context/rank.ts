import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import * as v from "valibot";
import { displayPath, listFiles } from "./files.ts";
import { gitActivity } from "./git-activity.ts";
import { importDistances, importsOf } from "./import-graph.ts";
import { declaredSymbols, terms } from "./terms.ts";

/** One reason a file ranks where it does. */
export const ReasonSchema = v.object({
  signal: v.picklist(["progress", "spec", "path", "symbol", "content", "imports", "recent", "churn"]),
  detail: v.string(),
  score: v.number(),
});

/** One ranked file, as `context rank --json` prints it. */
export const RankedFileSchema = v.object({ path: v.string(), score: v.number(), reasons: v.array(ReasonSchema) });
export type RankedFile = v.InferOutput<typeof RankedFileSchema>;
type Reason = v.InferOutput<typeof ReasonSchema>;

export interface PrioritizeOptions {
  root: string;
  /** Files named in the progress file (root-relative). */
  progressFiles?: string[];
  /** Files named in the feature spec (root-relative). */
  specFiles?: string[];
  /** Most files returned (default 20). */
  limit?: number;
  /** "now" for recency, unix seconds (tests). */
  now?: number;
}

const MAX_FILE_BYTES = 512 * 1024;
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Files ordered by relevance to a task or query, each with its reasons:
 * named in the progress file or the feature spec, query terms in the path, in declared symbols
 * and in the text, import-graph distance to the files found so far, git recency and churn.
 */
export async function prioritize(query: string, options: PrioritizeOptions): Promise<RankedFile[]> {
  const { root } = options;
  const wanted = terms(query);
  const files = (await listFiles(["."], root)).map((f) => displayPath(f, root));
  const reasons = new Map<string, Reason[]>(files.map((f) => [f, []]));
  const add = (file: string, reason: Reason) => reasons.get(file)?.push({ ...reason, score: round(reason.score) });
  for (const f of options.progressFiles ?? [])
    add(f, { signal: "progress", detail: "named in the progress file", score: 10 });
  for (const f of options.specFiles ?? []) add(f, { signal: "spec", detail: "named in the feature spec", score: 8 });

  const edges = new Map<string, string[]>();
  for (const file of files) {
    if ((await stat(join(root, file))).size > MAX_FILE_BYTES) continue;
    const source = await readFile(join(root, file), "utf8");
    edges.set(file, importsOf(file, source, root));
    if (!wanted.length) continue;
    const pathTerms = new Set(terms(file));
    const baseTerms = new Set(
      terms(
        file
          .split("/")
          .at(-1)!
          .replace(/\.[^.]+$/, ""),
      ),
    );
    const inPath = wanted.filter((t) => pathTerms.has(t));
    if (inPath.length)
      add(file, {
        signal: "path",
        detail: `path has ${inPath.join(", ")}`,
        score: inPath.reduce((s, t) => s + (baseTerms.has(t) ? 6 : 3), 0),
      });
    const symbols = declaredSymbols(source).filter((s) => terms(s).some((t) => wanted.includes(t)));
    if (symbols.length)
      add(file, {
        signal: "symbol",
        detail: `declares ${symbols.slice(0, 5).join(", ")}`,
        score: Math.min(9, 3 * symbols.length),
      });
    const lower = source.toLowerCase();
    const hits = wanted.filter((t) => lower.includes(t));
    if (hits.length)
      add(file, {
        signal: "content",
        detail: `mentions ${hits.join(", ")}`,
        score: Math.min(3, (hits.length / wanted.length) * 2),
      });
  }

  const scoreOf = (f: string) => reasons.get(f)!.reduce((s, r) => s + r.score, 0);
  const seeds = files
    .filter((f) => reasons.get(f)!.some((r) => r.signal !== "content"))
    .sort((a, b) => scoreOf(b) - scoreOf(a))
    .slice(0, 5);
  for (const [file, { distance, via }] of importDistances(edges, seeds)) {
    add(file, {
      signal: "imports",
      detail: `${distance === 1 ? "imports or is imported by" : "two imports from"} ${via}`,
      score: distance === 1 ? 3 : 1,
    });
  }

  const now = options.now ?? Date.now() / 1000;
  for (const [file, activity] of gitActivity(root)) {
    if (!reasons.has(file)) continue;
    const days = Math.max(0, (now - activity.last) / 86400);
    add(file, { signal: "recent", detail: `last commit ${Math.round(days)} d ago`, score: 1.5 * Math.exp(-days / 14) });
    if (activity.commits > 1)
      add(file, {
        signal: "churn",
        detail: `${activity.commits} commits`,
        score: Math.min(1.5, Math.log2(activity.commits) / 2),
      });
  }

  // With a query, git activity only orders files that are relevant for another reason.
  const relevant = (f: string) =>
    !wanted.length || reasons.get(f)!.some((r) => r.signal !== "recent" && r.signal !== "churn");
  return files
    .filter(relevant)
    .map((path) => ({
      path,
      score: round(scoreOf(path)),
      reasons: reasons.get(path)!.sort((a, b) => b.score - a.score),
    }))
    .filter((f) => f.score > 0)
    .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path))
    .slice(0, options.limit ?? 20);
}
