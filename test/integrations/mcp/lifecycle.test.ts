import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { json, runCli, tempDir, writeFiles } from "../../_support/index.ts";
import { everythingHttpYaml, everythingYaml, freePort } from "../_servers.ts";

const life = suite("mcp start/stop");
const state = (dir: string) => join(dir, ".ai/project/sessions/mcp");

life("starts an HTTP server, reports its handshake in status, refuses a second start, and stops it", async () => {
  const dir = tempDir();
  const port = await freePort();
  writeFiles(dir, { ".ai/workflow/integrations/mcp/web.yaml": everythingHttpYaml(port, "web") });
  try {
    const started = await runCli(["mcp", "start", "web", "--json"], { cwd: dir });
    assert.is(started.code, 0, started.stderr);
    const body = json(started);
    assert.ok(body.tools > 5);
    const pidFile = JSON.parse(readFileSync(join(state(dir), "web.pid.json"), "utf8"));
    assert.is(pidFile.pid, body.pid);
    assert.ok(existsSync(join(state(dir), "web.log")));

    const st = await runCli(["mcp", "status", "web", "--json"], { cwd: dir });
    assert.is(st.code, 0, st.stdout);
    const [web] = json(st).servers;
    assert.is(web.transport, "http");
    assert.ok(web.ok);
    assert.is(web.tools, body.tools);

    const again = await runCli(["mcp", "start", "web"], { cwd: dir });
    assert.is(again.code, 1);
    assert.match(again.stderr, /already runs \(pid \d+/);
  } finally {
    const stopped = await runCli(["mcp", "stop", "web", "--json"], { cwd: dir });
    assert.is(stopped.code, 0, stopped.stderr);
    assert.ok(json(stopped).stopped);
  }
  assert.not.ok(existsSync(join(state(dir), "web.pid.json")));
  const after = await runCli(["mcp", "status", "web", "--json"], { cwd: dir, env: {} });
  assert.is(after.code, 1);
  assert.is(json(after).servers[0].error.kind, "unreachable");
  assert.match(json(after).servers[0].error.hint, /wf-task mcp start web/);
});

life("refuses to start a stdio server: the client launches those", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".ai/workflow/integrations/mcp/everything.yaml": everythingYaml() });
  const r = await runCli(["mcp", "start", "everything"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /a stdio server/);
});

life("reports a server that dies while starting, with its log, and leaves no pid file", async () => {
  const dir = tempDir();
  const port = await freePort();
  writeFiles(dir, {
    ".ai/workflow/integrations/mcp/bad.yaml":
      `name: bad\n` +
      `command: ${process.execPath}\n` +
      `args: ["-e", "console.error('cannot bind'); process.exit(4)"]\n` +
      `url: http://127.0.0.1:${port}/mcp\n`,
  });
  const r = await runCli(["mcp", "start", "bad"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /exited with code 4 while starting: cannot bind/);
  assert.not.ok(existsSync(join(state(dir), "bad.pid.json")));
});

life("stop of a server that is not running says so and exits 0", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".ai/workflow/integrations/mcp/web.yaml": everythingHttpYaml(await freePort(), "web") });
  const r = await runCli(["mcp", "stop", "web"], { cwd: dir });
  assert.is(r.code, 0);
  assert.match(r.stdout, /web was not running/);
});

life.run();
