import { suite } from "uvu";
import * as assert from "uvu/assert";
import { prioritize } from "../../lib/context/rank.ts";
import { git, gitRepo, json, runCli, writeFiles } from "../_support/index.ts";

const test = suite("prioritize");

function fixtureRepo(): string {
  const dir = gitRepo({
    "README.md": "# shop\nA small shop.\n",
    "src/auth/token.ts":
      'import { now } from "../util/clock.ts";\n' +
      "/** Refresh tokens. */\n" +
      "export function refreshToken(token: string): string { return token + now(); }\n" +
      "export const TOKEN_EXPIRY_SECONDS = 3600;\n",
    "src/auth/session.ts":
      'import { refreshToken } from "./token.ts";\nexport class Session { renew() { return refreshToken("x"); } }\n',
    "src/util/clock.ts": "export function now(): number { return Date.now(); }\n",
    "src/billing/invoice.ts":
      "export function totalOf(lines: number[]): number { return lines.reduce((a, b) => a + b, 0); }\n",
    "src/ui/button.tsx": "export const Button = () => null;\n",
    "docs/guide.md": "How billing works.\n",
  });
  return dir;
}

test("puts the files a query is about first, with their reasons", async () => {
  const dir = fixtureRepo();
  const ranked = await prioritize("refresh token expiry", { root: dir });
  assert.is(ranked[0]!.path, "src/auth/token.ts");
  assert.ok(ranked[0]!.reasons.some((r) => r.signal === "path"));
  assert.ok(ranked[0]!.reasons.some((r) => r.signal === "symbol" && r.detail.includes("refreshToken")));
  const session = ranked.findIndex((f) => f.path === "src/auth/session.ts");
  const invoice = ranked.findIndex((f) => f.path === "src/billing/invoice.ts");
  assert.ok(session > 0 && (invoice < 0 || session < invoice), JSON.stringify(ranked.map((f) => f.path)));
});

test("follows the import graph to files the query does not name", async () => {
  const dir = fixtureRepo();
  const ranked = await prioritize("refresh token", { root: dir });
  const clock = ranked.find((f) => f.path === "src/util/clock.ts");
  assert.ok(
    clock?.reasons.some((r) => r.signal === "imports"),
    JSON.stringify(ranked, null, 1),
  );
});

test("files named in the progress file and the feature spec rank above the merely related", async () => {
  const dir = fixtureRepo();
  const ranked = (
    await prioritize("refresh token", {
      root: dir,
      progressFiles: ["src/billing/invoice.ts"],
      specFiles: ["src/ui/button.tsx"],
    })
  ).map((f) => f.path);
  assert.equal(ranked.slice(0, 3), ["src/auth/token.ts", "src/billing/invoice.ts", "src/ui/button.tsx"]);
});

test("recent and frequently changed files get a git signal", async () => {
  const dir = fixtureRepo();
  for (let i = 0; i < 3; i++) {
    writeFiles(dir, { "src/billing/invoice.ts": `export const v = ${i};\n` });
    git(dir, "commit", "-qam", `billing ${i}`);
  }
  const ranked = await prioritize("", { root: dir });
  const invoice = ranked.find((f) => f.path === "src/billing/invoice.ts")!;
  assert.ok(invoice.reasons.some((r) => r.signal === "churn" && r.detail === "4 commits"));
  assert.is(ranked[0]!.path, "src/billing/invoice.ts");
});

test("with a query, files relevant only by git activity are left out", async () => {
  const ranked = await prioritize("refresh token", { root: fixtureRepo() });
  assert.not.ok(
    ranked.some((f) => f.path === "README.md" || f.path === "src/billing/invoice.ts"),
    JSON.stringify(ranked.map((f) => f.path)),
  );
});

test("context rank reads the progress file and the feature spec", async () => {
  const dir = fixtureRepo();
  writeFiles(dir, {
    ".ai/project/sessions/claude-progress.txt":
      "# Progress: auth\n" +
      "\n" +
      "## Session Info\n" +
      "- feature: auth\n" +
      "\n" +
      "## Current State\n" +
      "- status: in_progress\n" +
      "\n" +
      "## Files Modified This Session\n" +
      "- src/billing/invoice.ts\n",
    ".ai/project/features/auth/spec.yaml": "feature:\n  id: auth\nimplementation:\n  files:\n    - src/ui/button.tsx\n",
  });
  const r = await runCli(["context", "rank", "refresh token", "--limit", "3", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const body = json(r);
  assert.is(body.files.length, 3);
  assert.ok(
    body.files.some(
      (f: { path: string; reasons: { signal: string }[] }) =>
        f.path === "src/billing/invoice.ts" && f.reasons.some((x) => x.signal === "progress"),
    ),
  );
  assert.ok(
    body.files.some(
      (f: { path: string; reasons: { signal: string }[] }) =>
        f.path === "src/ui/button.tsx" && f.reasons.some((x) => x.signal === "spec"),
    ),
  );
});

test.run();
