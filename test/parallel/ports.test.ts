import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createServer, type Server } from "node:net";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gitRepo, json, runCli, tempDir } from "../_support/index.ts";
import { allocatePort, getPort, listPorts, releasePort } from "../../lib/parallel/ports.ts";
import { portInUse } from "../../lib/parallel/port-probe.ts";
import { project, testEnv } from "./_helpers.ts";

const ports = suite("ports");

function listen(port: number, host: string, ipv6Only = false): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen({ port, host, ipv6Only }, () => resolve(s));
  });
}

async function fresh() {
  const env = testEnv();
  const repo = gitRepo();
  return { env, repo, p: await project(repo, env), start: Number(env.PORT_RANGE_START) };
}

ports("allocates a free port from the start of the range, then the next one", async () => {
  const { p, start } = await fresh();
  assert.is((await allocatePort(p, "backend")).port, start);
  assert.is((await allocatePort(p, "frontend")).port, start + 1);
});

ports("gives a role its own port back", async () => {
  const { p, start } = await fresh();
  await allocatePort(p, "backend");
  const again = await allocatePort(p, "backend");
  assert.is(again.port, start);
  assert.not.ok(again.fresh);
});

ports("skips a port something listens on, over IPv4 and over IPv6", async () => {
  const { p, start } = await fresh();
  const v4 = await listen(start, "127.0.0.1");
  const v6 = await listen(start + 1, "::1", true);
  try {
    assert.ok(await portInUse(start));
    assert.ok(await portInUse(start + 1));
    assert.is((await allocatePort(p, "backend")).port, start + 2);
  } finally {
    v4.close();
    v6.close();
  }
});

ports("in-use exits 0 for a listening port and 1 for a free one", async () => {
  const { env, repo, start } = await fresh();
  const s = await listen(start, "0.0.0.0");
  try {
    assert.is((await runCli(["ports", "in-use", String(start)], { cwd: repo, env })).code, 0);
    assert.is((await runCli(["ports", "in-use", String(start + 5)], { cwd: repo, env })).code, 1);
  } finally {
    s.close();
  }
});

ports("10 concurrent allocations give 10 distinct ports", async () => {
  const { p } = await fresh();
  const roles = Array.from({ length: 10 }, (_, i) => `agent${i}`);
  const got = await Promise.all(roles.map((r) => allocatePort(p, r)));
  assert.is(new Set(got.map((g) => g.port)).size, 10);
  assert.is(Object.keys(listPorts(p)).length, 10);
});

ports("release frees the port for the next role", async () => {
  const { p, start } = await fresh();
  await allocatePort(p, "backend");
  assert.is(await releasePort(p, "backend"), start);
  assert.is(getPort(p, "backend"), null);
  assert.is((await allocatePort(p, "qa")).port, start);
});

ports("release --all frees every allocation (the original's release-all)", async () => {
  const { env, repo, start } = await fresh();
  await runCli(["ports", "allocate", "backend"], { cwd: repo, env });
  await runCli(["ports", "allocate", "frontend"], { cwd: repo, env });
  const r = await runCli(["ports", "release", "--all", "--json"], { cwd: repo, env });
  assert.is(r.code, 0, r.stderr);
  assert.equal(json(r), { released: { backend: start, frontend: start + 1 } });
  assert.equal(json(await runCli(["ports", "list", "--json"], { cwd: repo, env })), {});
  const none = await runCli(["ports", "release", "--all"], { cwd: repo, env });
  assert.is(none.code, 0);
  assert.match(none.stdout, /no ports/);
  const both = await runCli(["ports", "release", "backend", "--all"], { cwd: repo, env });
  assert.is(both.code, 2);
  const neither = await runCli(["ports", "release"], { cwd: repo, env });
  assert.is(neither.code, 2);
});

ports("reclaims the port of a role whose worktree was removed", async () => {
  const { p, start } = await fresh();
  const wt = tempDir();
  await allocatePort(p, "backend", { worktree: wt });
  rmSync(wt, { recursive: true });
  const r = await allocatePort(p, "qa");
  assert.is(r.port, start);
  assert.equal(r.reclaimed, ["backend"]);
});

ports("range exhausted: exit 1 with the holders listed", async () => {
  const env = testEnv();
  env.PORT_RANGE_END = String(Number(env.PORT_RANGE_START) + 1);
  const repo = gitRepo();
  await runCli(["ports", "allocate", "a"], { cwd: repo, env });
  await runCli(["ports", "allocate", "b"], { cwd: repo, env });
  const r = await runCli(["ports", "allocate", "c"], { cwd: repo, env });
  assert.is(r.code, 1);
  assert.match(r.stderr, /no free port/);
  assert.match(r.stderr, new RegExp(`${env.PORT_RANGE_START}: a`));
  assert.match(r.stderr, /: b/);
});

ports("allocate and get print the bare port; list --json is {role: port}", async () => {
  const { env, repo, start } = await fresh();
  const a = await runCli(["ports", "allocate", "backend"], { cwd: repo, env });
  assert.is(a.stdout, `${start}\n`);
  assert.is((await runCli(["ports", "get", "backend"], { cwd: repo, env })).stdout, `${start}\n`);
  assert.is((await runCli(["ports", "get", "nobody"], { cwd: repo, env })).code, 1);
  assert.equal(json(await runCli(["ports", "list", "--json"], { cwd: repo, env })), { backend: start });
  const state = JSON.parse(readFileSync(join(repo, ".ai/project/sessions/port_allocations.json"), "utf8"));
  assert.is(state.allocations.backend.port, start);
});

ports("a corrupt state file is reported and never overwritten", async () => {
  const { env, repo } = await fresh();
  mkdirSync(join(repo, ".ai/project/sessions"), { recursive: true });
  const file = join(repo, ".ai/project/sessions/port_allocations.json");
  writeFileSync(file, "{ not json");
  const r = await runCli(["ports", "allocate", "backend"], { cwd: repo, env });
  assert.is(r.code, 2, "a corrupt file is bad input, as everywhere in wf-task");
  assert.match(r.stderr, /E_STATE_CORRUPT/);
  assert.is(readFileSync(file, "utf8"), "{ not json");
});

ports("reads the plan's flat {role: port} file", async () => {
  const { p } = await fresh();
  mkdirSync(p.paths.sessionsDir, { recursive: true });
  writeFileSync(p.paths.portsFile, JSON.stringify({ backend: 3005 }));
  assert.is(getPort(p, "backend"), 3005);
});

ports.run();
