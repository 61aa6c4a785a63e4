import { suite } from "uvu";
import * as assert from "uvu/assert";
import { serverStatus } from "../../../lib/integrations/mcp/connect.ts";
import type { McpServer } from "../../../lib/integrations/mcp/schema.ts";
import { EVERYTHING } from "../_servers.ts";

const status = suite("serverStatus");
const opts = (timeoutMs = 10_000) => ({ env: process.env, cwd: process.cwd(), timeoutMs });
const server = (s: Partial<McpServer>): McpServer => ({ name: "s", source: "test", ...s }) as McpServer;

status("performs the handshake with a real stdio server and counts its tools", async () => {
  const r = await serverStatus(
    server({ name: "everything", command: process.execPath, args: [EVERYTHING, "stdio"] }),
    opts(),
  );
  assert.ok(r.ok, JSON.stringify(r.error));
  assert.is(r.transport, "stdio");
  assert.match(r.server!.name, /everything/);
  assert.ok(r.protocolVersion);
  assert.ok(r.tools > 5);
  assert.ok(r.toolNames.includes("echo"));
});

status("reports a missing command as not_found at once", async () => {
  const r = await serverStatus(server({ name: "gone", command: "wf-no-such-mcp-server" }), opts());
  assert.not.ok(r.ok);
  assert.is(r.error!.kind, "not_found");
  assert.match(r.error!.message, /command not found: `wf-no-such-mcp-server`/);
  assert.ok(r.ms < 2000);
});

status("reports a server that hangs as timed out within the timeout", async () => {
  const start = Date.now();
  const r = await serverStatus(
    server({ name: "hang", command: process.execPath, args: ["-e", "setInterval(() => {}, 1000)"] }),
    opts(800),
  );
  assert.is(r.error!.kind, "timeout");
  assert.match(r.error!.message, /within 800 ms/);
  assert.ok(Date.now() - start < 2500, `took ${Date.now() - start} ms`);
});

status("reports a server that exits as crashed, with what it said on stderr", async () => {
  const r = await serverStatus(
    server({
      name: "boom",
      command: process.execPath,
      args: ["-e", "console.error('missing API key'); process.exit(3)"],
    }),
    opts(),
  );
  assert.is(r.error!.kind, "crashed");
  assert.match(r.error!.message, /code 3/);
  assert.match(r.error!.message, /missing API key/);
});

status("reports an env reference that is not set as missing_env without starting the server", async () => {
  const r = await serverStatus(
    server({ name: "gh", command: process.execPath, args: [EVERYTHING], env: { TOKEN: "${WF_TEST_UNSET_TOKEN}" } }),
    { ...opts(), env: {} },
  );
  assert.is(r.error!.kind, "missing_env");
  assert.match(r.error!.message, /WF_TEST_UNSET_TOKEN/);
});

status("a credential from the auth layer stands in for the env reference it replaces", async () => {
  const r = await serverStatus(
    server({
      name: "gh",
      command: process.execPath,
      args: [EVERYTHING, "stdio"],
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: "${WF_TEST_UNSET_TOKEN}" },
    }),
    { ...opts(), env: { PATH: process.env.PATH }, extraEnv: { GITHUB_PERSONAL_ACCESS_TOKEN: "from-token-store" } },
  );
  assert.ok(r.ok, JSON.stringify(r.error));
});

status("reports an HTTP server nobody runs as unreachable", async () => {
  const r = await serverStatus(server({ name: "web", url: "http://127.0.0.1:9/mcp" }), opts(3000));
  assert.is(r.error!.kind, "unreachable");
});

status.run();
