import { suite } from "uvu";
import * as assert from "uvu/assert";
import { importDistances, importsOf } from "../../lib/context/import-graph.ts";
import { tempDir, writeFiles } from "../_support/index.ts";

const test = suite("import-graph");

test("resolves relative JS/TS imports (.js → .ts, index files) and Python modules", () => {
  const root = tempDir();
  writeFiles(root, {
    "src/a.ts": "",
    "src/lib/index.ts": "",
    "src/b.tsx": "",
    "pkg/__init__.py": "",
    "pkg/util.py": "",
    "pkg/main.py": "",
  });
  const src =
    'import { a } from "./a.js";\nimport x from "./lib";\nconst b = await import("./b");\nimport fs from "node:fs";\n';
  assert.equal(importsOf("src/main.ts", src, root).sort(), ["src/a.ts", "src/b.tsx", "src/lib/index.ts"]);
  assert.equal(importsOf("pkg/main.py", "from .util import f\nimport pkg\n", root).sort(), [
    "pkg/__init__.py",
    "pkg/util.py",
  ]);
});

test("distances follow edges both ways up to the limit", () => {
  const edges = new Map([
    ["a", ["b"]],
    ["c", ["b"]],
    ["d", ["c"]],
  ]);
  const d = importDistances(edges, ["a"], 2);
  assert.equal(Object.fromEntries([...d].map(([k, v]) => [k, v.distance])), { b: 1, c: 2 });
});

test.run();
