import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { LANGUAGES, languageOf } from "../../../lib/context/skeleton.ts";
import { Skeletonizer } from "../../../lib/context/skeleton/engine.ts";
import { parserFor } from "../../../lib/context/skeleton/parser.ts";
import { ROOT } from "../../_support/index.ts";

const test = suite("skeleton walk pruning");
const fixtures = join(ROOT, "test/context/fixtures");
const files = [
  ...readdirSync(fixtures).map((f) => join(fixtures, f)),
  ...readdirSync(join(fixtures, "langs")).map((f) => join(fixtures, "langs", f)),
].filter((f) => languageOf(f));

test("every fixture language is covered", () => {
  const covered = new Set(files.map((f) => languageOf(f)));
  for (const language of [
    "typescript",
    "javascript",
    "python",
    "go",
    "php",
    "rust",
    "java",
    "ruby",
    "csharp",
    "kotlin",
    "swift",
    "c",
    "cpp",
  ])
    assert.ok(covered.has(language as never), language);
});

test("skipping subtrees with nothing to elide gives the skeleton of the full walk", async () => {
  for (const file of files) {
    const spec = LANGUAGES[languageOf(file)!].spec;
    const src = readFileSync(file, "utf8");
    const parser = await parserFor(spec.grammar);
    const tree = parser.parse(src)!;
    try {
      const full = new Skeletonizer(spec, src).run(tree.rootNode, { prune: false });
      const pruned = new Skeletonizer(spec, src).run(tree.rootNode);
      assert.ok(full.length > 0, file);
      assert.fixture(pruned, full, file);
    } finally {
      tree.delete();
      parser.delete();
    }
  }
});

test.run();
