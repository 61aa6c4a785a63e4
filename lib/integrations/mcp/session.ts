import { join } from "node:path";
import type { CommandContext } from "../../core/command.ts";
import { projectPaths } from "../../config/paths.ts";
import type { LoadedConfig } from "../../config/types.ts";
import type { ConnectOptions } from "./connect.ts";
import type { McpServer } from "./schema.ts";
import { loadAuthFile, loadServers } from "./servers.ts";
import { tokenStorePath } from "./token-store.ts";

/** Everything an `mcp` subcommand needs: servers, state folder, token store, connect options. */
export interface McpSession {
  loaded: LoadedConfig;
  servers: McpServer[];
  stateDir: string;
  tokenFile: () => Promise<string>;
  connectOptions: (server: McpServer, timeoutMs?: number) => Promise<ConnectOptions>;
}

/** Loads the config, the servers and auth.yaml for a command. */
export async function mcpSession(ctx: Pick<CommandContext, "project" | "env" | "cwd">): Promise<McpSession> {
  const loaded = await ctx.project();
  const servers = await loadServers(loaded);
  const stateDir = join(projectPaths(loaded).sessionsDir, "mcp");
  let tokenFile: string | undefined;
  const getTokenFile = async () =>
    (tokenFile ??= tokenStorePath({
      env: ctx.env,
      root: loaded.root,
      configured: (await loadAuthFile(loaded)).token_store,
    }));
  return {
    loaded,
    servers,
    stateDir,
    tokenFile: getTokenFile,
    async connectOptions(server, timeoutMs) {
      const headers: Record<string, string> = {};
      const extraEnv: Record<string, string> = {};
      const auth = server.authentication;
      if (auth?.type === "api_key") {
        const key = ctx.env[auth.env_var];
        if (key) {
          if (server.url)
            headers[auth.header ?? "Authorization"] =
              auth.header && auth.header.toLowerCase() !== "authorization" ? key : `Bearer ${key}`;
          else extraEnv[auth.env_var] = key;
        }
      } else if (auth?.type === "oauth2") {
        const { accessToken } = await import("./oauth.ts");
        const token = await accessToken(server, { tokenFile: await getTokenFile() }).catch(() => undefined);
        if (token) {
          if (server.url) headers.Authorization = `Bearer ${token}`;
          else if (auth.token_env) extraEnv[auth.token_env] = token;
        }
      }
      return {
        env: ctx.env,
        cwd: loaded.root,
        timeoutMs: timeoutMs ?? loaded.config.integrations.mcp.timeoutMs,
        headers,
        extraEnv,
      };
    },
  };
}
