import { suite } from "uvu";
import * as assert from "uvu/assert";
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { json, runCli, tempDir } from "../_support/index.ts";
import {
  capturePane,
  createSession,
  hasSession,
  killSession,
  listPanes,
  listSessions,
  sendToPane,
  socketPath,
  tmuxArg,
  tmux as tmuxRun,
  type TmuxTarget,
} from "../../lib/parallel/tmux.ts";
import { killServer, testEnv, until } from "./_helpers.ts";

const tmux = suite("tmux");
const servers: TmuxTarget[] = [];
function server(): TmuxTarget {
  const t = { env: testEnv({ SHELL: "/bin/sh", PS1: "$ " }) };
  servers.push(t);
  return t;
}
tmux.after.each(() => {
  for (const t of servers.splice(0)) killServer(t);
});

tmux("creates one session with a titled pane per role, tiled, with the role's variables", async () => {
  const t = server();
  const dir = tempDir();
  const r = await createSession(t, "workflow-auth", [
    { role: "backend", cwd: dir, env: { AGENT_PORT: "3001", FEATURE_ID: "auth" } },
    { role: "frontend", env: { AGENT_PORT: "3002", FEATURE_ID: "auth" } },
    { role: "qa" },
  ]);
  assert.is(r.panes.length, 3);
  const panes = await listPanes(t, "workflow-auth");
  assert.equal(
    panes.map((p) => p.role),
    ["backend", "frontend", "qa"],
  );
  assert.equal(
    panes.map((p) => p.title),
    ["backend", "frontend", "qa"],
  );
  const border = await tmuxRun(t, ["show-options", "-w", "-v", "-t", "=workflow-auth:", "pane-border-status"]);
  assert.is(border.stdout.trim(), "top");
  const single = await createSession(t, "one-pane", [
    { role: "solo", command: ["sh", "-c", "echo hi; exec sleep 60"] },
  ]);
  const [solo] = await listPanes(t, "one-pane");
  assert.equal([solo!.pane_id, solo!.role, solo!.title], [single.panes[0]!.pane_id, "solo", "solo"]);
  await sendToPane(t, "workflow-auth", "backend", 'echo "$AGENT_ROLE:$AGENT_PORT:$FEATURE_ID:$(pwd)" > env.txt');
  await until(async () => {
    try {
      return readFileSync(join(dir, "env.txt"), "utf8").length > 0;
    } catch {
      return false;
    }
  });
  assert.is(readFileSync(join(dir, "env.txt"), "utf8").trim(), `backend:3001:auth:${dir}`);
});

tmux("send delivers ; $() quotes and tmux key names verbatim, then Enter", async () => {
  const t = server();
  const dir = tempDir();
  await createSession(t, "s", [{ role: "a", cwd: dir, command: ["sh", "-c", "cat > typed.txt"] }]);
  const nasty = [
    `echo a; rm -rf / $(id) \`id\` 'single' "double" C-c Enter Escape \\; ;`,
    "-rf",
    ";",
    "x\\;",
    "#{pane_id} ~ * ?",
  ];
  for (const line of nasty) await sendToPane(t, "s", "a", line);
  const file = join(dir, "typed.txt");
  await until(() => {
    try {
      return readFileSync(file, "utf8").split("\n").length > nasty.length;
    } catch {
      return false;
    }
  });
  assert.is(readFileSync(file, "utf8"), `${nasty.join("\n")}\n`);
});

tmux("escapes a trailing ; that tmux would take as a separator", () => {
  assert.is(tmuxArg("a;"), "a\\;");
  assert.is(tmuxArg("a"), "a");
});

tmux("output returns the pane's last lines", async () => {
  const t = server();
  await createSession(t, "s", [
    { role: "a", command: ["sh", "-c", "for i in 1 2 3 4 5 6; do echo line$i; done; sleep 30"] },
  ]);
  await until(async () => (await capturePane(t, "s", "a", 50)).includes("line6"));
  assert.is(await capturePane(t, "s", "a", 2), "line5\nline6");
});

tmux("kill removes the session; list shows what is left", async () => {
  const t = server();
  await createSession(t, "one", [{ role: "a" }]);
  await createSession(t, "two", [{ role: "b" }, { role: "c" }]);
  assert.equal((await listSessions(t)).map((s) => s.name).sort(), ["one", "two"]);
  assert.ok(await killSession(t, "one"));
  assert.not.ok(await hasSession(t, "one"));
  assert.not.ok(await killSession(t, "one"));
  assert.equal(
    (await listSessions(t)).map((s) => s.name),
    ["two"],
  );
});

tmux("session names match exactly, not by prefix", async () => {
  const t = server();
  await createSession(t, "workflow-auth-v2", [{ role: "a" }]);
  assert.not.ok(await hasSession(t, "workflow-auth"));
});

tmux("the CLI drives a private server through TMUX_TMPDIR and -L", async () => {
  const t = server();
  const env = t.env;
  let r = await runCli(["tmux", "create", "workflow-x", "--roles", "backend,qa", "--json"], { cwd: tempDir(), env });
  assert.is(r.code, 0, r.stderr);
  assert.is(json(r).panes.length, 2);
  r = await runCli(["tmux", "list", "--json"], { env });
  assert.equal(
    json(r)[0].panes.map((p: any) => p.role),
    ["backend", "qa"],
  );
  r = await runCli(["tmux", "send", "workflow-x", "qa", "echo", "hello-$((40+2))"], { env });
  assert.is(r.code, 0, r.stderr);
  await until(async () => (await runCli(["tmux", "output", "workflow-x", "qa"], { env })).stdout.includes("hello-42"));
  assert.is((await runCli(["tmux", "send", "workflow-x", "nobody", "x"], { env })).code, 2);
  assert.is((await runCli(["tmux", "kill", "workflow-x"], { env })).code, 0);
  assert.is((await runCli(["tmux", "kill", "workflow-x"], { env })).code, 1);

  const socket = `wf-test-${process.pid}`;
  const named = { env, socket };
  servers.push(named);
  r = await runCli(["tmux", "create", "named", "--roles", "a", "--socket", socket], { cwd: tempDir(), env });
  assert.is(r.code, 0, r.stderr);
  assert.ok(await hasSession(named, "named"));
  assert.not.ok(await hasSession(t, "named"), "not on the TMUX_TMPDIR server");
});

tmux("tmux missing: exit 3 with how to install it", async () => {
  const env = { ...testEnv(), PATH: tempDir() };
  const r = await runCli(["tmux", "list"], { env });
  assert.is(r.code, 3);
  assert.match(r.stderr, /E_PREREQ_TMUX/);
  assert.match(r.stderr, /apt-get install tmux/);
});

tmux("no server on the socket (none, or a stale one): no session, and no tmux client started", async () => {
  // A tmux on PATH that writes down each call, then runs the real one.
  const real = spawnSync("sh", ["-c", "command -v tmux"], { encoding: "utf8" }).stdout.trim();
  const bin = tempDir();
  const log = join(bin, "calls.log");
  writeFileSync(join(bin, "tmux"), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(join(bin, "tmux"), 0o755);
  const t = server();
  t.env = { ...t.env, PATH: `${bin}:${t.env.PATH}` };
  const calls = () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []);

  assert.not.ok(await hasSession(t, "work"));
  assert.not.ok(await hasSession({ ...t, socket: "other" }, "work"));
  assert.equal(calls(), [], "no server, no client");
  assert.not.ok(existsSync(socketPath(t)!));

  await createSession(t, "work", [{ role: "a" }]);
  assert.ok(existsSync(socketPath(t)!), socketPath(t));
  rmSync(log);
  assert.ok(await hasSession(t, "work"));
  assert.not.ok(await hasSession(t, "other-session"));
  assert.equal(calls().length, 2, "a server runs: tmux is asked");
  assert.not.ok(await hasSession({ ...t, socket: "other" }, "work"), "another socket has no server");
  assert.equal(calls().length, 2);
  // The server ends; its socket file stays, and refuses.
  killServer(t);
  // (the server exits just after kill-server returns)
  await until(() => spawnSync(real, ["-S", socketPath(t)!, "ls"], { stdio: "ignore" }).status !== 0);
  assert.ok(existsSync(socketPath(t)!), "tmux leaves its socket file");
  rmSync(log);
  assert.not.ok(await hasSession(t, "work"));
  assert.equal(calls(), [], "a stale socket: no client");
  await createSession(t, "work", [{ role: "a" }]);

  // Inside tmux without -L, the server is the one $TMUX names, wherever TMUX_TMPDIR points.
  const inside = { env: { ...t.env, TMUX: `${socketPath(t)},1234,0`, TMUX_TMPDIR: tempDir() } };
  assert.is(socketPath(inside), socketPath(t));
  assert.ok(await hasSession(inside, "work"));
  // A TMUX_TMPDIR that does not exist: tmux would fall back to /tmp, so tmux is asked.
  assert.is(socketPath({ env: { ...t.env, TMUX_TMPDIR: join(bin, "gone") } }), undefined);
  // No server and no tmux on PATH: still the missing-tmux error.
  const missing = await hasSession({ env: { ...t.env, PATH: tempDir() } }, "work").then(
    () => null,
    (e: { code?: string }) => e.code,
  );
  assert.is(missing, "E_PREREQ_TMUX");
});

tmux.run();
