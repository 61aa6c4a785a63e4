import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { json, runCli, tempDir, writeFiles } from "../../_support/index.ts";

const render = suite("mcp render");
const github =
  `name: github\n` +
  `command: npx\n` +
  `args: ["-y", "@modelcontextprotocol/server-github"]\n` +
  `env:\n` +
  `  GITHUB_PERSONAL_ACCESS_TOKEN: \${GITHUB_TOKEN}\n` +
  `authentication:\n` +
  `  type: oauth2\n` +
  `  scopes: [repo]\n`;

render("writes .mcp.json keeping ${GITHUB_TOKEN} as a reference, never its value", async () => {
  const dir = tempDir();
  writeFiles(dir, {
    ".ai/workflow/integrations/mcp/github.yaml": github,
    ".ai/workflow/integrations/mcp/semgrep.yaml":
      "name: semgrep\ncommand: semgrep\nargs: [mcp]\nauthentication:\n  type: api_key\n  env_var: SEMGREP_APP_TOKEN\n",
    ".ai/workflow/integrations/mcp/docs.yaml":
      "name: docs\nurl: https://docs.example.com/mcp\nauthentication:\n  type: api_key\n  env_var: DOCS_KEY\n",
  });
  const r = await runCli(["mcp", "render", "--json"], {
    cwd: dir,
    env: { GITHUB_TOKEN: "ghp_supersecretvalue", SEMGREP_APP_TOKEN: "sg-secret" },
  });
  assert.is(r.code, 0, r.stderr);
  const text = readFileSync(join(dir, ".mcp.json"), "utf8");
  assert.not.ok(text.includes("ghp_supersecretvalue"));
  assert.not.ok(text.includes("sg-secret"));
  const data = JSON.parse(text);
  assert.equal(data.mcpServers.github, {
    type: "stdio",
    command: "npx",
    args: ["-y", "@modelcontextprotocol/server-github"],
    env: { GITHUB_PERSONAL_ACCESS_TOKEN: "${GITHUB_TOKEN}" },
  });
  assert.equal(data.mcpServers.semgrep.env, { SEMGREP_APP_TOKEN: "${SEMGREP_APP_TOKEN}" });
  assert.equal(data.mcpServers.docs, {
    type: "http",
    url: "https://docs.example.com/mcp",
    headers: { Authorization: "Bearer ${DOCS_KEY}" },
  });
  assert.equal(json(r).servers.sort(), ["docs", "github", "semgrep"]);
});

render("merges with an existing .mcp.json, keeping other servers and keys", async () => {
  const dir = tempDir();
  writeFiles(dir, {
    ".ai/workflow/integrations/mcp/github.yaml": github,
    ".mcp.json": JSON.stringify({
      mcpServers: { mine: { command: "my-server" }, github: { command: "old" } },
      other: true,
    }),
  });
  const r = await runCli(["mcp", "render"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const data = JSON.parse(readFileSync(join(dir, ".mcp.json"), "utf8"));
  assert.equal(data.mcpServers.mine, { command: "my-server" });
  assert.is(data.mcpServers.github.command, "npx");
  assert.is(data.other, true);
  assert.match(r.stdout, /kept mine/);
  const again = await runCli(["mcp", "render"], { cwd: dir });
  assert.match(again.stdout, /^unchanged/);
});

render("writes a literal secret in a server's env as a ${VAR} reference and warns", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".ai/workflow/integrations/mcp/leak.yaml": "name: leak\ncommand: x\nenv:\n  API_TOKEN: abc123\n" });
  const r = await runCli(["mcp", "render"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: `leak` env\.API_TOKEN: .*\$\{API_TOKEN\}; export API_TOKEN/);
  const text = readFileSync(join(dir, ".mcp.json"), "utf8");
  assert.not.match(text, /abc123/);
  assert.is(JSON.parse(text).mcpServers.leak.env.API_TOKEN, "${API_TOKEN}");
});

render.run();
