import { posix } from "node:path";
import picomatch from "picomatch";
import type { Config } from "../config/types.ts";

/** The `enforcement.tdd` block of the config. */
export type TddConfig = Config["enforcement"]["tdd"];

/** Which files are tests, which are exempt, and where a source file's tests are expected. */
export interface TestRules {
  /** The path matches `testPatterns`. */
  isTest(path: string): boolean;
  /** The path matches `exempt`. */
  isExempt(path: string): boolean;
  /** A file in a known language that is neither a test nor exempt: it needs a test. */
  needsTest(path: string): boolean;
  /** Where this source file's tests may be, most expected first (repo-relative, `/`-separated). */
  candidates(path: string): string[];
}

type Lang = "js" | "php" | "python" | "go" | "java" | "kotlin" | "ruby";

const LANG_BY_EXT: Record<string, Lang> = {
  ts: "js",
  tsx: "js",
  js: "js",
  jsx: "js",
  mjs: "js",
  cjs: "js",
  mts: "js",
  cts: "js",
  vue: "js",
  svelte: "js",
  php: "php",
  py: "python",
  go: "go",
  java: "java",
  kt: "kotlin",
  rb: "ruby",
};

/** The language of a path from its extension, or undefined when wf-task has no convention for it. */
export function languageOf(path: string): Lang | undefined {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? undefined : LANG_BY_EXT[path.slice(dot + 1).toLowerCase()];
}

interface Parts {
  dir: string;
  name: string;
  ext: string;
  /** `dir` without a leading src/, lib/, app/ or source/. */
  sub: string;
}

function split(path: string): Parts {
  const slash = path.lastIndexOf("/");
  const dir = slash < 0 ? "" : path.slice(0, slash);
  const base = path.slice(slash + 1);
  const dot = base.lastIndexOf(".");
  const name = dot <= 0 ? base : base.slice(0, dot);
  const ext = dot <= 0 ? "" : base.slice(dot + 1);
  const sub = dir.replace(/^(src|lib|app|source)(\/|$)/, "");
  return { dir, name, ext, sub };
}

/** Joins path parts, dropping empty ones and `./`. */
function join(...parts: string[]): string {
  const joined = parts.filter(Boolean).join("/");
  return /(^|\/)\.\.?(\/|$)|\/\//.test(joined) ? posix.normalize(joined).replace(/^\.\//, "") : joined;
}

/** Fills a convention template: `test/{sub}/{name}.test.{ext}`. */
export function fillTemplate(template: string, parts: Parts): string {
  const filled = template.replace(/\{(dir|name|ext|sub)\}/g, (_, key: keyof Parts) => parts[key]);
  return join(...filled.split("/"));
}

function builtIn(lang: Lang, p: Parts): string[] {
  const { dir, name, ext, sub } = p;
  switch (lang) {
    case "js":
      return [
        join(dir, `${name}.test.${ext}`),
        join(dir, `${name}.spec.${ext}`),
        join(dir, "__tests__", `${name}.${ext}`),
        join(dir, "__tests__", `${name}.test.${ext}`),
        join("test", sub, `${name}.test.${ext}`),
        join("tests", sub, `${name}.test.${ext}`),
        join("test", sub, `${name}.spec.${ext}`),
        join("tests", sub, `${name}.spec.${ext}`),
        join("__tests__", sub, `${name}.test.${ext}`),
      ];
    case "php":
      return [
        join("tests/Unit", sub, `${name}Test.php`),
        join("tests", sub, `${name}Test.php`),
        join("tests/Feature", sub, `${name}Test.php`),
        join("tests/Unit", `${name}Test.php`),
        join("tests", `${name}Test.php`),
      ];
    case "python":
      return [
        join("tests", `test_${name}.py`),
        join("tests", sub, `test_${name}.py`),
        join("tests", dir, `test_${name}.py`),
        join(dir, `test_${name}.py`),
        join(dir, `${name}_test.py`),
        join("tests", sub, `${name}_test.py`),
        join("test", sub, `test_${name}.py`),
      ];
    case "go":
      return [join(dir, `${name}_test.go`)];
    case "java":
    case "kotlin": {
      const folder = lang === "java" ? "java" : "kotlin";
      const main = `src/main/${folder}`;
      const testDir =
        dir === main || dir.startsWith(`${main}/`)
          ? `src/test/${folder}${dir.slice(main.length)}`
          : join(`src/test/${folder}`, sub);
      return [
        join(testDir, `${name}Test.${ext}`),
        join(testDir, `${name}Tests.${ext}`),
        join(testDir, `${name}IT.${ext}`),
        join("test", sub, `${name}Test.${ext}`),
      ];
    }
    case "ruby":
      return [
        join("spec", sub, `${name}_spec.rb`),
        join("test", sub, `${name}_test.rb`),
        join("spec", `${name}_spec.rb`),
        join("test", `${name}_test.rb`),
      ];
  }
}

/** One memoised matcher for a list of globs (a gate asks about the same paths several times). */
function globMatcher(globs: string[]): (path: string) => boolean {
  const res = globs.map((g) => picomatch.makeRe(g, { dot: true }));
  const seen = new Map<string, boolean>();
  return (path) => {
    let hit = seen.get(path);
    if (hit === undefined) {
      hit = res.some((re) => re.test(path));
      seen.set(path, hit);
    }
    return hit;
  };
}

/** What wf-task itself generates (`scripts install`): exempt whatever `exempt` says, so its own output commits through the gate. */
export const GENERATED = [".ai/workflow/**"];

/** Builds the test rules from the `enforcement.tdd` config (globs compiled once). */
export function testRules(
  tdd: Pick<TddConfig, "testPatterns" | "exempt"> & Partial<Pick<TddConfig, "conventions">>,
): TestRules {
  const isTest = globMatcher(tdd.testPatterns);
  const isExempt = globMatcher([...GENERATED, ...tdd.exempt]);
  const conventions = (tdd.conventions ?? []).map((c) => ({
    match: picomatch(c.match, { dot: true }),
    tests: c.tests,
  }));
  return {
    isTest: (path) => isTest(path),
    isExempt: (path) => isExempt(path),
    needsTest: (path) => languageOf(path) !== undefined && !isTest(path) && !isExempt(path),
    candidates(path) {
      const parts = split(path);
      const out: string[] = [];
      for (const c of conventions) if (c.match(path)) out.push(...c.tests.map((t) => fillTemplate(t, parts)));
      const lang = languageOf(path);
      if (lang) out.push(...builtIn(lang, parts));
      return [...new Set(out)].filter((c) => c !== path);
    },
  };
}
