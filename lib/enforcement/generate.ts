// A test skeleton for a source file, at the path the project's test mapping expects (the original's tdd_generate_test).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { languageOf, type TestRules } from "./mapping.ts";

export type Framework = "uvu" | "vitest" | "jest" | "node:test" | "pytest" | "phpunit" | "go" | "junit" | "rspec";

export interface Skeleton {
  /** The source file, repo-relative. */
  source: string;
  /** Where the test is written, repo-relative. */
  test_file: string;
  framework: Framework;
  /** The exported symbols found in the source (one test each). */
  symbols: string[];
  content: string;
}

/** The exported (public) names of a source file, by a plain read of its text. */
export function exportedSymbols(path: string, text: string): string[] {
  const names = new Set<string>();
  const add = (n: string | undefined) => n && names.add(n);
  switch (languageOf(path)) {
    case "js":
      for (const m of text.matchAll(
        /^export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|class|const|let|var|enum)\s+([A-Za-z_$][\w$]*)/gm,
      ))
        add(m[1]);
      for (const m of text.matchAll(/^export\s*\{([^}]*)\}/gm))
        for (const part of m[1]!.split(","))
          add(
            part
              .trim()
              .split(/\s+as\s+/)
              .pop()
              ?.trim()
              .replace(/^type\s+/, ""),
          );
      for (const m of text.matchAll(/^(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=/gm)) add(m[1]);
      names.delete("default");
      break;
    case "python":
      for (const m of text.matchAll(/^(?:async\s+)?(?:def|class)\s+([A-Za-z]\w*)/gm)) add(m[1]);
      break;
    case "php":
      for (const m of text.matchAll(/^\s*(?:final\s+|abstract\s+)?class\s+(\w+)/gm)) add(m[1]);
      for (const m of text.matchAll(/^\s*public\s+(?:static\s+)?function\s+(\w+)/gm))
        if (!m[1]!.startsWith("__")) add(m[1]);
      break;
    case "go":
      for (const m of text.matchAll(/^func\s+(?:\([^)]*\)\s*)?([A-Z]\w*)/gm)) add(m[1]);
      break;
    case "java":
    case "kotlin":
      for (const m of text.matchAll(/^\s*public\s+(?:static\s+)?(?:final\s+)?[\w<>\[\], ]+\s+(\w+)\s*\(/gm)) add(m[1]);
      for (const m of text.matchAll(/^\s*fun\s+(\w+)/gm)) add(m[1]);
      break;
    case "ruby":
      for (const m of text.matchAll(/^\s*def\s+(?:self\.)?(\w+[?!]?)/gm)) if (m[1] !== "initialize") add(m[1]);
      break;
  }
  return [...names];
}

/** The JS/TS test framework the project uses, from package.json; node:test when none is named. */
export function jsFramework(root: string): Framework {
  try {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<
      string,
      Record<string, string> | string | undefined
    >;
    const deps = { ...(pkg.dependencies as object), ...(pkg.devDependencies as object) } as Record<string, string>;
    const script = typeof pkg.scripts === "object" ? String((pkg.scripts as Record<string, string>).test ?? "") : "";
    for (const f of ["vitest", "jest", "uvu"] as const) if (f in deps || script.includes(f)) return f;
  } catch {
    // no package.json (or not JSON): the default
  }
  return "node:test";
}

function hasTests(root: string, dir: string, rules: TestRules): boolean {
  try {
    return readdirSync(join(root, dir)).some((f) => rules.isTest(dir ? `${dir}/${f}` : f));
  } catch {
    return false;
  }
}

/** The test path for `source`: the first candidate in a folder that already holds tests, else the first the mapping expects. */
export function targetTest(root: string, source: string, rules: TestRules): string | undefined {
  const candidates = rules.candidates(source);
  const tests = candidates.filter((c) => rules.isTest(c));
  const pool = tests.length ? tests : candidates;
  return pool.find((c) => hasTests(root, posix.dirname(c) === "." ? "" : posix.dirname(c), rules)) ?? pool[0];
}

const rel = (from: string, to: string) => {
  const r = posix.relative(posix.dirname(from), to);
  return r.startsWith(".") ? r : `./${r}`;
};

/** Builds the skeleton for `source` (repo-relative); undefined test_file when the mapping knows no place for it. */
export function buildSkeleton(root: string, source: string, rules: TestRules): Skeleton | undefined {
  const test = targetTest(root, source, rules);
  if (!test) return undefined;
  const text = readFileSync(join(root, source), "utf8");
  const symbols = exportedSymbols(source, text);
  const lang = languageOf(source);
  const base = posix.basename(source).replace(/\.[^.]+$/, "");
  const names = symbols.length ? symbols : [base];
  let framework: Framework;
  let content: string;
  switch (lang) {
    case "python": {
      framework = "pytest";
      const mod = source
        .replace(/\.py$/, "")
        .replace(/^(src)\//, "")
        .split("/")
        .join(".");
      content = [
        `import pytest`,
        symbols.length ? `from ${mod} import ${symbols.join(", ")}` : `import ${mod}`,
        "",
        ...names.flatMap((n) => [
          "",
          `def test_${n.replace(/\W/g, "_").toLowerCase()}():`,
          `    pytest.fail("write the test for ${n}")`,
          "",
        ]),
      ].join("\n");
      break;
    }
    case "php": {
      framework = "phpunit";
      const cls = posix.basename(test).replace(/\.php$/, "");
      content = [
        "<?php",
        "",
        "use PHPUnit\\Framework\\TestCase;",
        "",
        `final class ${cls} extends TestCase`,
        "{",
        ...names.flatMap((n) => [
          `    public function test${n[0]!.toUpperCase()}${n.slice(1)}(): void`,
          "    {",
          `        $this->fail('write the test for ${n}');`,
          "    }",
          "",
        ]),
        "}",
        "",
      ].join("\n");
      break;
    }
    case "go": {
      framework = "go";
      const pkg = /^package\s+(\w+)/m.exec(text)?.[1] ?? "main";
      content = [
        `package ${pkg}`,
        "",
        `import "testing"`,
        "",
        ...names.flatMap((n) => [
          `func Test${n[0]!.toUpperCase()}${n.slice(1)}(t *testing.T) {`,
          `\tt.Fatal("write the test for ${n}")`,
          "}",
          "",
        ]),
      ].join("\n");
      break;
    }
    case "java":
    case "kotlin": {
      framework = "junit";
      const cls = posix.basename(test).replace(/\.\w+$/, "");
      content = [
        "import org.junit.jupiter.api.Test;",
        "import static org.junit.jupiter.api.Assertions.fail;",
        "",
        `class ${cls} {`,
        ...names.flatMap((n) => [
          "    @Test",
          `    void ${n}() {`,
          `        fail("write the test for ${n}");`,
          "    }",
          "",
        ]),
        "}",
        "",
      ].join("\n");
      break;
    }
    case "ruby": {
      framework = "rspec";
      content = [
        `require_relative "${rel(test, source).replace(/\.rb$/, "")}"`,
        "",
        `RSpec.describe "${base}" do`,
        ...names.map((n) => `  it("${n}") { raise "write the test for ${n}" }`),
        "end",
        "",
      ].join("\n");
      break;
    }
    default: {
      framework = jsFramework(root);
      const from = rel(test, source);
      const imp = symbols.length ? `import { ${symbols.join(", ")} } from "${from}";` : `import "${from}";`;
      const use = symbols.length ? `\n\nvoid [${symbols.join(", ")}];` : "";
      const head: Record<string, string[]> = {
        uvu: [`import { test } from "uvu";`, `import * as assert from "uvu/assert";`],
        vitest: [`import { test } from "vitest";`],
        jest: [],
        "node:test": [`import { test } from "node:test";`, `import assert from "node:assert/strict";`],
      };
      const fail: Record<string, (n: string) => string> = {
        uvu: (n) => `  assert.unreachable("write the test for ${n}");`,
        vitest: (n) => `  throw new Error("write the test for ${n}");`,
        jest: (n) => `  throw new Error("write the test for ${n}");`,
        "node:test": (n) => `  assert.fail("write the test for ${n}");`,
      };
      content = [
        ...head[framework]!,
        imp + use,
        "",
        ...names.flatMap((n) => [`test("${n}", () => {`, fail[framework]!(n), "});", ""]),
        ...(framework === "uvu" ? ["test.run();", ""] : []),
      ].join("\n");
    }
  }
  return { source, test_file: test, framework, symbols, content };
}

/** True when the test file is already there. */
export const testExists = (root: string, test: string) => existsSync(join(root, test));
