import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";

/** Line coverage read from a report: the total and per file (repo-relative paths), in %. */
export interface CoverageReport {
  /** The report file, relative to the root. */
  file: string;
  format: "json-summary" | "lcov" | "clover";
  total: number | null;
  files: Map<string, number>;
}

/** Report files looked for, first found wins. */
export const COVERAGE_FILES = [
  "coverage/coverage-summary.json",
  "coverage/lcov.info",
  "lcov.info",
  "coverage/clover.xml",
  "clover.xml",
];

const pct = (covered: number, total: number) => (total === 0 ? 100 : Math.round((covered / total) * 10000) / 100);

function relTo(root: string, file: string): string {
  return (isAbsolute(file) ? relative(root, file) : file).replace(/\\/g, "/").replace(/^\.\//, "");
}

function fromSummary(root: string, text: string): Pick<CoverageReport, "total" | "files"> {
  const data = JSON.parse(text) as Record<string, { lines?: { pct?: number } }>;
  const files = new Map<string, number>();
  for (const [key, value] of Object.entries(data)) {
    if (key !== "total" && typeof value?.lines?.pct === "number") files.set(relTo(root, key), value.lines.pct);
  }
  const total = data.total?.lines?.pct;
  return { total: typeof total === "number" ? total : null, files };
}

function fromLcov(root: string, text: string): Pick<CoverageReport, "total" | "files"> {
  const files = new Map<string, number>();
  let file = "";
  let found = 0;
  let hit = 0;
  let allFound = 0;
  let allHit = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("SF:")) [file, found, hit] = [relTo(root, line.slice(3).trim()), 0, 0];
    else if (line.startsWith("LF:")) found = Number(line.slice(3));
    else if (line.startsWith("LH:")) hit = Number(line.slice(3));
    else if (line.trim() === "end_of_record" && file) {
      files.set(file, pct(hit, found));
      allFound += found;
      allHit += hit;
    }
  }
  return { total: files.size ? pct(allHit, allFound) : null, files };
}

function fromClover(root: string, text: string): Pick<CoverageReport, "total" | "files"> {
  const files = new Map<string, number>();
  const metrics = (attrs: string) => {
    const n = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(attrs)?.[1] ?? NaN);
    return { total: n("statements"), covered: n("coveredstatements") };
  };
  for (const m of text.matchAll(/<file\b([^>]*)>[\s\S]*?<metrics\b([^>]*)\/?>/g)) {
    const path = /\bpath="([^"]+)"/.exec(m[1]!)?.[1] ?? /\bname="([^"]+)"/.exec(m[1]!)?.[1];
    const { total, covered } = metrics(m[2]!);
    if (path && Number.isFinite(total)) files.set(relTo(root, path), pct(covered, total));
  }
  const project = /<project\b[^>]*>\s*<metrics\b([^>]*)\/?>/.exec(text);
  const t = project ? metrics(project[1]!) : undefined;
  return { total: t && Number.isFinite(t.total) ? pct(t.covered, t.total) : null, files };
}

/** Reads the first coverage report found under `root` (json-summary, lcov or clover), or null. */
export function readCoverage(root: string): CoverageReport | null {
  for (const file of COVERAGE_FILES) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, "utf8");
    try {
      if (file.endsWith(".json")) return { file, format: "json-summary", ...fromSummary(root, text) };
      if (file.endsWith(".info")) return { file, format: "lcov", ...fromLcov(root, text) };
      return { file, format: "clover", ...fromClover(root, text) };
    } catch {
      return null;
    }
  }
  return null;
}
