import type { McpServer } from "./schema.ts";
import { expandRefs } from "./env-refs.ts";
import { transportOf } from "./servers.ts";
import { VERSION } from "../../version.ts";
import { redact } from "../../util/redact.ts";

/** Why a server could not be reached. */
export type McpErrorKind =
  "not_found" | "crashed" | "auth_failed" | "timeout" | "unreachable" | "missing_env" | "protocol";

/** `wf-task mcp status` for one server. */
export interface McpStatus {
  name: string;
  transport: "stdio" | "http";
  ok: boolean;
  /** The server's own name and version from the handshake. */
  server?: { name: string; version: string };
  protocolVersion?: string;
  tools: number;
  toolNames: string[];
  ms: number;
  error?: { kind: McpErrorKind; message: string; hint: string };
}

/** One tool as the server lists it. */
export interface McpTool {
  name: string;
  description?: string;
}

export interface ConnectOptions {
  env: Record<string, string | undefined>;
  timeoutMs: number;
  cwd: string;
  /** Extra HTTP headers (auth). */
  headers?: Record<string, string>;
  /** Extra env for a stdio server (auth). */
  extraEnv?: Record<string, string>;
}

class McpConnectError extends Error {
  constructor(
    readonly kind: McpErrorKind,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** The server's env with references expanded; keys in `provided` (credentials from the auth layer) are not needed. */
function resolveEnv(
  server: McpServer,
  env: Record<string, string | undefined>,
  provided: Record<string, string> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  const missing: string[] = [];
  for (const [key, raw] of Object.entries(server.env ?? {})) {
    if (key in provided) continue;
    const r = expandRefs(raw, env);
    missing.push(...r.missing);
    out[key] = r.value;
  }
  if (missing.length) {
    throw new McpConnectError(
      "missing_env",
      `env ${missing.map((m) => `\`${m}\``).join(", ")} not set (referenced by \`${server.name}\`'s env)`,
      `export ${missing[0]}=… before running, or remove the reference from ${server.source}`,
    );
  }
  return out;
}

function expandAll(values: string[] | undefined, env: Record<string, string | undefined>, server: McpServer): string[] {
  return (values ?? []).map((raw) => {
    const r = expandRefs(raw, env);
    if (r.missing.length)
      throw new McpConnectError(
        "missing_env",
        `env \`${r.missing[0]}\` not set (referenced by \`${server.name}\`)`,
        `export ${r.missing[0]}=…`,
      );
    return r.value;
  });
}

/** The SDK's child process, as far as it is used here. */
interface SdkChild {
  exitCode: number | null;
  on(event: "exit", listener: (code: number | null) => void): unknown;
  kill(signal: NodeJS.Signals): boolean;
}

/** Connects, runs the handshake and lists the tools; always closes the connection (and the process). */
export async function withClient<T>(
  server: McpServer,
  options: ConnectOptions,
  fn: (
    client: import("@modelcontextprotocol/sdk/client/index.js").Client,
    info: { protocolVersion?: string },
  ) => Promise<T>,
): Promise<T> {
  const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
  const client = new Client({ name: "wf-task", version: VERSION });
  let transport: { close(): Promise<void> } | undefined;
  let stderrTail = "";
  let exited: number | null | undefined;
  let negotiated: string | undefined;
  let child: SdkChild | undefined;
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(
        new McpConnectError(
          "timeout",
          `no answer from \`${server.name}\` within ${options.timeoutMs} ms`,
          `check that the server starts by hand; raise integrations.mcp.timeoutMs if it is slow`,
        ),
      );
    }, options.timeoutMs);
  });
  try {
    const work = (async () => {
      if (transportOf(server) === "stdio") {
        const { StdioClientTransport } = await import("@modelcontextprotocol/sdk/client/stdio.js");
        const env = { ...resolveEnv(server, options.env, options.extraEnv), ...options.extraEnv };
        const args = expandAll(server.args, options.env, server);
        const t = new StdioClientTransport({
          command: server.command!,
          args,
          env: {
            ...pick(options.env, ["PATH", "HOME", "USER", "SHELL", "TERM", "TMPDIR", "LANG", "XDG_CONFIG_HOME"]),
            ...env,
          },
          stderr: "pipe",
          cwd: options.cwd,
        });
        t.stderr?.on("data", (d: Buffer) => (stderrTail = (stderrTail + d.toString()).slice(-2000)));
        transport = t;
        try {
          await t.start();
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "ENOENT")
            throw new McpConnectError(
              "not_found",
              `command not found: \`${server.command}\``,
              `install it or fix \`command\` in ${server.source}`,
            );
          if (code === "EACCES")
            throw new McpConnectError(
              "not_found",
              `command not executable: \`${server.command}\``,
              `chmod +x it or fix \`command\` in ${server.source}`,
            );
          throw error;
        }
        child = (t as unknown as { _process?: SdkChild })._process;
        child?.on("exit", (code) => (exited = code));
        t.start = async () => {}; // started above (to tell a missing command apart); connect() would start it again
        (t as { setProtocolVersion?: (v: string) => void }).setProtocolVersion = (v) => (negotiated = v);
        await client.connect(t as never, { timeout: options.timeoutMs });
      } else {
        const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
        const url = new URL(expandAll([server.url!], options.env, server)[0]!);
        const t = new StreamableHTTPClientTransport(url, { requestInit: { headers: options.headers ?? {} } });
        transport = t;
        const set = t.setProtocolVersion.bind(t);
        t.setProtocolVersion = (v: string) => {
          negotiated = v;
          set(v);
        };
        await client.connect(t, { timeout: options.timeoutMs });
      }
      return fn(client, { protocolVersion: negotiated });
    })();
    work.catch(() => {});
    return await Promise.race([work, timeout]);
  } catch (error) {
    // What the server printed may hold the secrets it was given: redact with them and the caller's env.
    const secrets = { ...options.env, ...(transportOf(server) === "stdio" ? resolveEnvQuiet(server, options) : {}) };
    throw redactError(classify(error, server, stderrTail, exited), secrets);
  } finally {
    clearTimeout(timer);
    // A server that hung gets no grace period: the caller asked for an answer within the timeout.
    if (timedOut && child && child.exitCode === null) child.kill("SIGKILL");
    await transport?.close().catch(() => {});
  }
}

function pick(env: Record<string, string | undefined>, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) if (env[n] !== undefined) out[n] = env[n]!;
  return out;
}

function resolveEnvQuiet(server: McpServer, options: ConnectOptions): Record<string, string> {
  try {
    return { ...resolveEnv(server, options.env, options.extraEnv), ...options.extraEnv };
  } catch {
    return {};
  }
}

/** The error with secrets out of its message and hint (stderr excerpts, command lines, URLs). */
function redactError(error: McpConnectError, env: Record<string, string | undefined>): McpConnectError {
  return new McpConnectError(error.kind, redact(error.message, env), redact(error.hint, env));
}

function classify(
  error: unknown,
  server: McpServer,
  stderrTail: string,
  exited: number | null | undefined,
): McpConnectError {
  if (error instanceof McpConnectError) return error;
  const message = (error as Error)?.message ?? String(error);
  const code = (error as { code?: unknown })?.code;
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  const tail = stderrTail.trim().split("\n").slice(-3).join(" | ");
  if (
    /\b401\b|\b403\b|unauthori[sz]ed|invalid_token/i.test(message) ||
    (error as Error)?.name === "UnauthorizedError"
  ) {
    return new McpConnectError(
      "auth_failed",
      `\`${server.name}\` refused the credentials: ${message.split("\n")[0]}`,
      `run \`wf-task mcp auth ${server.name}\` or check the API key's env var`,
    );
  }
  if (cause === "ECONNREFUSED" || /ECONNREFUSED|fetch failed/i.test(message)) {
    return new McpConnectError(
      "unreachable",
      `nothing answers at ${server.url}`,
      server.command ? `start it with \`wf-task mcp start ${server.name}\`` : "check the url and that the server runs",
    );
  }
  if (exited !== undefined || /connection closed/i.test(message) || code === -32000) {
    return new McpConnectError(
      "crashed",
      `\`${server.name}\` exited${typeof exited === "number" ? ` with code ${exited}` : ""} before the handshake finished${tail ? `: ${tail}` : ""}`,
      `run \`${server.command} ${(server.args ?? []).join(" ")}\` by hand to see why`,
    );
  }
  if (/timed out|timeout/i.test(message)) {
    return new McpConnectError(
      "timeout",
      `no answer from \`${server.name}\` within the timeout`,
      "check that the server starts by hand; raise integrations.mcp.timeoutMs if it is slow",
    );
  }
  return new McpConnectError(
    "protocol",
    `handshake with \`${server.name}\` failed: ${message.split("\n")[0]}`,
    tail ? `server said: ${tail}` : "check that it speaks MCP",
  );
}

/** Handshake and tool list of one server; never throws for a server problem (see `error`). */
export async function serverStatus(server: McpServer, options: ConnectOptions): Promise<McpStatus> {
  const start = performance.now();
  const base = { name: server.name, transport: transportOf(server), tools: 0, toolNames: [] as string[] };
  try {
    return await withClient(server, options, async (client, { protocolVersion }) => {
      const info = client.getServerVersion();
      const tools = await listAllTools(client);
      return {
        ...base,
        ok: true,
        server: info ? { name: info.name, version: info.version } : undefined,
        protocolVersion,
        tools: tools.length,
        toolNames: tools.map((t) => t.name),
        ms: Math.round(performance.now() - start),
      };
    });
  } catch (error) {
    const e =
      error instanceof McpConnectError ? error : redactError(classify(error, server, "", undefined), options.env);
    return {
      ...base,
      ok: false,
      ms: Math.round(performance.now() - start),
      error: { kind: e.kind, message: e.message, hint: e.hint },
    };
  }
}

/** Every tool of a connected server, following pagination. */
export async function listAllTools(
  client: import("@modelcontextprotocol/sdk/client/index.js").Client,
): Promise<McpTool[]> {
  const tools: McpTool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : undefined);
    tools.push(...page.tools.map((t) => ({ name: t.name, description: t.description })));
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

/** Whether an error from this module is a server problem (with kind and hint). */
export function isMcpConnectError(error: unknown): error is McpConnectError {
  return error instanceof McpConnectError;
}
