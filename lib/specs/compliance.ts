import { readFile, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { FeatureSpec } from "./schemas/index.ts";

/** Where a requirement id was found. */
export interface Reference {
  /** Relative to the project root (or to the implementation folder when it is outside). */
  file: string;
  line: number;
}

export type ComplianceStatus = "complete" | "incomplete" | "missing";

/** One requirement's verdict and the references behind it. */
export interface RequirementCompliance {
  id: string;
  title: string;
  status: ComplianceStatus;
  /** Whether a test must reference it (false when `test_coverage: none`). */
  needs_test: boolean;
  tests: Reference[];
  implementation: Reference[];
}

/** `checkCompliance` → `{compliant, missing[], incomplete[], complete[]}` of requirement ids, with details. */
export interface ComplianceReport {
  compliant: boolean;
  missing: string[];
  incomplete: string[];
  complete: string[];
  requirements: RequirementCompliance[];
  /** How many files were searched. */
  files_scanned: number;
}

export interface ComplianceOptions {
  /** Paths in the report and patterns are relative to this (default: the implementation folder). */
  root?: string;
  /** Globs of test files (the config's `enforcement.tdd.testPatterns`). */
  testPatterns: readonly string[];
  /** Globs of files that are neither test nor implementation (docs, data; `enforcement.tdd.exempt`). */
  exempt?: readonly string[];
  /** Further globs not to search. */
  ignore?: readonly string[];
}

/** Folders never searched: dependencies, VCS data, wf-task's own state (which quotes every id). */
export const ALWAYS_IGNORED = [
  "**/node_modules/**",
  "**/.git/**",
  ".ai/**",
  ".worktrees/**",
  "**/dist/**",
  "**/coverage/**",
];

const ID = /\bFR-\d+\b/g;
const MAX_FILE = 1_000_000;

/** The requirement ids named in a text, each with the lines it appears on. */
export function findIds(text: string): Map<string, number[]> {
  const found = new Map<string, number[]>();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const matches = lines[i]!.match(ID);
    if (!matches) continue;
    for (const id of new Set(matches)) {
      const list = found.get(id) ?? [];
      list.push(i + 1);
      found.set(id, list);
    }
  }
  return found;
}

/**
 * Checks which functional requirements of a spec are implemented: complete when a test file and
 * an implementation file both name the id (a test title or an `@covers FR-101` tag), incomplete
 * when only one side does, missing when neither does.
 */
export async function checkCompliance(
  spec: FeatureSpec,
  implDir: string,
  options: ComplianceOptions,
): Promise<ComplianceReport> {
  const [{ globby }, { default: picomatch }] = await Promise.all([import("globby"), import("picomatch")]);
  const root = options.root ?? implDir;
  const base = relative(root, implDir);
  const inside = !base.startsWith("..") && !isAbsolute(base);
  const shown = (file: string) => (inside ? (base ? `${base}${sep}${file}` : file) : file).split(sep).join("/");
  const isTest = picomatch([...options.testPatterns], { dot: true });
  const isExempt = picomatch([...(options.exempt ?? [])], { dot: true });
  const files = await globby("**/*", {
    cwd: implDir,
    gitignore: true,
    dot: true,
    ignore: [...ALWAYS_IGNORED, ...(options.ignore ?? [])],
    onlyFiles: true,
    followSymbolicLinks: false,
  });
  const tests = new Map<string, Reference[]>();
  const impl = new Map<string, Reference[]>();
  await Promise.all(
    files.map(async (file) => {
      const path = resolve(implDir, file);
      if ((await stat(path)).size > MAX_FILE) return;
      const text = await readFile(path, "utf8");
      if (text.slice(0, 8000).includes("\0")) return;
      const name = shown(file);
      const side = isTest(name) ? tests : isExempt(name) ? undefined : impl;
      if (!side) return;
      for (const [id, lines] of findIds(text)) {
        const list = side.get(id) ?? [];
        list.push(...lines.map((line) => ({ file: name, line })));
        side.set(id, list);
      }
    }),
  );
  const byFile = (a: Reference, b: Reference) => a.file.localeCompare(b.file) || a.line - b.line;
  const requirements = spec.requirements.functional.map((req): RequirementCompliance => {
    const t = (tests.get(req.id) ?? []).sort(byFile);
    const i = (impl.get(req.id) ?? []).sort(byFile);
    const needsTest = req.test_coverage !== "none";
    const status: ComplianceStatus =
      i.length && (t.length || !needsTest) ? "complete" : i.length || t.length ? "incomplete" : "missing";
    return { id: req.id, title: req.title, status, needs_test: needsTest, tests: t, implementation: i };
  });
  const ids = (status: ComplianceStatus) => requirements.filter((r) => r.status === status).map((r) => r.id);
  const missing = ids("missing");
  const incomplete = ids("incomplete");
  return {
    compliant: missing.length === 0 && incomplete.length === 0,
    missing,
    incomplete,
    complete: ids("complete"),
    requirements,
    files_scanned: files.length,
  };
}
