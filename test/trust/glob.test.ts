import { suite } from "uvu";
import * as assert from "uvu/assert";
import { GlobError, compileGlob, normalizePath } from "../../lib/trust/glob.ts";

const matches = (pattern: string, path: string, caseSensitive = false) => {
  const g = compileGlob(pattern, caseSensitive);
  const p = caseSensitive ? path : path.toLowerCase();
  const fast = g.test(p);
  assert.is(fast, g.regex.test(p), `fast test and regex disagree for ${pattern} on ${path}`);
  return fast;
};

const semantics = suite("compileGlob semantics");

semantics("a pattern without a slash matches a file name at any depth", () => {
  assert.ok(matches("*.md", "README.md"));
  assert.ok(matches("*.md", "docs/guide/intro.md"));
  assert.not.ok(matches("*.md", "src/md.ts"));
});

semantics("a pattern without a slash also matches a folder name, covering what is inside", () => {
  assert.ok(matches("*security*", "src/Security/AuthService.php"));
  assert.ok(matches("tests", "tests/unit/a.ts"));
  assert.ok(matches("tests", "pkg/tests/a.ts"));
  assert.not.ok(matches("tests", "src/contests.ts"));
});

semantics("a trailing slash matches folders only", () => {
  assert.ok(matches("tests/", "tests/a.ts"));
  assert.ok(matches("tests/", "pkg/tests/a.ts"));
  assert.not.ok(matches("tests/", "tests"));
  assert.not.ok(matches("tests/", "src/tests"));
});

semantics("a slash inside or in front anchors the pattern at the root", () => {
  assert.ok(matches("src/billing/**", "src/billing/invoice.ts"));
  assert.not.ok(matches("src/billing/**", "lib/src/billing/invoice.ts"));
  assert.ok(matches("/Makefile", "Makefile"));
  assert.not.ok(matches("/Makefile", "sub/Makefile"));
  assert.ok(matches(".github/workflows/", ".github/workflows/ci.yml"));
  assert.ok(matches("src/billing", "src/billing/x/y.ts"));
});

semantics("** spans folders, * and ? stay within one name", () => {
  assert.ok(matches("**/*security*/**", "src/Security/AuthService.php"));
  assert.ok(matches("**/*security*/**", "security/a.ts"));
  assert.not.ok(matches("**/*security*/**", "src/security.ts"));
  assert.ok(matches("**/config/secrets*", "config/secrets.yml"));
  assert.ok(matches("**/config/secrets*", "app/config/secrets.json"));
  assert.ok(matches("src/**/*.ts", "src/a.ts"));
  assert.ok(matches("src/**/*.ts", "src/a/b/c.ts"));
  assert.not.ok(matches("src/*.ts", "src/a/b.ts"));
  assert.ok(matches("file?.js", "lib/file1.js"));
  assert.not.ok(matches("file?.js", "lib/file12.js"));
});

semantics("character classes and braces work", () => {
  assert.ok(matches("*.[jt]s", "a/b.ts"));
  assert.not.ok(matches("*.[!jt]s", "a/b.ts"));
  assert.ok(matches("*.[!jt]s", "a/b.cs"));
  assert.ok(matches("*.{yml,yaml}", "ci/x.yaml"));
  assert.not.ok(matches("*.{yml,yaml}", "ci/x.json"));
});

semantics("matching is case-insensitive by default and case-sensitive on request", () => {
  assert.ok(matches("*Test.php", "tests/Unit/UserTest.php"));
  assert.ok(matches("*test.php", "tests/Unit/UserTEST.php"));
  assert.not.ok(matches("*Test.php", "tests/unit/usertest.php", true));
  assert.ok(matches("*Test.php", "tests/Unit/UserTest.php", true));
});

semantics("a backslash escapes a special character", () => {
  assert.ok(matches("\\*.txt", "*.txt"));
  assert.not.ok(matches("\\*.txt", "a.txt"));
});

semantics("the plain-string tests agree with the regular expressions on many paths", () => {
  const patterns = [
    "*auth*",
    "*.md",
    "README*",
    "tests/",
    "docs",
    ".env*",
    "src/**",
    "/build",
    "src/billing",
    "*Test.php",
    "migrations/",
    "a/b/",
  ];
  const paths = [
    "auth",
    "src/auth/x.ts",
    "oauth.ts",
    "a.md",
    "x/a.md/y",
    "md",
    "README",
    "readme.md",
    "x/README.txt",
    "tests/a",
    "tests",
    "x/tests/y",
    "xtests/y",
    "docs",
    "docs/a",
    "x/docs",
    "x/docsy",
    ".env",
    "x/.env.local",
    "src",
    "src/a",
    "srcx/a",
    "build",
    "build/x",
    "x/build",
    "src/billing",
    "src/billing/a",
    "src/billingx",
    "UserTest.php",
    "a/UserTest.php/b",
    "db/migrations/1.sql",
    "a/b/c",
    "x/a/b/c",
    "a/b",
  ];
  for (const pattern of patterns) for (const path of paths) matches(pattern, path);
});

// ---
const errors = suite("compileGlob errors");

errors("rejects an unclosed class, an unclosed brace, an empty pattern and a negation", () => {
  for (const bad of ["src/[ab", "*.{ts,js", "", "   ", "!*.md", "abc\\"]) {
    assert.throws(
      () => compileGlob(bad),
      (e: unknown) => e instanceof GlobError,
      `expected ${JSON.stringify(bad)} to be rejected`,
    );
  }
});

errors("names the character where the problem is", () => {
  try {
    compileGlob("src/[ab");
    assert.unreachable();
  } catch (e) {
    assert.is((e as GlobError).index, 4);
    assert.match((e as GlobError).message, /unclosed `\[`/);
  }
});

// ---
const norm = suite("normalizePath");

norm("strips ./, collapses slashes and resolves .. that stays inside", () => {
  assert.is(normalizePath("./src//a/../b.ts"), "src/b.ts");
  assert.is(normalizePath("src\\win\\path.ts"), "src/win/path.ts");
  assert.is(normalizePath("docs/"), "docs");
  assert.is(normalizePath("src/a.ts"), "src/a.ts");
});

semantics.run();
errors.run();
norm.run();
