import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import * as v from "valibot";
import type { LoadedConfig } from "../../config/types.ts";
import { WfError } from "../../core/errors.ts";
import { fsError } from "../../util/fs-errors.ts";
import { suggestion } from "../../util/suggest.ts";
import { locate } from "../../util/yaml-position.ts";
import { McpAuthFileSchema, McpServerFileSchema, type McpServer } from "./schema.ts";

/** The file in the MCP folder that says where secrets come from (not a server). */
export const AUTH_FILE = "auth.yaml";
/** Names that reach paths and processes. */
export const SERVER_NAME = /^[a-z0-9][a-z0-9_-]*$/i;

async function parseYamlFile(file: string, root: string): Promise<{ data: unknown; text: string }> {
  const { readYaml } = await import("../../util/yaml.ts");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw fsError(error, relative(root, file));
  }
  const { data } = await readYaml(text, { file: relative(root, file), code: "E_MCP_CONFIG", uniqueKeys: false });
  return { data, text };
}

function check<T extends v.GenericSchema>(schema: T, data: unknown, where: string, text?: string): v.InferOutput<T> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const lines = result.issues.map((issue) => {
    const path = (issue.path ?? []).map((p) => p.key as string | number);
    const pos = text ? locate(text, path) : undefined;
    return (
      `${where}${pos ? `:${pos.line}:${pos.col}` : ""}: ${path.join(".") || "(top level)"}: expected ` +
      `${issue.expected ?? issue.message}, got ${JSON.stringify(issue.input) ?? "nothing"}`
    );
  });
  throw new WfError("E_MCP_CONFIG", lines[0]!, {
    details: lines.slice(1),
    hint: "fix the server definition (see docs/integrations.md)",
  });
}

/** Every MCP server: the YAML files of `integrations.mcp.configDir`, then `integrations.mcp.servers` (same name wins). */
export async function loadServers(loaded: Pick<LoadedConfig, "config" | "root">): Promise<McpServer[]> {
  const { root, config } = loaded;
  const dir = resolve(root, config.integrations.mcp.configDir);
  const authFile = authFilePath(loaded);
  const byName = new Map<string, McpServer>();
  if (existsSync(dir)) {
    for (const entry of readdirSync(dir).sort()) {
      const file = join(dir, entry);
      if (!/\.ya?ml$/.test(entry) || entry === AUTH_FILE || file === authFile) continue;
      const rel = relative(root, file);
      const { data, text } = await parseYamlFile(file, root);
      const server = check(McpServerFileSchema, data, rel, text);
      byName.set(server.name, { ...server, source: rel });
    }
  }
  config.integrations.mcp.servers.forEach((raw, i) => {
    const server = check(McpServerFileSchema, raw, `config integrations.mcp.servers.${i}`);
    byName.set(server.name, { ...server, source: "config" });
  });
  for (const server of byName.values()) {
    if (!server.command && !server.url) {
      throw new WfError(
        "E_MCP_CONFIG",
        `server \`${server.name}\` has neither \`command\` (stdio) nor \`url\` (HTTP)`,
        { where: server.source, hint: "add `command:` to launch it over stdio, or `url:` to reach it over HTTP" },
      );
    }
  }
  return [...byName.values()];
}

/** One server by name; an unknown name is a usage error with a did-you-mean. */
export function findServer(servers: McpServer[], name: string): McpServer {
  if (!SERVER_NAME.test(name))
    throw new WfError("E_USAGE", `expected a server name of letters, digits, - and _, got ${JSON.stringify(name)}`);
  const found = servers.find((s) => s.name === name);
  if (found) return found;
  throw new WfError("E_MCP_UNKNOWN", `no MCP server named \`${name}\``, {
    hint:
      `${suggestion(
        name,
        servers.map((s) => s.name),
      )}`.trim() || "list them with `wf-task mcp list`",
  });
}

/** The auth file: `integrations.mcp.authFile` (relative to the root) when set, else auth.yaml in the MCP folder. */
export function authFilePath(loaded: Pick<LoadedConfig, "config" | "root">): string {
  const { authFile, configDir } = loaded.config.integrations.mcp;
  return authFile ? resolve(loaded.root, authFile) : resolve(loaded.root, configDir, AUTH_FILE);
}

/** The parsed auth file (see authFilePath), or `{}` when there is none. */
export async function loadAuthFile(
  loaded: Pick<LoadedConfig, "config" | "root">,
): Promise<v.InferOutput<typeof McpAuthFileSchema>> {
  const file = authFilePath(loaded);
  if (!existsSync(file)) return {};
  const { data, text } = await parseYamlFile(file, loaded.root);
  return check(McpAuthFileSchema, data ?? {}, relative(loaded.root, file), text);
}

/** `stdio` for a server launched by command, `http` for one reached by url. */
export function transportOf(server: McpServer): "stdio" | "http" {
  return server.url ? "http" : "stdio";
}
