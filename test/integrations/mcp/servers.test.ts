import { suite } from "uvu";
import * as assert from "uvu/assert";
import { loadAuthFile, loadServers, findServer } from "../../../lib/integrations/mcp/servers.ts";
import { loadConfig } from "../../../lib/config/load.ts";
import { tempDir, writeFiles } from "../../_support/index.ts";

const servers = suite("loadServers");

servers("reads the YAML folder, skips auth.yaml, and lets config servers override by name", async () => {
  const dir = tempDir();
  writeFiles(dir, {
    ".ai/workflow/integrations/mcp/a.yaml":
      "name: a\ncommand: a-server\ntools:\n  - name: search\n    parameters: { q: string }\n    returns: results\n",
    ".ai/workflow/integrations/mcp/b.yaml": "name: b\ncommand: b-old\n",
    ".ai/workflow/integrations/mcp/auth.yaml": "token_store: ~/.config/wf-task/mcp-tokens.json\n",
    ".workflowrc.json": JSON.stringify({
      integrations: { mcp: { servers: [{ name: "b", url: "http://127.0.0.1:1/mcp" }] } },
    }),
  });
  const list = await loadServers(await loadConfig({ cwd: dir, env: {} }));
  assert.equal(
    list.map((s) => [s.name, s.source]),
    [
      ["a", ".ai/workflow/integrations/mcp/a.yaml"],
      ["b", "config"],
    ],
  );
  assert.is(list[0]!.tools![0]!.name, "search");
});

servers("integrations.mcp.authFile names the auth file (read there, not taken for a server)", async () => {
  const dir = tempDir();
  writeFiles(dir, {
    ".ai/workflow/integrations/mcp/a.yaml": "name: a\ncommand: a-server\n",
    ".ai/workflow/integrations/mcp/auth.yaml": "token_store: /default/tokens.json\n",
    ".ai/workflow/integrations/mcp/team-auth.yaml": "token_store: /team/tokens.json\n",
    ".workflowrc.json": JSON.stringify({
      integrations: { mcp: { authFile: ".ai/workflow/integrations/mcp/team-auth.yaml" } },
    }),
  });
  const loaded = await loadConfig({ cwd: dir, env: {} });
  assert.is((await loadAuthFile(loaded)).token_store, "/team/tokens.json");
  assert.equal(
    (await loadServers(loaded)).map((s) => s.name),
    ["a"],
  );
  const plain = tempDir();
  writeFiles(plain, { ".ai/workflow/integrations/mcp/auth.yaml": "token_store: /default/tokens.json\n" });
  assert.is((await loadAuthFile(await loadConfig({ cwd: plain, env: {} }))).token_store, "/default/tokens.json");
});

servers("names the file, line and key of a bad server definition", async () => {
  const dir = tempDir();
  writeFiles(dir, {
    ".ai/workflow/integrations/mcp/x.yaml":
      "name: x\ncommand: x\nauthentication:\n  type: api_key\n  env_var: lower-case\n",
  });
  try {
    await loadServers(await loadConfig({ cwd: dir, env: {} }));
    assert.unreachable();
  } catch (error: any) {
    assert.is(error.code, "E_MCP_CONFIG");
    assert.match(error.message, /x\.yaml:5:\d+: authentication\.env_var/);
  }
});

servers("requires command or url", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".ai/workflow/integrations/mcp/x.yaml": "name: x\ndescription: nothing to launch\n" });
  await loadServers(await loadConfig({ cwd: dir, env: {} })).then(
    () => assert.unreachable(),
    (e) => assert.match(e.message, /neither `command`/),
  );
});

servers("suggests the closest name for an unknown server", () => {
  try {
    findServer([{ name: "github", source: "x", command: "x" } as any], "githb");
    assert.unreachable();
  } catch (error: any) {
    assert.match(error.hint, /did you mean `github`/);
  }
});

servers.run();
