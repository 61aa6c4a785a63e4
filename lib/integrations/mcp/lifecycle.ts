import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { WfError } from "../../core/errors.ts";
import { runDetached, type Detached } from "../../core/run.ts";
import { redact } from "../../util/redact.ts";
import { atomicWrite } from "../../util/atomic-write.ts";
import { expandRefs } from "./env-refs.ts";
import type { McpServer } from "./schema.ts";
import { serverStatus, type McpStatus } from "./connect.ts";
import { pidAlive } from "../../util/pid.ts";

/** What a pid file of a started server holds. */
export interface McpPidFile {
  pid: number;
  url: string;
  command: string;
  args: string[];
  started: string;
  log: string;
}

/** The pid and log files of a server under the state folder. */
export function serverFiles(stateDir: string, name: string): { pid: string; log: string } {
  return { pid: join(stateDir, `${name}.pid.json`), log: join(stateDir, `${name}.log`) };
}

/** The running server's pid file, or undefined (a stale file, whose process is gone, is removed). */
export function runningServer(stateDir: string, name: string): McpPidFile | undefined {
  const { pid: file } = serverFiles(stateDir, name);
  if (!existsSync(file)) return undefined;
  let data: McpPidFile;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new WfError("E_MCP_STATE", `cannot read the pid file: ${(cause as Error).message}`, {
      where: file,
      hint: "stop the server by hand, then remove the file",
      cause,
    });
  }
  if (pidAlive(data.pid)) return data;
  rmSync(file, { force: true });
  return undefined;
}

async function portAnswers(url: URL): Promise<boolean> {
  const { connect } = await import("node:net");
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ""), port });
    socket.setTimeout(500);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket
      .once("connect", () => done(true))
      .once("error", () => done(false))
      .once("timeout", () => done(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").trim().split("\n").slice(-3).join(" | ");
  } catch {
    return "";
  }
}

export interface StartOptions {
  stateDir: string;
  cwd: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
}

/**
 * Starts a long-running HTTP server in the background (its own process group), logs to
 * `<name>.log`, records `<name>.pid.json`, and waits until the MCP handshake succeeds.
 * Refuses when it already runs or something else answers at its url.
 */
export async function startServer(
  server: McpServer,
  options: StartOptions,
): Promise<{ pid: number; log: string; status: McpStatus }> {
  if (!server.command || !server.url) {
    throw new WfError(
      "E_USAGE_MCP_START",
      `\`${server.name}\` is ${server.url ? "a remote HTTP server (no `command`)" : "a stdio server (the client launches it)"}: nothing to start`,
      {
        hint: "`mcp start` runs servers that have both `command` and `url`",
      },
    );
  }
  const files = serverFiles(options.stateDir, server.name);
  const running = runningServer(options.stateDir, server.name);
  if (running)
    throw new WfError("E_MCP_RUNNING", `\`${server.name}\` already runs (pid ${running.pid}, ${running.url})`, {
      hint: `stop it first: wf-task mcp stop ${server.name}`,
    });
  const expand = (raw: string) => {
    const r = expandRefs(raw, options.env);
    if (r.missing.length)
      throw new WfError("E_MCP_ENV", `env \`${r.missing[0]}\` is not set (referenced by \`${server.name}\`)`, {
        where: server.source,
        hint: `export ${r.missing[0]}=…`,
      });
    return r.value;
  };
  const url = new URL(expand(server.url));
  if (await portAnswers(url))
    throw new WfError("E_MCP_RUNNING", `something already listens at ${url.host}`, {
      hint: "stop that process or change the server's url",
    });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) env[k] = v;
  for (const [k, v] of Object.entries(server.env ?? {})) env[k] = expand(v);
  const args = (server.args ?? []).map(expand);
  mkdirSync(options.stateDir, { recursive: true });
  const logFd = openSync(files.log, "a");
  let child: Detached;
  try {
    child = await runDetached(expand(server.command), args, { cwd: options.cwd, env, logFd });
  } catch (error) {
    const notFound = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
    const message = notFound ? `command not found: \`${server.command}\`` : (error as Error).message;
    throw new WfError("E_MCP_START", message, {
      where: server.source,
      hint: "install the server or fix its `command`",
    });
  } finally {
    closeSync(logFd);
  }
  // The args as written (`${VAR}` references), never their expanded secrets.
  const pidFile: McpPidFile = {
    pid: child.pid,
    url: url.href,
    command: server.command,
    args: server.args ?? [],
    started: new Date().toISOString(),
    log: files.log,
  };
  await atomicWrite(files.pid, `${JSON.stringify(pidFile, null, 2)}\n`);
  const deadline = Date.now() + options.timeoutMs;
  const fail = async (message: string) => {
    await killGroup(child.pid);
    rmSync(files.pid, { force: true });
    const said = redact(tail(files.log), env);
    return new WfError("E_MCP_START", `${message}${said ? `: ${said}` : ""}`, { hint: `see the log: ${files.log}` });
  };
  while (Date.now() < deadline) {
    if (child.exitCode() !== undefined) {
      rmSync(files.pid, { force: true });
      const said = redact(tail(files.log), env);
      throw new WfError(
        "E_MCP_START",
        `\`${server.name}\` exited with code ${child.exitCode()} while starting${said ? `: ${said}` : ""}`,
        { hint: `see the log: ${files.log}` },
      );
    }
    if (await portAnswers(url)) {
      const status = await serverStatus(
        { ...server, url: url.href },
        { env: options.env, cwd: options.cwd, timeoutMs: Math.max(1000, deadline - Date.now()) },
      );
      if (status.ok) return { pid: child.pid, log: files.log, status };
      throw await fail(`\`${server.name}\` listens but the MCP handshake failed (${status.error?.message})`);
    }
    await sleep(100);
  }
  throw await fail(`\`${server.name}\` did not answer at ${url.host} within ${options.timeoutMs} ms`);
}

async function killGroup(pid: number): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // gone
      }
    }
  };
  signal("SIGTERM");
  for (let i = 0; i < 50 && pidAlive(pid); i++) await sleep(100);
  if (pidAlive(pid)) signal("SIGKILL");
}

/** Stops a started server (its whole process group) and removes its pid file. */
export async function stopServer(server: McpServer, stateDir: string): Promise<{ stopped: boolean; pid?: number }> {
  const running = runningServer(stateDir, server.name);
  if (!running) return { stopped: false };
  await killGroup(running.pid);
  rmSync(serverFiles(stateDir, server.name).pid, { force: true });
  return { stopped: true, pid: running.pid };
}
