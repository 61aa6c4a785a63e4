import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { checkCompliance, findIds } from "../../lib/specs/compliance.ts";
import type { FeatureSpec } from "../../lib/specs/schemas/index.ts";
import { tempDir, writeFiles } from "../_support/index.ts";

const PATTERNS = ["**/*.test.*", "test/**"];

function specWith(count: number): FeatureSpec {
  const functional = Array.from({ length: count }, (_, i) => ({ id: `FR-${101 + i}`, title: `Requirement ${i + 1}` }));
  return parse(
    JSON.stringify({
      version: "1.0",
      feature: { id: "shop", name: "Shop", priority: "high", status: "planning" },
      objective: { summary: "s" },
      requirements: { functional },
    }),
  );
}

/** A project where the first `done` requirements have a test and an implementation. */
function project(done: number): string {
  const dir = tempDir();
  const files: Record<string, string> = {
    ".ai/project/features/shop/spec.yaml": "FR-101 FR-102 FR-103 FR-104 FR-105\n",
    "README.md": "FR-104 is planned\n",
  };
  for (let i = 0; i < done; i++) {
    files[`src/part${i}.ts`] = `// implements FR-${101 + i}\nexport const part${i} = ${i};\n`;
    files[`test/part${i}.test.ts`] = `test("FR-${101 + i}: part ${i} works", () => {});\n`;
  }
  writeFiles(dir, files);
  return dir;
}

test("a spec with 5 requirements where 3 are implemented reports the 2 missing", async () => {
  const r = await checkCompliance(specWith(5), project(3), { testPatterns: PATTERNS, exempt: ["**/*.md"] });
  assert.not.ok(r.compliant);
  assert.equal(r.missing, ["FR-104", "FR-105"]);
  assert.equal(r.complete, ["FR-101", "FR-102", "FR-103"]);
  assert.equal(r.incomplete, []);
});

test("all requirements implemented and tested is compliant", async () => {
  const r = await checkCompliance(specWith(5), project(5), { testPatterns: PATTERNS });
  assert.ok(r.compliant);
  assert.equal(r.complete, ["FR-101", "FR-102", "FR-103", "FR-104", "FR-105"]);
});

test("a requirement only a test names, or only code names, is incomplete, with where each was found", async () => {
  const dir = tempDir();
  writeFiles(dir, { "src/a.ts": "// FR-101\n", "test/b.test.ts": "\n\n// @covers FR-102\n" });
  const r = await checkCompliance(specWith(2), dir, { testPatterns: PATTERNS });
  assert.equal(r.incomplete, ["FR-101", "FR-102"]);
  assert.equal(r.requirements[0]!.implementation, [{ file: "src/a.ts", line: 1 }]);
  assert.equal(r.requirements[1]!.tests, [{ file: "test/b.test.ts", line: 3 }]);
});

test("which files are tests comes from the patterns given", async () => {
  const dir = tempDir();
  writeFiles(dir, { "src/a.ts": "// FR-101\n", "checks/a.ts": "// FR-101\n" });
  const without = await checkCompliance(specWith(1), dir, { testPatterns: PATTERNS });
  assert.equal(without.incomplete, ["FR-101"]);
  const withChecks = await checkCompliance(specWith(1), dir, { testPatterns: ["checks/**"] });
  assert.equal(withChecks.complete, ["FR-101"]);
});

test("the .ai folder, node_modules and gitignored files are not searched", async () => {
  const dir = tempDir();
  writeFiles(dir, {
    ".gitignore": "gen/\n",
    "gen/x.ts": "FR-101\n",
    "node_modules/p/x.test.js": "FR-101\n",
    ".ai/notes.ts": "FR-101\n",
  });
  const r = await checkCompliance(specWith(1), dir, { testPatterns: PATTERNS });
  assert.equal(r.missing, ["FR-101"]);
});

test("a requirement with test_coverage none is complete with an implementation alone", async () => {
  const spec = specWith(1);
  spec.requirements.functional[0]!.test_coverage = "none";
  const dir = tempDir();
  writeFiles(dir, { "src/a.ts": "// FR-101\n" });
  assert.equal((await checkCompliance(spec, dir, { testPatterns: PATTERNS })).complete, ["FR-101"]);
});

test("paths are shown relative to the root when the implementation folder is inside it", async () => {
  const dir = tempDir();
  writeFiles(dir, { "pkg/src/a.ts": "FR-101\n" });
  const r = await checkCompliance(specWith(1), `${dir}/pkg`, { root: dir, testPatterns: PATTERNS });
  assert.equal(r.requirements[0]!.implementation, [{ file: "pkg/src/a.ts", line: 1 }]);
});

test("ids are matched whole: FR-10 is not FR-101, and NFR-101 is not FR-101", () => {
  const ids = findIds("FR-101 and NFR-101\nFR-10\n");
  assert.equal([...ids.keys()].sort(), ["FR-10", "FR-101"]);
  assert.equal(ids.get("FR-101"), [1]);
});

test.run();
