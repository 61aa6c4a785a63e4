// `trust batch` against an independent oracle: picomatch, with the model's contexts in first-match
// order, on 100,000 generated paths per model.
//
// picomatch cannot say some of lib/trust/glob.ts's gitignore-like rules directly, so each pattern
// is translated the way gitignore reads it:
// - a pattern without `/` matches any segment at any depth: `p` → `**/p`;
// - a match on a folder covers what is inside: `P` → `P`, `P/*`, `P/*/**`;
// - a folder-only pattern (`p/`, and `p/**`, which glob.ts reads the same) matches only inside
//   the folder: `P/*`, `P/*/**`. (picomatch's `P/**` also matches `P` itself when P is literal,
//   so it is not used.)
// - a negated class `[!a-m]` is written `[^a-m]` (picomatch 4 reads `[!` as a class holding `!`);
// - case folding: picomatch's `nocase` unless the model is case-sensitive; `dot` is on, since
//   glob.ts's `*` matches a leading dot.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import picomatch from "picomatch";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import type { Level, TrustModel, TrustRule } from "../../lib/trust/model.ts";
import { loadTrustModel } from "../../lib/trust/load.ts";
import { gitRepo, runCli } from "../_support/index.ts";
import { USER_TRUST, generatePaths } from "./_generate.ts";
import { configWith } from "./_models.ts";

const N = 100_000;

/** The picomatch globs for one glob.ts pattern (see the top of this file). */
export function oracleGlobs(pattern: string): string[] {
  let p = pattern;
  let dirOnly = p.length > 1 && p.endsWith("/") && !p.endsWith("\\/");
  if (dirOnly) p = p.slice(0, -1);
  const anchored = p.startsWith("/") || p.includes("/");
  if (p.startsWith("/")) p = p.slice(1);
  p = p.replace(/(^|[^\\])\[!/g, "$1[^");
  if (p === "**" || p.startsWith("**/")) {
    // `**/x` is the same as unanchored `x`; `**` matches every path.
  } else if (!anchored) p = `**/${p}`;
  if (p.endsWith("/**") && p !== "**/**") {
    p = p.slice(0, -3);
    dirOnly = true;
  }
  if (p === "**" || p === "**/**") return ["**"];
  return dirOnly ? [`${p}/*`, `${p}/*/**`] : [p, `${p}/*`, `${p}/*/**`];
}

interface OracleRule {
  rule: TrustRule;
  forbidden: boolean;
  test: (path: string) => boolean;
}

/** The model's pattern contexts in deciding order (forbidden first), each matched by picomatch. */
function oracleRules(model: TrustModel): OracleRule[] {
  const options = { dot: true, nocase: !model.caseSensitive };
  const compile = (patterns: string[]) => picomatch(patterns.flatMap(oracleGlobs), options);
  const make = (rule: TrustRule, forbidden: boolean): OracleRule => {
    const include = compile([rule.value]);
    const exclude = rule.exclude?.length ? compile(rule.exclude) : undefined;
    return { rule, forbidden, test: (p) => include(p) && !exclude?.(p) };
  };
  return [...model.forbidden.map((r) => make(r, true)), ...model.ordered.map((r) => make(r, false))];
}

/** Expected level and matched pattern of one path: the first context that matches. */
function expected(model: TrustModel, rules: OracleRule[], path: string): { level: Level; matched: string; at: number } {
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]!;
    if (r.test(path)) return { level: r.forbidden ? "low" : r.rule.level, matched: r.rule.value, at: i };
  }
  return { level: model.defaultLevel, matched: "-", at: -1 };
}

/**
 * Checks the batch against the oracle; every context must decide at least one generated path
 * (so each pattern kind is exercised), except those in `shadowed`, which a context before them
 * always wins over, and which must still match some path.
 */
async function checkBatch(
  name: string,
  trust: Parameters<typeof configWith>[0],
  seed: number,
  shadowed: string[] = [],
) {
  const root = gitRepo();
  writeFileSync(join(root, ".workflowrc.json"), JSON.stringify({ trust }));
  const model = await loadTrustModel({ root, config: configWith(trust) });
  const rules = oracleRules(model);
  const paths = generatePaths(N, seed);
  const r = await runCli(["trust", "batch"], { cwd: root, input: `${paths.join("\n")}\n` });
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.split("\n");
  assert.is(lines.pop(), "");
  const kept = paths.filter(Boolean);
  assert.is(lines.length, kept.length);
  const decided = new Set<number>();
  const matched = new Set<number>();
  const wrong: string[] = [];
  kept.forEach((path, i) => {
    const want = expected(model, rules, path);
    decided.add(want.at);
    if (shadowed.length) rules.forEach((r, at) => matched.has(at) || !r.test(path) || matched.add(at));
    const [gotPath, gotLevel, , , gotMatched] = lines[i]!.split("\t");
    const ok = gotPath === path && gotLevel === want.level && gotMatched === want.matched;
    if (!ok && wrong.length < 10)
      wrong.push(`${path}: got ${gotLevel} ${gotMatched}, want ${want.level} ${want.matched}`);
  });
  assert.equal(wrong, [], `${name}: batch output differs from picomatch`);
  const idle = rules.filter((_, i) => !decided.has(i)).map((r) => r.rule.value);
  assert.equal(idle, shadowed, `${name}: contexts that decided no generated path`);
  const unmatched = rules.filter((_, i) => !matched.has(i) && !decided.has(i)).map((r) => r.rule.value);
  assert.equal(unmatched, [], `${name}: contexts that matched no generated path`);
}

const oracle = suite("trust batch equals a picomatch oracle (100,000 generated paths)");

oracle("the built-in model", async () => {
  await checkBatch("built-in", {}, 19);
});

oracle("a model with user patterns, forbidden paths, removals and priorities", async () => {
  // The base's `.env*` and `*.pem` are also forbidden, and forbidden paths are decided first.
  await checkBatch("user", USER_TRUST, 20, [".env*", "*.pem"]);
});

oracle("the user model, case-sensitive", async () => {
  await checkBatch("user, case-sensitive", { ...USER_TRUST, caseSensitive: true }, 21, [".env*", "*.pem"]);
});

oracle.run();
