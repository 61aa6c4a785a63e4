// The one-pass matcher against the per-pattern path it replaced (every rule tested in turn).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { compileGlob } from "../../lib/trust/glob.ts";
import { classify, modelMatcher } from "../../lib/trust/matcher.ts";
import { ruleMatches, type TrustModel } from "../../lib/trust/model.ts";
import { ODD_PATHS, USER_TRUST, generatePaths } from "./_generate.ts";
import { ROOT } from "../_support/index.ts";
import { defaultModel, modelIn, seedModel } from "./_models.ts";

/** The reference: forbidden rules, then the ordered rules, each tested in turn; the first match's index. */
function reference(model: TrustModel, key: string): number {
  const rules = [...model.forbidden, ...model.ordered];
  for (let i = 0; i < rules.length; i++) if (ruleMatches(rules[i]!, key)) return i;
  return -1;
}

const LEGACY_YAML = readFileSync(join(ROOT, "test/trust/fixtures/legacy_trust_model.yaml"), "utf8");

const models: [string, () => Promise<TrustModel>][] = [
  ["built-in", () => defaultModel()],
  ["seed trust_model.yaml", () => seedModel()],
  ["user patterns", () => defaultModel(USER_TRUST)],
  ["user patterns, case-sensitive", () => defaultModel({ ...USER_TRUST, caseSensitive: true })],
  [
    "legacy trust_model.yaml (exclude)",
    () => modelIn({ ".ai/workflow/trust_model.yaml": LEGACY_YAML }, USER_TRUST).then((r) => r.model),
  ],
];

const same = suite("matcher equals testing every pattern in turn");

for (const [name, load] of models) {
  same(name, async () => {
    const model = await load();
    const matcher = modelMatcher(model);
    const wrong: string[] = [];
    for (const path of [...generatePaths(30_000, 7), ...ODD_PATHS]) {
      for (const key of model.caseSensitive ? [path] : [path.toLowerCase()]) {
        const want = reference(model, key);
        const got = matcher.first(key);
        if (got !== want && wrong.length < 10) wrong.push(`${JSON.stringify(key)}: got ${got}, want ${want}`);
      }
    }
    assert.equal(wrong, []);
  });
}

same("odd patterns: one per kind, each as its own model", async () => {
  const patterns = [
    "**",
    "**/**",
    "*",
    "*/",
    "a/**",
    "/**/x",
    "**/a/**/b",
    "a?",
    "ab?",
    "?b",
    "*ab",
    "ab*",
    "a*b",
    "[ab]c",
    "c[ab]",
    "\\*.txt",
    "a\\*",
    "{a,b}c",
    "a{b,c}",
    "*.{yml,yaml}",
    "tests/",
    "/tests/",
    "src/a/",
    "src/*/x",
    "x**",
    "**x",
  ];
  const paths = [...generatePaths(3000, 3), ...ODD_PATHS, "ab", "a", "b", "abc", "ac", "bc", "ca", "x", "ax", "xa"];
  for (const pattern of patterns) {
    const model = await defaultModel({ replaceDefaults: true, levels: { low: { patterns: [pattern, "*.zz"] } } });
    const matcher = modelMatcher(model);
    for (const path of paths) {
      const key = path.toLowerCase();
      assert.is(matcher.first(key), reference(model, key), `${pattern} on ${JSON.stringify(key)}`);
    }
  }
});

// ---
const kinds = suite("matcher classification");

kinds("the built-in patterns are indexed but for the `*word*` ones", async () => {
  const model = await defaultModel();
  const residual = model.ordered.filter((r) => !classify(r.glob!.shape)).map((r) => r.value);
  assert.ok(
    residual.every((p) => /^\*[^*]+\*$/.test(p)),
    residual.join(" "),
  );
});

kinds("names, prefixes, suffixes and folders", () => {
  const slot = (p: string) => classify(compileGlob(p).shape);
  assert.equal(slot("*.md"), { index: "suffix", key: "md", where: 0 });
  assert.equal(slot("README*"), { index: "prefix", key: "re", where: 0 });
  assert.equal(slot("tests/"), { index: "name", key: "tests", where: 1 });
  assert.equal(slot("**/*auth*/**"), undefined);
  assert.equal(slot("**/config/secrets*"), { index: "name", key: "config", where: 1 });
  assert.equal(slot("/charts/"), { index: "name", key: "charts", where: 2 });
  assert.equal(slot("src/billing/**"), { index: "name", key: "src", where: 2 });
  assert.equal(slot("{infra,ops}/**/*.sh"), undefined);
  assert.equal(slot("*.[jt]sx"), { index: "suffix", key: "sx", where: 0 });
  assert.equal(slot("*.{yml,yaml}"), undefined);
});

same.run();
kinds.run();
