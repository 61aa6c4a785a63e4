import { isAbsolute, relative, resolve } from "node:path";
import { defineCommand, type CommandContext } from "../../core/command.ts";
import { EXIT, WfError } from "../../core/errors.ts";
import type { TestRules } from "../mapping.ts";

const short = (sha: string | null) => (sha ? sha.slice(0, 7) : "—");

async function setup(
  ctx: CommandContext<any>,
): Promise<{ root: string; rules: TestRules; rel: (file: string) => string }> {
  const loaded = await ctx.project();
  const { testRules } = await import("../mapping.ts");
  const root = loaded.root;
  const rel = (file: string) => {
    const path = relative(root, isAbsolute(file) ? file : resolve(ctx.cwd, file))
      .split("\\")
      .join("/");
    if (!path || path.startsWith("../") || path === "..") {
      throw new WfError("E_USAGE", `expected a file inside the project ${root}, got ${file}`, {
        hint: "give a path inside the repository",
      });
    }
    return path;
  };
  return { root, rules: testRules(loaded.config.enforcement.tdd), rel };
}

/** One result at the top level too, so `--json` of a single file reads as the bash workflow's shape. */
const withSingle = <T extends object>(files: T[], body: object) =>
  files.length === 1 ? { ...files[0], ...body } : body;

const check = defineCommand({
  meta: {
    name: "check",
    description: "Whether files have tests, where they are expected, and their coverage",
    details: [
      "--json: {ok, files:[{file, needs_test, reason, has_tests, test_file, candidates[], coverage}]}; " +
        "with one file its fields also at the top level.",
      "Exit 1 when a file that needs a test has none. " +
        "Coverage comes from coverage/coverage-summary.json, coverage/lcov.info or clover.xml when one exists, else null.",
    ].join("\n"),
    examples: ["wf-task tdd check src/User.php", "wf-task tdd check src/cart.ts src/tax.ts --json"],
  },
  args: { files: { type: "positional", description: "Source files to check", required: true, multiple: true } },
  async run(ctx) {
    const { root, rules, rel } = await setup(ctx);
    const { checkTestsExist } = await import("../check-tests.ts");
    const { readCoverage } = await import("../coverage.ts");
    const report = readCoverage(root);
    const files = ctx.args.files.map((f) => checkTestsExist(root, rel(f), rules, report));
    const ok = files.every((f) => !f.needs_test || f.has_tests);
    ctx.emit(withSingle(files, { ok, files }), () =>
      files
        .map((f) => {
          if (!f.needs_test) return `- ${f.file}: no test needed (${f.reason})`;
          const cov = f.coverage === null ? "" : ` (coverage ${f.coverage}%)`;
          return f.has_tests
            ? `✓ ${f.file} → ${f.test_file}${cov}`
            : `✗ ${f.file} has no test file (expected: ${f.candidates[0]})`;
        })
        .join("\n"),
    );
    return ok ? EXIT.ok : EXIT.check;
  },
});

const order = defineCommand({
  meta: {
    name: "order",
    description: "Test-first order from git history: for files, or every file added in a range",
    details: [
      "Compliant when the first commit touching a file's test comes before, or is, the commit that added the file.",
      "--json: {compliant, range, files:[{file, compliant, test_commit, impl_commit, test_first, test_file}], violations:[…]}; " +
        "with one file its fields also at the top level.",
      "Exit 1 when not compliant. In CI: wf-task tdd order --range origin/main..HEAD",
    ].join("\n"),
    examples: ["wf-task tdd order src/User.php", "wf-task tdd order --range main..HEAD --json"],
  },
  args: {
    files: { type: "positional", description: "Implementation files", multiple: true },
    range: { type: "string", description: "Check every implementation file added in A..B", valueHint: "A..B" },
  },
  async run(ctx) {
    const { rules, rel } = await setup(ctx);
    const { verifyOrder, verifyOrderRange } = await import("../order.ts");
    if (!ctx.args.range && !ctx.args.files.length)
      throw new WfError("E_USAGE", "expected files or --range A..B", {
        hint: "wf-task tdd order <file…> | --range A..B",
      });
    if (ctx.args.range && !ctx.args.range.includes(".."))
      throw new WfError("E_USAGE", `expected a range A..B, got ${ctx.args.range}`, { hint: "e.g. --range main..HEAD" });
    const git = { cwd: ctx.cwd, env: ctx.env };
    const report = ctx.args.range
      ? await verifyOrderRange(git, ctx.args.range, rules)
      : await verifyOrder(git, ctx.args.files.map(rel), rules);
    ctx.emit(withSingle(ctx.args.range ? [] : report.files, report), () => {
      if (!report.files.length) return `No implementation files added${report.range ? ` in ${report.range}` : ""}.`;
      const lines = report.files.map((f) => {
        const mark = f.compliant ? "✓" : "✗";
        const test = f.test_before_range
          ? `test ${f.test_file} existed before the range`
          : f.test_commit
            ? `test ${short(f.test_commit)} (${f.test_file})`
            : "no test commit";
        const how = f.compliant ? (f.test_first ? "test first" : "same commit") : "implementation first";
        return `${mark} ${f.file}: ${how} — impl ${short(f.impl_commit)}, ${test}`;
      });
      lines.push(
        report.compliant
          ? "Test-first order: compliant."
          : `Test-first order: ${report.violations.length} violation(s).`,
      );
      return lines.join("\n");
    });
    return report.compliant ? EXIT.ok : EXIT.check;
  },
});

const deletions = defineCommand({
  meta: {
    name: "deletions",
    description: "Deleted, renamed-away and weakened tests: staged, in a commit, or over a range",
    details: [
      "Weakened: fewer test cases (it(/test(/def test_/func Test/public function test/@Test …), " +
        "newly added .skip/.only/xit/@skip/t.Skip, fewer assertions.",
      "--json: {tests_deleted, deleted_tests[], renamed_away:[{from, to}], weakened:[{file, kind, before, after, message}], target}",
      "Exit 1 when a test was deleted or weakened. In CI (a hook can be skipped with --no-verify): wf-task tdd deletions origin/main..HEAD",
    ].join("\n"),
    examples: [
      "wf-task tdd deletions --staged",
      "wf-task tdd deletions HEAD",
      "wf-task tdd deletions main..HEAD --json",
      'wf-task tdd deletions --range "$BASE_SHA..$HEAD_SHA"',
    ],
  },
  args: {
    target: { type: "positional", description: "A commit, or a range A..B (default: the staged changes)" },
    range: { type: "string", description: "A range A..B, as `tdd order --range` takes it", valueHint: "A..B" },
    staged: { type: "boolean", description: "Check the staged changes (the default)" },
  },
  async run(ctx) {
    const { rules } = await setup(ctx);
    const { checkDeletion, deletionLines } = await import("../deletions.ts");
    if (ctx.args.range !== undefined && !ctx.args.range.includes("..")) {
      throw new WfError("E_USAGE", `expected --range A..B, got \`${ctx.args.range}\``, {
        hint: "e.g. --range origin/main..HEAD",
      });
    }
    if (ctx.args.range !== undefined && ctx.args.target)
      throw new WfError("E_USAGE", "give either --range or a commit/range, not both");
    const target = ctx.args.range ?? ctx.args.target;
    if (target && ctx.args.staged) throw new WfError("E_USAGE", "give either --staged or a commit/range, not both");
    const report = await checkDeletion(
      { cwd: ctx.cwd, env: ctx.env },
      !target ? { staged: true } : target.includes("..") ? { range: target } : { commit: target },
      rules,
    );
    const lines = deletionLines(report);
    ctx.emit(report, () =>
      lines.length ? lines.map((l) => `- ${l}`).join("\n") : `No deleted or weakened tests (${report.target}).`,
    );
    return lines.length ? EXIT.check : EXIT.ok;
  },
});

const generate = defineCommand({
  meta: {
    name: "generate",
    description: "Write a test skeleton for a source file where the test mapping expects it",
    details: [
      "The test goes to the first mapped test path in a folder that already holds tests, else the first the mapping expects",
      "(enforcement.tdd.conventions, then the built-in ones). One failing test per exported symbol, in the project's framework:",
      "uvu, vitest, jest or node:test (from package.json; node:test by default) for JS/TS, pytest, PHPUnit, go test, JUnit, RSpec.",
      "Refuses (exit 2) when the source is missing or the test exists (--force overwrites). --dry-run prints it, writes nothing.",
      "--json: {source, test_file, framework, symbols[], written, dry_run, content}",
    ].join("\n"),
    examples: ["wf-task tdd generate src/cart.ts", "wf-task tdd generate app/models/user.py --dry-run"],
  },
  args: {
    source: { type: "positional", description: "The source file", required: true },
    force: { type: "boolean", alias: "f", description: "Overwrite an existing test file" },
    dryRun: { type: "boolean", description: "Print the skeleton, write nothing" },
  },
  async run(ctx) {
    const { root, rules, rel } = await setup(ctx);
    const source = rel(ctx.args.source);
    const { existsSync, mkdirSync, writeFileSync } = await import("node:fs");
    const { dirname, join } = await import("node:path");
    if (!existsSync(join(root, source)))
      throw new WfError("E_USAGE", `no source file at ${source}`, {
        hint: "give an existing source file (paths are relative to the current folder)",
      });
    const { buildSkeleton, testExists } = await import("../generate.ts");
    const sk = buildSkeleton(root, source, rules);
    if (!sk)
      throw new WfError("E_USAGE", `no test mapping for ${source} (unknown language)`, {
        hint: "add an enforcement.tdd.conventions entry for it",
      });
    if (testExists(root, sk.test_file) && !ctx.args.force && !ctx.args.dryRun) {
      throw new WfError("E_USAGE", `${sk.test_file} already exists`, {
        hint: "edit it, or pass --force to overwrite it with a skeleton",
      });
    }
    if (!ctx.args.dryRun) {
      mkdirSync(dirname(join(root, sk.test_file)), { recursive: true });
      writeFileSync(join(root, sk.test_file), sk.content);
    }
    ctx.emit(
      { ...sk, written: !ctx.args.dryRun, dry_run: Boolean(ctx.args.dryRun) },
      ctx.args.dryRun
        ? `# ${sk.test_file} (${sk.framework}, dry run)\n${sk.content}`
        : `wrote ${sk.test_file} (${sk.framework}; ${sk.symbols.length ? sk.symbols.join(", ") : "no exported symbols found"})`,
    );
    return EXIT.ok;
  },
});

export default defineCommand({
  meta: {
    name: "tdd",
    description: "Test mapping, test-first order, deleted and weakened tests",
    details: "Deterministic checks read from git; no model calls. See docs/tdd.md.",
  },
  subCommands: { check, order, deletions, generate },
});
