import { languageOf } from "./mapping.ts";

/** What a test file holds, counted from its text: test cases, skip/only markers, assertions. */
export interface TestSignals {
  cases: number;
  skips: number;
  assertions: number;
}

interface Patterns {
  cases: RegExp;
  skips: RegExp;
  assertions: RegExp;
}

const JS: Patterns = {
  cases:
    /(?<![\w.$])(?:it|test|specify|Deno\.test)(?:\.(?:only|skip|todo|concurrent|fails))?(?:\.each\s*(?:\([^)]*\)|`[^`]*`))?\s*\(/g,
  skips:
    /(?<![\w$])(?:(?:it|test|describe|suite|context|specify)\.(?:skip|only|todo)\b|x(?:it|describe|test|context|specify)\s*\(|f(?:it|describe)\s*\()/g,
  assertions:
    /(?<![\w$])(?:expect(?:Type)?\s*\(|assert(?:\.\w+)*\s*\(|t\.(?:is|ok|not|equal|deepEqual|same|true|false|throws|rejects|match|assert)\w*\s*\(|\.should\b)/g,
};

const BY_LANG: Record<string, Patterns> = {
  js: JS,
  python: {
    cases: /^\s*(?:async\s+)?def\s+test_?\w*\s*\(/gm,
    skips: /(?:@(?:pytest\.mark\.)?(?:skip|skipif|xfail)\b|@unittest\.skip\w*|pytest\.skip\s*\(|self\.skipTest\s*\()/g,
    assertions: /(?:^\s*assert\b|self\.assert\w+\s*\(|pytest\.raises\s*\()/gm,
  },
  go: {
    cases: /^func\s+(?:Test|Fuzz)\w*\s*\(/gm,
    skips: /\bt\.Skip(?:f|Now)?\s*\(/g,
    assertions: /(?:\bt\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\s*\(|\b(?:assert|require)\.\w+\s*\()/g,
  },
  php: {
    cases: /(?:\bfunction\s+test\w*\s*\(|@test\b|#\[Test\]|(?<![\w>$])(?:it|test)\s*\()/g,
    skips: /(?:markTestSkipped\s*\(|markTestIncomplete\s*\(|@skip\b|#\[Skip\w*|->skip\s*\()/g,
    assertions: /(?:(?:\$this->|self::|static::)assert\w+\s*\(|\bexpect\s*\()/g,
  },
  java: {
    cases: /@(?:Test|ParameterizedTest|RepeatedTest)\b/g,
    skips: /@(?:Disabled|Ignore)\b/g,
    assertions: /\b(?:assert\w*|verify)\s*\(/g,
  },
  ruby: {
    cases: /(?:^\s*(?:it|specify|scenario|test)\b\s*(?:\(|['"{]|do\b)|^\s*def\s+test_\w*)/gm,
    skips: /(?:^\s*(?:xit|xdescribe|xspecify|skip|pending)\b)/gm,
    assertions: /(?:\bexpect\s*[({]|\bassert\w*\b|\.should\b|\bmust_\w+)/g,
  },
};
BY_LANG.kotlin = BY_LANG.java!;

/** Drops whole-line comments, so a commented-out test no longer counts. */
function stripCommentLines(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/^\s*(?:\/\/|#(?!\[)|\*|\/\*)/.test(line))
    .join("\n");
}

const count = (re: RegExp, text: string) => text.match(re)?.length ?? 0;

/** Counts the test cases, skip/only markers and assertions of a test file's text. */
export function testSignals(text: string, path: string): TestSignals {
  const patterns = BY_LANG[languageOf(path) ?? "js"] ?? JS;
  const code = stripCommentLines(text);
  return {
    cases: count(patterns.cases, code),
    skips: count(patterns.skips, code),
    assertions: count(patterns.assertions, code),
  };
}
