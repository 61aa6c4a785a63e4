import { suite } from "uvu";
import * as assert from "uvu/assert";
import picomatch from "picomatch";
import { gitignoreMatcher } from "../../lib/parallel/setup.ts";

const match = suite("gitignoreMatcher");

const PATTERNS = [
  ".env*",
  "*.local",
  "/secrets/*.json/",
  "config/app.yml",
  "*",
  "a*b*c",
  "x.y",
  "node_modules",
  ".claude/settings.local.json",
  "a+b",
  "docs/**",
  "*.{db,sqlite}",
  "data?.csv",
];
const PATHS = [
  ".env",
  ".env.local",
  "a/.env",
  "a/b/.env.prod",
  "env",
  "x.env",
  ".envrc",
  "secrets/a.json",
  "secrets/sub/a.json",
  "a/secrets/a.json",
  "config/app.yml",
  "x/config/app.yml",
  "config/app.ymlx",
  "abc",
  "aXbYc",
  "a/b/c",
  "x.y",
  "xzy",
  ".hidden",
  "dir/file.local",
  ".local",
  "node_modules",
  "pkg/node_modules",
  ".claude/settings.local.json",
  "a+b",
  "aab",
  "docs/a/b.md",
  "app.db",
  "data1.csv",
];

match("plain patterns are matched as picomatch matches them (dot, basename without a slash)", async () => {
  for (const pattern of PATTERNS) {
    const mine = await gitignoreMatcher([pattern]);
    const p = pattern.replace(/^\//, "").replace(/\/$/, "");
    const theirs = picomatch(p, { dot: true, basename: !p.includes("/") });
    for (const path of PATHS) assert.is(mine(path), theirs(path), `${pattern} on ${path}`);
  }
});

match("a mix of plain and other patterns matches either", async () => {
  const m = await gitignoreMatcher([".env*", "*.{db,sqlite}"]);
  assert.ok(m("a/.env.test"));
  assert.ok(m("data/app.sqlite"));
  assert.not.ok(m("app.json"));
});

match.run();
