import { suite } from "uvu";
import * as assert from "uvu/assert";
import { chmodSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OAuth2Server } from "oauth2-mock-server";
import { json, runCli, tempDir, writeFiles } from "../../_support/index.ts";
import { pkcePair } from "../../../lib/integrations/mcp/oauth.ts";

const oauth = suite("mcp auth");
let issuer: OAuth2Server;
const challenges: string[] = [];

oauth.before(async () => {
  issuer = new OAuth2Server();
  await issuer.issuer.keys.generate("RS256");
  issuer.service.on("beforeAuthorizeRedirect", (_redirect: unknown, req: { query: Record<string, string> }) =>
    challenges.push(`${req.query.code_challenge_method}:${req.query.code_challenge}`),
  );
  await issuer.start(0, "127.0.0.1");
});
oauth.after(async () => issuer.stop());

/** A "browser": GETs the authorization URL and follows redirects to the loopback listener. */
function browserScript(dir: string): string {
  const file = join(dir, "browser.mjs");
  writeFileSync(
    file,
    `#!/usr/bin/env node\nconst res = await fetch(process.argv[2], { redirect: "follow" });\nawait res.text();\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

function project(): string {
  const dir = tempDir();
  writeFiles(dir, {
    ".ai/workflow/integrations/mcp/remote.yaml":
      `name: remote\n` +
      `url: https://mcp.example.invalid/mcp\n` +
      `authentication:\n` +
      `  type: oauth2\n` +
      `  issuer: ${issuer.issuer.url}\n` +
      `  client_id: wf-task-test\n` +
      `  scopes: [read, write]\n`,
  });
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as any).path, e.name));
}

oauth(
  "signs in with PKCE through a loopback redirect and stores the token 0600 outside the repo, never printed",
  async () => {
    const dir = project();
    const home = tempDir("wf-home-");
    const store = join(home, "tokens", "mcp.json");
    const env = { WF_TOKEN_STORE: store, BROWSER: browserScript(home) };
    const r = await runCli(["mcp", "auth", "remote", "--json"], { cwd: dir, env });
    assert.is(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /Open this URL to sign in to remote:\n\s+http:\/\/(localhost|127\.0\.0\.1):\d+\/authorize\?/,
    );
    assert.match(r.stderr, /code_challenge_method=S256/);
    assert.match(challenges.at(-1)!, /^S256:[A-Za-z0-9_-]{43}$/);
    const out = json(r);
    assert.is(out.server, "remote");
    assert.is(out.stored, store);
    assert.is(statSync(store).mode & 0o777, 0o600);
    const saved = JSON.parse(readFileSync(store, "utf8"));
    const token = Object.values<any>(saved.tokens)[0];
    assert.ok(token.access_token.length > 20);
    assert.ok(token.refresh_token);
    for (const text of [r.stdout, r.stderr]) {
      assert.not.ok(text.includes(token.access_token), "access token printed");
      assert.not.ok(text.includes(token.refresh_token), "refresh token printed");
    }
    for (const file of filesUnder(dir))
      assert.not.ok(readFileSync(file, "utf8").includes(token.access_token), `token found in ${file}`);

    const refreshed = await runCli(["mcp", "auth", "remote", "--refresh"], { cwd: dir, env });
    assert.is(refreshed.code, 0, refreshed.stderr);
    assert.match(refreshed.stdout, /refreshed remote: token stored in .* \(0600\)/);
    const after = Object.values<any>(JSON.parse(readFileSync(store, "utf8")).tokens)[0];
    assert.is.not(after.refresh_token, token.refresh_token);
    assert.ok(after.obtained_at >= token.obtained_at);
    assert.not.ok(refreshed.stdout.includes(after.access_token));
    assert.is(statSync(store).mode & 0o777, 0o600);
  },
);

oauth("refuses a token store inside the project", async () => {
  const dir = project();
  const r = await runCli(["mcp", "auth", "remote"], {
    cwd: dir,
    env: { WF_TOKEN_STORE: join(dir, "tokens.json"), BROWSER: "true" },
  });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_MCP_TOKEN_STORE/);
});

oauth("gives up with a clear error when nobody completes the sign-in", async () => {
  const dir = project();
  const r = await runCli(["mcp", "auth", "remote", "--wait", "1"], {
    cwd: dir,
    env: { WF_TOKEN_STORE: join(tempDir(), "t.json"), WF_NO_BROWSER: "1" },
  });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_MCP_AUTH_TIMEOUT: no sign-in within 1 s/);
});

oauth("says how an api_key server authenticates instead of starting a sign-in", async () => {
  const dir = tempDir();
  writeFiles(dir, {
    ".ai/workflow/integrations/mcp/semgrep.yaml":
      "name: semgrep\ncommand: semgrep\nargs: [mcp]\nauthentication:\n  type: api_key\n  env_var: SEMGREP_APP_TOKEN\n",
  });
  const r = await runCli(["mcp", "auth", "semgrep"], { cwd: dir, env: { WF_TOKEN_STORE: join(tempDir(), "t.json") } });
  assert.is(r.code, 2);
  assert.match(r.stderr, /\$SEMGREP_APP_TOKEN/);
});

oauth("makes PKCE pairs whose challenge is the S256 of the verifier", () => {
  const { verifier, challenge } = pkcePair();
  assert.ok(verifier.length >= 43 && verifier.length <= 128);
  assert.match(verifier, /^[A-Za-z0-9_-]+$/);
  assert.is.not(pkcePair().verifier, verifier);
  assert.is(challenge.length, 43);
});

oauth.run();
