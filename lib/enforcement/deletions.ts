import { WfError } from "../core/errors.ts";
import type { Change, GitEnv } from "./git.ts";
import type { TestRules } from "./mapping.ts";
import { testSignals } from "./test-signals.ts";

/** A test file that still exists but tests less: fewer cases, new skips, fewer assertions. */
export interface Weakening {
  file: string;
  kind: "cases_removed" | "skip_added" | "assertions_dropped";
  before: number;
  after: number;
  /** One line for people: "tests/a.test.ts lost 1 test case (3 → 2)". */
  message: string;
}

/** `tdd deletions --json`. */
export interface DeletionReport {
  /** A test file was deleted or renamed to a path that is not a test. */
  tests_deleted: boolean;
  deleted_tests: string[];
  /** Test files renamed to a path that no longer counts as a test. */
  renamed_away: { from: string; to: string }[];
  weakened: Weakening[];
  /** What was compared: "staged", a commit, or a range. */
  target: string;
}

/** What to compare: the staged changes, one commit against its parent, or a range. */
export type DeletionTarget = { staged: true } | { commit: string } | { range: string };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

type Specs = { before: (path: string) => string; after: (path: string) => string };
type Blobs = Map<string, string | null>;

/** Finds deleted, renamed-away and weakened tests among `changes`; reads contents through `read`. */
export function analyzeTestChanges(
  changes: Change[],
  rules: Pick<TestRules, "isTest">,
  specs: Specs,
  read: (specs: string[]) => Blobs,
): Omit<DeletionReport, "target"> {
  const plan = planTestChanges(changes, rules, specs);
  return weighTestChanges(
    plan,
    plan.compare.length ? read(plan.compare.flatMap((c) => [c.before, c.after])) : new Map(),
  );
}

/** analyzeTestChanges with a `read` that may run beside this process (readStagedBlobs). */
export async function analyzeTestChangesAsync(
  changes: Change[],
  rules: Pick<TestRules, "isTest">,
  specs: Specs,
  read: (specs: string[]) => Promise<Blobs>,
): Promise<Omit<DeletionReport, "target">> {
  const plan = planTestChanges(changes, rules, specs);
  return weighTestChanges(
    plan,
    plan.compare.length ? await read(plan.compare.flatMap((c) => [c.before, c.after])) : new Map(),
  );
}

interface Plan {
  deleted: string[];
  renamedAway: { from: string; to: string }[];
  compare: { before: string; after: string; file: string }[];
}

/** The deleted and renamed-away tests, and the before/after specs of the tests to compare. */
function planTestChanges(changes: Change[], rules: Pick<TestRules, "isTest">, specs: Specs): Plan {
  const deleted: string[] = [];
  const renamedAway: { from: string; to: string }[] = [];
  const compare: { before: string; after: string; file: string }[] = [];
  for (const c of changes) {
    if (c.status === "D" && rules.isTest(c.path)) deleted.push(c.path);
    else if (c.status === "R" && rules.isTest(c.from!)) {
      if (rules.isTest(c.path))
        compare.push({ before: specs.before(c.from!), after: specs.after(c.path), file: c.path });
      else renamedAway.push({ from: c.from!, to: c.path });
    } else if ((c.status === "M" || c.status === "T") && rules.isTest(c.path)) {
      compare.push({ before: specs.before(c.path), after: specs.after(c.path), file: c.path });
    }
    // A new test file weakens nothing that existed: it is not read (this keeps the gate fast).
  }
  return { deleted, renamedAway, compare };
}

/** The report, from the contents of the compared tests. */
function weighTestChanges({ deleted, renamedAway, compare }: Plan, blobs: Blobs): Omit<DeletionReport, "target"> {
  const weakened: Weakening[] = [];
  for (const c of compare) {
    const afterText = blobs.get(c.after);
    if (afterText == null) continue;
    const after = testSignals(afterText, c.file);
    const beforeText = blobs.get(c.before);
    const before = beforeText == null ? { cases: 0, skips: 0, assertions: 0 } : testSignals(beforeText, c.file);
    if (after.cases < before.cases) {
      weakened.push({
        file: c.file,
        kind: "cases_removed",
        before: before.cases,
        after: after.cases,
        message: `${c.file} lost ${plural(before.cases - after.cases, "test case")} (${before.cases} → ${after.cases})`,
      });
    }
    if (after.skips > before.skips) {
      weakened.push({
        file: c.file,
        kind: "skip_added",
        before: before.skips,
        after: after.skips,
        message: `${c.file} adds ${plural(after.skips - before.skips, "skipped or focused test")} (.skip/.only/xit/@skip/t.Skip)`,
      });
    }
    if (after.assertions < before.assertions) {
      weakened.push({
        file: c.file,
        kind: "assertions_dropped",
        before: before.assertions,
        after: after.assertions,
        message: `${c.file} has fewer assertions (${before.assertions} → ${after.assertions})`,
      });
    }
  }
  return {
    tests_deleted: deleted.length + renamedAway.length > 0,
    deleted_tests: [...deleted, ...renamedAway.map((r) => r.from)],
    renamed_away: renamedAway,
    weakened,
  };
}

/** The human lines of a deletion report, one per problem (no leading "- "). */
export function deletionLines(report: Omit<DeletionReport, "target">): string[] {
  const away = new Map(report.renamed_away.map((r) => [r.from, r.to]));
  return [
    ...report.deleted_tests.map((f) =>
      away.has(f) ? `${f} was renamed to ${away.get(f)}, which is not a test` : `${f} was deleted`,
    ),
    ...report.weakened.map((w) => w.message),
  ];
}

const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/** checkDeletion: deleted and weakened tests in the staged changes, a commit, or a range `A..B`. */
export async function checkDeletion(
  g: GitEnv,
  target: DeletionTarget,
  rules: Pick<TestRules, "isTest">,
): Promise<DeletionReport> {
  const git = await import("./git.ts");
  let changes: Change[];
  let before: (p: string) => string;
  let after: (p: string) => string;
  let label: string;
  let read = async (specs: string[]) => git.readBlobs(g, specs);
  if ("staged" in target) {
    changes = git.stagedChangesWithIds(g);
    ({ before, after } = git.blobIdSpecs(changes));
    const staged = changes;
    read = async (specs) => (await git.readStagedBlobs(g, staged, specs)).blobs;
    label = "staged";
  } else {
    let from: string;
    let to: string;
    if ("range" in target) {
      const [a, b] = target.range.split(/\.{2,3}/);
      from = git.checkRevision(a!, "range start");
      to = git.checkRevision(b || "HEAD", "range end");
      label = target.range;
    } else {
      to = git.checkRevision(target.commit, "commit");
      let parent: string;
      try {
        parent = git.runGit(g, ["rev-parse", "--verify", "-q", `${to}^{commit}`]).trim();
      } catch {
        throw new WfError("E_USAGE", `unknown commit \`${to}\``, {
          hint: "give a commit, a branch or a range A..B; see git log --oneline",
        });
      }
      let hasParent = true;
      try {
        git.runGit(g, ["rev-parse", "--verify", "-q", `${parent}^`]);
      } catch {
        hasParent = false;
      }
      from = hasParent ? `${parent}^` : EMPTY_TREE;
      to = parent;
      label = target.commit;
    }
    changes = git.diffChanges(g, from, to);
    before = (p) => `${from}:${p}`;
    after = (p) => `${to}:${p}`;
  }
  const result = await analyzeTestChangesAsync(changes, rules, { before, after }, read);
  return { ...result, target: label };
}
