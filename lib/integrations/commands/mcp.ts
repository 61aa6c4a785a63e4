import { relative } from "node:path";
import { defineCommand, type CommandContext } from "../../core/command.ts";
import { WfError } from "../../core/errors.ts";
import { mcpSession } from "../mcp/session.ts";
import { findServer, transportOf } from "../mcp/servers.ts";
import type { McpStatus } from "../mcp/connect.ts";

const timeoutArg = {
  timeout: {
    type: "number",
    description: "Handshake timeout in ms (default integrations.mcp.timeoutMs)",
    valueHint: "ms",
  },
} as const;

const list = defineCommand({
  meta: {
    name: "list",
    description: "List the MCP servers from integrations/mcp/*.yaml and the config",
    details:
      "JSON: {servers:[{name, transport: stdio|http, command?, url?, auth: oauth2|api_key|none, source, running}]}",
  },
  async run(ctx) {
    const s = await mcpSession(ctx);
    const { runningServer } = await import("../mcp/lifecycle.ts");
    const servers = s.servers.map((server) => ({
      name: server.name,
      transport: transportOf(server),
      command: server.command,
      url: server.url,
      auth: server.authentication?.type ?? "none",
      source: server.source,
      running: server.command && server.url ? Boolean(runningServer(s.stateDir, server.name)) : undefined,
    }));
    ctx.emit({ servers }, () =>
      servers.length
        ? servers
            .map(
              (x) =>
                `${x.name.padEnd(16)} ${x.transport.padEnd(5)} ${(x.url ?? [x.command].join(" ")).padEnd(40)} ` +
                `auth=${x.auth}${x.running ? " (running)" : ""}  [${x.source}]`,
            )
            .join("\n")
        : `no MCP servers: add YAML files to ${s.loaded.config.integrations.mcp.configDir}/ (wf-task scripts install writes examples)`,
    );
  },
});

function statusLine(st: McpStatus): string {
  if (st.ok)
    return (
      `ok    ${st.name}: ${st.server?.name ?? "?"} ${st.server?.version ?? ""} over ${st.transport}, ` +
      `protocol ${st.protocolVersion ?? "?"}, ${st.tools} tools (${st.ms} ms)`
    );
  return `FAIL  ${st.name}: ${st.error!.kind}: ${st.error!.message}\n      hint: ${st.error!.hint}`;
}

const status = defineCommand({
  meta: {
    name: "status",
    description: "Connect to each server (or one), perform the MCP handshake and count its tools",
    details:
      "Exit 1 when a server fails. JSON: {ok, servers:[{name, transport, ok, server:{name, version}, " +
      "protocolVersion, tools, toolNames, ms, error?:{kind: " +
      "not_found|crashed|auth_failed|timeout|unreachable|missing_env|protocol, message, hint}}]}",
  },
  args: { name: { type: "positional", description: "Server name (default: every server)" }, ...timeoutArg },
  async run(ctx) {
    const s = await mcpSession(ctx);
    const targets = ctx.args.name ? [findServer(s.servers, ctx.args.name)] : s.servers;
    const { serverStatus } = await import("../mcp/connect.ts");
    const results = await Promise.all(
      targets.map(async (server) => serverStatus(server, await s.connectOptions(server, ctx.args.timeout))),
    );
    const ok = results.every((r) => r.ok);
    ctx.emit({ ok, servers: results }, () =>
      results.length ? results.map(statusLine).join("\n") : "no MCP servers configured",
    );
    return ok ? 0 : 1;
  },
});

const tools = defineCommand({
  meta: {
    name: "tools",
    description: "List a server's tools over the protocol",
    details: "JSON: {server, tools:[{name, description}]}",
  },
  args: { name: { type: "positional", description: "Server name", required: true }, ...timeoutArg },
  async run(ctx) {
    const s = await mcpSession(ctx);
    const server = findServer(s.servers, ctx.args.name);
    const { withClient, listAllTools, isMcpConnectError } = await import("../mcp/connect.ts");
    try {
      const found = await withClient(server, await s.connectOptions(server, ctx.args.timeout), (client) =>
        listAllTools(client),
      );
      ctx.emit({ server: server.name, tools: found }, () =>
        found.map((t) => `${t.name.padEnd(32)} ${(t.description ?? "").split("\n")[0]}`).join("\n"),
      );
    } catch (error) {
      if (isMcpConnectError(error))
        throw new WfError("E_CHECK_MCP", `${server.name}: ${error.kind}: ${error.message}`, { hint: error.hint });
      throw error;
    }
  },
});

const start = defineCommand({
  meta: {
    name: "start",
    description: "Start a long-running HTTP server in the background: pid file, log file, health check",
    details: "Refuses (exit 1) when it already runs. JSON: {server, pid, log, url, tools}",
  },
  args: { name: { type: "positional", description: "Server name", required: true }, ...timeoutArg },
  async run(ctx) {
    const s = await mcpSession(ctx);
    const server = findServer(s.servers, ctx.args.name);
    const { startServer } = await import("../mcp/lifecycle.ts");
    const r = await startServer(server, {
      stateDir: s.stateDir,
      cwd: s.loaded.root,
      env: ctx.env,
      timeoutMs: ctx.args.timeout ?? Math.max(s.loaded.config.integrations.mcp.timeoutMs, 10_000),
    });
    ctx.emit(
      { server: server.name, pid: r.pid, log: relative(s.loaded.root, r.log), url: server.url, tools: r.status.tools },
      () =>
        `started ${server.name} (pid ${r.pid}) — handshake ok, ${r.status.tools} tools; log: ${relative(s.loaded.root, r.log)}`,
    );
  },
});

const stop = defineCommand({
  meta: {
    name: "stop",
    description: "Stop a server started with `mcp start`",
    details: "JSON: {server, stopped, pid?}",
  },
  args: { name: { type: "positional", description: "Server name", required: true } },
  async run(ctx) {
    const s = await mcpSession(ctx);
    const server = findServer(s.servers, ctx.args.name);
    const { stopServer } = await import("../mcp/lifecycle.ts");
    const r = await stopServer(server, s.stateDir);
    ctx.emit({ server: server.name, ...r }, () =>
      r.stopped ? `stopped ${server.name} (pid ${r.pid})` : `${server.name} was not running`,
    );
  },
});

async function openBrowser(url: string, ctx: CommandContext): Promise<void> {
  const env = ctx.env;
  let command: string | undefined;
  let args: string[] = [url];
  if (env.BROWSER) command = env.BROWSER;
  else if (process.platform === "darwin") command = "open";
  else if (process.platform === "win32") [command, args] = ["cmd", ["/c", "start", '""', url]];
  else if (env.DISPLAY || env.WAYLAND_DISPLAY) command = "xdg-open";
  if (!command || env.WF_NO_BROWSER) return;
  try {
    const { runDetached } = await import("../../core/run.ts");
    await runDetached(command, args, { env });
  } catch {
    // The URL is printed: the user opens it by hand.
  }
}

const auth = defineCommand({
  meta: {
    name: "auth",
    description: "Sign in to a server with OAuth 2.1 (authorization code + PKCE, loopback redirect)",
    details:
      "Opens a browser when possible ($BROWSER, open, xdg-open) and always prints the URL on stderr. " +
      "Tokens go to a user-level file created 0600 (WF_TOKEN_STORE, auth.yaml token_store, " +
      "or ~/.config/wf-task/mcp-tokens.json), never into the repo, never printed. " +
      "--refresh uses the stored refresh token. JSON: {server, stored, expires_at?, scope?, refreshed}",
  },
  args: {
    name: { type: "positional", description: "Server name", required: true },
    refresh: { type: "boolean", description: "Refresh the stored token instead of signing in" },
    logout: { type: "boolean", description: "Forget the stored token" },
    wait: { type: "number", description: "Seconds to wait for the browser (default 300)", valueHint: "s" },
  },
  async run(ctx) {
    const s = await mcpSession(ctx);
    const server = findServer(s.servers, ctx.args.name);
    const oauth = await import("../mcp/oauth.ts");
    const tokenFile = await s.tokenFile();
    if (ctx.args.logout) {
      const { putToken } = await import("../mcp/token-store.ts");
      await putToken(tokenFile, oauth.tokenKey(server, await oauth.discover(server)), undefined);
      ctx.emit({ server: server.name, stored: tokenFile, removed: true }, `forgot the token of ${server.name}`);
      return;
    }
    const result = ctx.args.refresh
      ? await oauth.refresh(server, { tokenFile })
      : await oauth.authorize(server, {
          env: ctx.env,
          tokenFile,
          timeoutMs: (ctx.args.wait ?? 300) * 1000,
          onUrl: async (url) => {
            ctx.warn(`Open this URL to sign in to ${server.name}:\n  ${url}`);
            await openBrowser(url, ctx as CommandContext);
          },
        });
    const expires = result.expires_at ? `, expires ${new Date(result.expires_at).toISOString()}` : "";
    ctx.emit(
      result,
      `${result.refreshed ? "refreshed" : "signed in to"} ${server.name}: token stored in ${result.stored} (0600)${expires}`,
    );
  },
});

const render = defineCommand({
  meta: {
    name: "render",
    description: "Write Claude Code's .mcp.json from the servers, merging with what is there",
    details:
      "Env values stay ${VAR} references; a literal secret (a token shape, a password in a URL, " +
      "a --token/--password argument, a *_TOKEN/*_KEY/*_SECRET env value) is written as a ${VAR} reference instead, " +
      "with a warning naming the env var to export. " +
      "JSON: {file, servers:[…], kept:[…], changed, warnings:[{server, where, env_var, message}]}",
  },
  args: {
    out: { type: "string", description: "File to write, relative to the root (default .mcp.json)", valueHint: "file" },
  },
  async run(ctx) {
    const s = await mcpSession(ctx);
    const { renderMcpJson } = await import("../mcp/render.ts");
    const r = await renderMcpJson(s.loaded.root, s.servers, ctx.args.out ?? ".mcp.json");
    const file = relative(s.loaded.root, r.file);
    for (const w of r.warnings) ctx.warn(`warning: ${w.message}`);
    ctx.emit(
      { ...r, file },
      `${r.changed ? "wrote" : "unchanged"} ${file}: ${r.servers.join(", ") || "no servers"}${r.kept.length ? ` (kept ${r.kept.join(", ")})` : ""}`,
    );
  },
});

export default defineCommand({
  meta: {
    name: "mcp",
    description: "MCP servers: list, status, tools, start/stop, OAuth sign-in, Claude Code's .mcp.json",
    examples: ["wf-task mcp status", "wf-task mcp tools github", "wf-task mcp auth github", "wf-task mcp render"],
  },
  subCommands: { list, status, tools, start, stop, auth, render },
  aliases: { ls: "list" },
});
