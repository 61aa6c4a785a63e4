import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { redact } from "../../lib/util/redact.ts";
import { gitRepo, json, runBuilt, writeFiles } from "../_support/index.ts";

const t = suite("faults: no secret on disk or in output");

const ENV = { FORCE_COLOR: undefined };
const GH = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
const SLACK = "xoxb-" + "123456789012-abcdefghijkl";

t("mcp render writes ${VAR} references for every secret shape and warns, naming the env var", () => {
  const dir = gitRepo();
  writeFiles(dir, {
    ".ai/workflow/integrations/mcp/github.yaml":
      `name: github\n` +
      `command: npx\n` +
      `args: [server-github, --token, ${GH}, "--password=hunter2hunter2", "postgres://app:pa55word@db.local/shop"]\n` +
      `env:\n` +
      `  GITHUB_TOKEN: ${GH}\n` +
      `  SLACK_HOOK: ${SLACK}\n` +
      `  LOG_LEVEL: debug\n`,
    ".ai/workflow/integrations/mcp/remote.yaml":
      "name: remote\nurl: https://mcp.example.com/v1?access_token=abc123def456&region=eu\n",
  });
  const r = runBuilt(["mcp", "render", "--json"], { cwd: dir, env: ENV });
  assert.is(r.code, 0, r.stderr);
  const text = readFileSync(join(dir, ".mcp.json"), "utf8");
  for (const secret of [GH, SLACK, "hunter2hunter2", "pa55word", "abc123def456"])
    assert.not.match(text, secret, `${secret} on disk`);
  const data = JSON.parse(text).mcpServers;
  assert.equal(data.github.args, [
    "server-github",
    "--token",
    "${GITHUB_TOKEN}",
    "--password=${GITHUB_PASSWORD}",
    "postgres://app:${GITHUB_PASSWORD}@db.local/shop",
  ]);
  assert.equal(data.github.env, { GITHUB_TOKEN: "${GITHUB_TOKEN}", SLACK_HOOK: "${SLACK_HOOK}", LOG_LEVEL: "debug" });
  assert.is(data.remote.url, "https://mcp.example.com/v1?access_token=${REMOTE_ACCESS_TOKEN}&region=eu");
  const warnings = json(r).warnings as { server: string; where: string; env_var: string }[];
  assert.equal(warnings.map((w) => `${w.server} ${w.where} ${w.env_var}`).sort(), [
    "github args.2 GITHUB_TOKEN",
    "github args.3 GITHUB_PASSWORD",
    "github args.4 GITHUB_PASSWORD",
    "github env.GITHUB_TOKEN GITHUB_TOKEN",
    "github env.SLACK_HOOK SLACK_HOOK",
    "remote url REMOTE_ACCESS_TOKEN",
  ]);
  assert.match(r.stderr, /warning: `github` env\.GITHUB_TOKEN: .* export GITHUB_TOKEN/);
  for (const secret of [GH, SLACK, "hunter2hunter2", "pa55word", "abc123def456"])
    assert.not.match(r.stdout + r.stderr, secret);
});

t("a server that prints its token on stderr: mcp status shows the excerpt redacted", () => {
  const dir = gitRepo();
  const script = `console.error("auth failed for token " + process.env.API_TOKEN + " and ${GH} at https://u:pw1234567@h/x?token=zzz999zzz"); process.exit(1)`;
  writeFiles(dir, {
    ".ai/workflow/integrations/mcp/leaky.yaml": `name: leaky\ncommand: node\nargs: ["-e", ${JSON.stringify(script)}]\nenv:\n  API_TOKEN: \${API_TOKEN}\n`,
  });
  const env = { ...ENV, API_TOKEN: "s3cr3t-value-0042" };
  const r = runBuilt(["mcp", "status", "--json"], { cwd: dir, env, timeout: 30_000 });
  const out = r.stdout + r.stderr;
  assert.match(out, /auth failed for token \*\*\*/, out);
  for (const secret of ["s3cr3t-value-0042", GH, "pw1234567", "zzz999zzz"])
    assert.not.match(out, secret, `${secret} shown`);
});

t("redact: token shapes, URL passwords, secret query values, --token args and env secrets", () => {
  const env = { MY_API_KEY: "k-123456789", HOME: "/home/me" };
  const text =
    `${GH} ${SLACK} AKIAABCDEFGHIJKLMNOP sk-ant-abcdefghijklmnopqrstuvwx postgres://u:pw@h ` +
    `?access_token=x1y2 --token abc --password=p4ss k-123456789 Bearer abcdefghijklmnop /home/me`;
  const out = redact(text, env);
  assert.is(
    out,
    "*** *** *** *** postgres://u:***@h ?access_token=*** --token *** --password=*** *** Bearer *** /home/me",
  );
});

t.run();
