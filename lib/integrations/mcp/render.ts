import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { WfError } from "../../runner/errors.ts";
import { atomicWrite } from "../../util/atomic-write.ts";
import { withLock } from "../../util/lock.ts";
import { envRefs } from "./env-refs.ts";
import type { McpServer } from "./schema.ts";
import { transportOf } from "./servers.ts";

/** Keys whose values are secrets: they must be `${VAR}` references. */
const SECRET_KEY = /token|secret|password|passwd|api[_-]?key|credential|auth/i;

/** One entry of Claude Code's `.mcp.json` `mcpServers`. */
export type ClaudeMcpEntry =
  | { type: "stdio"; command: string; args?: string[]; env?: Record<string, string> }
  | { type: "http"; url: string; headers?: Record<string, string> };

function refuseLiteral(server: McpServer, key: string, value: string): void {
  if (SECRET_KEY.test(key) && envRefs(value).length === 0) {
    throw new WfError("E_MCP_SECRET", `\`${server.name}\`: ${key} holds a literal value; secrets must be \${VAR} references`, {
      where: `${server.source}: env.${key}`,
      hint: `write ${key}: \${${key}} and export the value in your shell`,
    });
  }
}

/** The `.mcp.json` entry for a server, with env references kept as `${VAR}`. */
export function claudeEntry(server: McpServer): ClaudeMcpEntry {
  const auth = server.authentication;
  if (transportOf(server) === "http") {
    const headers: Record<string, string> = {};
    if (auth?.type === "api_key") {
      if (auth.header && auth.header.toLowerCase() !== "authorization") headers[auth.header] = `\${${auth.env_var}}`;
      else headers.Authorization = `Bearer \${${auth.env_var}}`;
    }
    return { type: "http", url: server.url!, ...(Object.keys(headers).length ? { headers } : {}) };
  }
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(server.env ?? {})) {
    refuseLiteral(server, key, value);
    env[key] = value;
  }
  if (auth?.type === "api_key" && !Object.values(env).some((v) => envRefs(v).includes(auth.env_var))) env[auth.env_var] = `\${${auth.env_var}}`;
  return { type: "stdio", command: server.command!, ...(server.args?.length ? { args: server.args } : {}), ...(Object.keys(env).length ? { env } : {}) };
}

/** What `mcp render` did. */
export interface RenderResult {
  file: string;
  servers: string[];
  /** Entries already there that were kept as they were. */
  kept: string[];
  changed: boolean;
}

/** Writes (merging) `.mcp.json` for Claude Code: other servers and keys stay as they are. */
export async function renderMcpJson(root: string, servers: McpServer[], fileName = ".mcp.json"): Promise<RenderResult> {
  const file = join(root, fileName);
  const entries = Object.fromEntries(servers.map((s) => [s.name, claudeEntry(s)]));
  return withLock(file, async () => {
    const before = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    let data: Record<string, any> = {};
    if (before?.trim()) {
      try {
        data = JSON.parse(before);
      } catch (cause) {
        throw new WfError("E_MCP_RENDER", `cannot parse: ${(cause as Error).message}`, { where: fileName, hint: "fix the JSON by hand; wf-task does not overwrite a file it cannot read", cause });
      }
    }
    const current: Record<string, unknown> = data.mcpServers && typeof data.mcpServers === "object" ? data.mcpServers : {};
    const kept = Object.keys(current).filter((name) => !(name in entries));
    const next = { ...data, mcpServers: { ...current, ...entries } };
    const text = `${JSON.stringify(next, null, 2)}\n`;
    const changed = text !== before;
    if (changed) await atomicWrite(file, text);
    return { file, servers: Object.keys(entries), kept, changed };
  });
}
