import { parseNameStatus, type Change, type GitEnv } from "./git.ts";
import type { TestRules } from "./mapping.ts";

/** Test-first order of one implementation file. */
export interface FileOrder {
  file: string;
  /** The test came first or in the same commit. */
  compliant: boolean;
  /** The first commit that added or changed one of its tests, or null. */
  test_commit: string | null;
  /** The first commit that added the file, or null when it is not committed. */
  impl_commit: string | null;
  /** The test came strictly before the implementation. */
  test_first: boolean;
  /** The test file that commit touched. */
  test_file: string | null;
  /** The test existed before the range (range checks only). */
  test_before_range?: boolean;
}

/** `tdd order --json`. One file: its fields are repeated at the top level. */
export interface OrderReport {
  compliant: boolean;
  range: string | null;
  files: FileOrder[];
  violations: FileOrder[];
}

interface Commit {
  sha: string;
  changes: Change[];
}

/** Parses `git log --format=%x01%H --name-status -z` output, oldest first when run with --reverse. */
export function parseLog(out: string): Commit[] {
  return out
    .split("\x01")
    .filter(Boolean)
    .map((chunk) => {
      const end = chunk.indexOf("\0");
      const sha = (end < 0 ? chunk : chunk.slice(0, end)).trim();
      const rest = end < 0 ? "" : chunk.slice(end + 1).replace(/^\n/, "");
      return { sha, changes: parseNameStatus(rest) };
    });
}

const adds = (c: Change) => c.status === "A" || c.status === "R" || c.status === "C";

/** Order of one file from commits (oldest first) that touched it or its candidates. */
function orderOf(file: string, candidates: string[], commits: Commit[]): FileOrder {
  const cands = new Set(candidates);
  let impl = -1;
  let test = -1;
  let testFile: string | null = null;
  commits.forEach((commit, i) => {
    for (const c of commit.changes) {
      if (impl < 0 && c.path === file && adds(c)) impl = i;
      if (test < 0 && cands.has(c.path) && c.status !== "D") {
        test = i;
        testFile = c.path;
      }
    }
  });
  const testFirst = test >= 0 && (impl < 0 || test < impl);
  return {
    file,
    compliant: test >= 0 && (impl < 0 || test <= impl),
    test_commit: test >= 0 ? commits[test]!.sha : null,
    impl_commit: impl >= 0 ? commits[impl]!.sha : null,
    test_first: testFirst,
    test_file: testFile,
  };
}

function report(files: FileOrder[], range: string | null): OrderReport {
  const violations = files.filter((f) => !f.compliant);
  return { compliant: violations.length === 0, range, files, violations };
}

/** verifyOrder for files: the first commit adding each file against the first commit touching its test. */
export async function verifyOrder(g: GitEnv, files: string[], rules: TestRules): Promise<OrderReport> {
  const { runGit } = await import("./git.ts");
  const results: FileOrder[] = [];
  for (const file of files) {
    const candidates = rules.candidates(file);
    const out = runGit(g, [
      "log",
      "--reverse",
      "--topo-order",
      "--no-renames",
      "--format=%x01%H",
      "--name-status",
      "-z",
      "HEAD",
      "--",
      file,
      ...candidates,
    ]);
    results.push(orderOf(file, candidates, parseLog(out)));
  }
  return report(results, null);
}

/** verifyOrder over a range `A..B`: every implementation file added in it, with its test. */
export async function verifyOrderRange(g: GitEnv, range: string, rules: TestRules): Promise<OrderReport> {
  const { runGit, checkRevision } = await import("./git.ts");
  const [a, b] = range.split(/\.{2,3}/);
  if (b === undefined) checkRevision("", "range A..B");
  const from = checkRevision(a!, "range start");
  const to = checkRevision(b || "HEAD", "range end");
  const commits = parseLog(
    runGit(g, [
      "log",
      "--reverse",
      "--topo-order",
      "--no-renames",
      "--format=%x01%H",
      "--name-status",
      "-z",
      `${from}..${to}`,
      "--",
    ]),
  );
  const added = new Set<string>();
  for (const commit of commits)
    for (const c of commit.changes) if (c.status === "A" && rules.needsTest(c.path)) added.add(c.path);
  const results = [...added].map((file) => orderOf(file, rules.candidates(file), commits));
  const missing = results.filter((r) => !r.test_commit);
  if (missing.length) {
    // A test that existed before the range came first.
    const before = new Map<string, string>();
    const all = missing.flatMap((r) => rules.candidates(r.file).map((c) => `${from}:${c}`));
    const found = existsAt(g, all, runGit);
    for (const r of missing) {
      const hit = rules.candidates(r.file).find((c) => found.has(`${from}:${c}`));
      if (hit) before.set(r.file, hit);
    }
    for (const r of missing) {
      const hit = before.get(r.file);
      if (hit) Object.assign(r, { compliant: true, test_first: true, test_file: hit, test_before_range: true });
    }
  }
  return report(results, range);
}

function existsAt(
  g: GitEnv,
  specs: string[],
  runGit: (g: GitEnv, args: string[], input?: string) => string,
): Set<string> {
  const found = new Set<string>();
  if (!specs.length) return found;
  const lines = runGit(g, ["cat-file", "--batch-check"], `${specs.join("\n")}\n`).split("\n");
  specs.forEach((s, i) => {
    if (lines[i] && !lines[i]!.endsWith(" missing")) found.add(s);
  });
  return found;
}
