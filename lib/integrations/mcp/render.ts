import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { WfError } from "../../core/errors.ts";
import { atomicWrite } from "../../util/atomic-write.ts";
import { withLock } from "../../util/lock.ts";
import { looksLikeToken } from "../../util/redact.ts";
import { envRefs } from "./env-refs.ts";
import type { McpServer } from "./schema.ts";
import { transportOf } from "./servers.ts";

/** Keys whose values are secrets: they must be `${VAR}` references. */
const SECRET_KEY = /token|secret|password|passwd|api[_-]?key|credential|auth|_key$/i;
/** `--token`, `--password=…`, `--api-key` …: the argument after (or the `=` value) is a secret. */
const SECRET_FLAG = /^--?(token|password|passwd|secret|api-key|apikey|access-token|auth-token|key)(=(.*))?$/i;
/** A password in a URL: `postgres://user:pw@host`. */
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]+:)([^@/\s]+)(@)/i;
/** Secret query parameters: `?access_token=…`. */
const SECRET_QUERY =
  /([?&])(access_token|refresh_token|id_token|token|api_key|apikey|key|secret|client_secret|password|sig)=([^&#]+)/gi;

/** One entry of Claude Code's `.mcp.json` `mcpServers`. */
export type ClaudeMcpEntry =
  | { type: "stdio"; command: string; args?: string[]; env?: Record<string, string> }
  | { type: "http"; url: string; headers?: Record<string, string> };

/** A literal secret replaced by a `${VAR}` reference: the user exports VAR instead. */
export interface SecretWarning {
  server: string;
  /** Where the literal stood: `env.API_TOKEN`, `args.2`, `url`. */
  where: string;
  env_var: string;
  message: string;
}

const envName = (...parts: string[]) =>
  parts
    .join("_")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/^(\d)/, "_$1");

/** A value with its secrets turned into `${VAR}` references (token shapes, URL passwords, secret query values). */
function scrubValue(
  value: string,
  server: McpServer,
  where: string,
  fallbackVar: string,
  warnings: SecretWarning[],
): string {
  if (envRefs(value).length && !looksLikeToken(value.replace(/\$\{[^}]*\}/g, ""))) return value;
  const warn = (name: string, what: string) => {
    warnings.push({
      server: server.name,
      where,
      env_var: name,
      message: `\`${server.name}\` ${where}: ${what} replaced by \${${name}}; export ${name} in the shell that runs Claude Code`,
    });
    return `\${${name}}`;
  };
  let out = value.replace(URL_PASSWORD, (_, head: string, pw: string, at: string) =>
    pw.startsWith("${")
      ? `${head}${pw}${at}`
      : `${head}${warn(envName(server.name, "password"), "a password in a URL")}${at}`,
  );
  out = out.replace(SECRET_QUERY, (all, sep: string, key: string, v: string) =>
    v.startsWith("${") ? all : `${sep}${key}=${warn(envName(server.name, key), `the \`${key}\` query value`)}`,
  );
  if (looksLikeToken(out)) out = warn(fallbackVar, "a literal token");
  return out;
}

/** The `.mcp.json` entry for a server: env references kept as `${VAR}`, literal secrets replaced by references (with a warning each). */
export function claudeEntry(server: McpServer, warnings: SecretWarning[] = []): ClaudeMcpEntry {
  const auth = server.authentication;
  if (transportOf(server) === "http") {
    const headers: Record<string, string> = {};
    if (auth?.type === "api_key") {
      if (auth.header && auth.header.toLowerCase() !== "authorization") headers[auth.header] = `\${${auth.env_var}}`;
      else headers.Authorization = `Bearer \${${auth.env_var}}`;
    }
    const url = scrubValue(server.url!, server, "url", envName(server.name, "token"), warnings);
    return { type: "http", url, ...(Object.keys(headers).length ? { headers } : {}) };
  }
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(server.env ?? {})) {
    if (SECRET_KEY.test(key) && envRefs(value).length === 0) {
      warnings.push({
        server: server.name,
        where: `env.${key}`,
        env_var: key,
        message: `\`${server.name}\` env.${key}: a literal secret replaced by \${${key}}; export ${key} in the shell that runs Claude Code`,
      });
      env[key] = `\${${key}}`;
    } else env[key] = scrubValue(value, server, `env.${key}`, key, warnings);
  }
  const args: string[] = [];
  const raw = server.args ?? [];
  for (let i = 0; i < raw.length; i++) {
    const arg = raw[i]!;
    const flag = SECRET_FLAG.exec(arg);
    if (flag) {
      const name = envName(server.name, flag[1]!);
      if (flag[2] !== undefined) {
        args.push(
          flag[3]!.startsWith("${")
            ? arg
            : `${arg.slice(0, arg.indexOf("=") + 1)}${warnFor(server, `args.${i}`, name, warnings)}`,
        );
        continue;
      }
      args.push(arg);
      const next = raw[i + 1];
      if (next !== undefined && !next.startsWith("-")) {
        i++;
        args.push(envRefs(next).length ? next : warnFor(server, `args.${i}`, name, warnings));
      }
      continue;
    }
    args.push(scrubValue(arg, server, `args.${i}`, envName(server.name, "token"), warnings));
  }
  if (auth?.type === "api_key" && !Object.values(env).some((v) => envRefs(v).includes(auth.env_var)))
    env[auth.env_var] = `\${${auth.env_var}}`;
  return {
    type: "stdio",
    command: server.command!,
    ...(args.length ? { args } : {}),
    ...(Object.keys(env).length ? { env } : {}),
  };
}

function warnFor(server: McpServer, where: string, name: string, warnings: SecretWarning[]): string {
  warnings.push({
    server: server.name,
    where,
    env_var: name,
    message: `\`${server.name}\` ${where}: a literal secret argument replaced by \${${name}}; export ${name} in the shell that runs Claude Code`,
  });
  return `\${${name}}`;
}

/** What `mcp render` did. */
export interface RenderResult {
  file: string;
  servers: string[];
  /** Entries already there that were kept as they were. */
  kept: string[];
  changed: boolean;
  /** Literal secrets that were written as `${VAR}` references instead. */
  warnings: SecretWarning[];
}

/** Writes (merging) `.mcp.json` for Claude Code: other servers and keys stay as they are. */
export async function renderMcpJson(root: string, servers: McpServer[], fileName = ".mcp.json"): Promise<RenderResult> {
  const file = join(root, fileName);
  const warnings: SecretWarning[] = [];
  // Server names are user input (`constructor`, `toString` are valid): a Map, never an object lookup.
  const entries = new Map(servers.map((s) => [s.name, claudeEntry(s, warnings)] as const));
  return withLock(file, async () => {
    const before = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    let data: unknown = {};
    if (before?.trim()) {
      try {
        data = JSON.parse(before);
      } catch (cause) {
        throw new WfError("E_MCP_RENDER", `cannot parse: ${(cause as Error).message}`, {
          where: fileName,
          hint: "fix the JSON by hand; wf-task does not overwrite a file it cannot read",
          cause,
        });
      }
    }
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      throw new WfError(
        "E_MCP_RENDER",
        `expected a JSON object with \`mcpServers\`, got ${Array.isArray(data) ? "an array" : data === null ? "null" : typeof data}`,
        { where: fileName, hint: "fix the file by hand; wf-task does not overwrite a file it cannot read" },
      );
    }
    const top = data as Record<string, unknown>;
    const currentRaw = top.mcpServers;
    if (
      currentRaw !== undefined &&
      (currentRaw === null || typeof currentRaw !== "object" || Array.isArray(currentRaw))
    ) {
      throw new WfError("E_MCP_RENDER", "expected `mcpServers` to be an object", {
        where: `${fileName}: mcpServers`,
        hint: "fix the file by hand; wf-task does not overwrite a file it cannot read",
      });
    }
    const current = new Map(Object.entries((currentRaw ?? {}) as Record<string, unknown>));
    const kept = [...current.keys()].filter((name) => !entries.has(name));
    for (const [name, entry] of entries) current.set(name, entry);
    const mcpServers: Record<string, unknown> = {};
    for (const [name, entry] of current)
      Object.defineProperty(mcpServers, name, { value: entry, enumerable: true, writable: true, configurable: true });
    const next = { ...top, mcpServers };
    const text = `${JSON.stringify(next, null, 2)}\n`;
    const changed = text !== before;
    if (changed) await atomicWrite(file, text);
    return { file, servers: [...entries.keys()], kept, changed, warnings };
  });
}
