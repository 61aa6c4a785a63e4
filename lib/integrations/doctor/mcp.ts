import type { CommandContext } from "../../runner/command.ts";
import type { Finding } from "./finding.ts";

/** Every configured MCP server answers the handshake (servers whose env is not set are warnings). */
export async function checkMcp(ctx: Pick<CommandContext, "config" | "env" | "cwd">, timeoutMs?: number): Promise<Finding[]> {
  const { mcpSession } = await import("../mcp/session.ts");
  let session: Awaited<ReturnType<typeof mcpSession>>;
  try {
    session = await mcpSession(ctx);
  } catch (error) {
    return [{ id: "mcp", title: "MCP servers", status: "fail", message: (error as Error).message, fix: "fix the server YAML under .ai/workflow/integrations/mcp/" }];
  }
  if (!session.servers.length) return [{ id: "mcp", title: "MCP servers", status: "ok", message: "none configured" }];
  const { serverStatus } = await import("../mcp/connect.ts");
  const timeout = timeoutMs ?? Math.min(session.loaded.config.integrations.mcp.timeoutMs, 5000);
  return Promise.all(
    session.servers.map(async (server): Promise<Finding> => {
      const st = await serverStatus(server, await session.connectOptions(server, timeout));
      const title = `MCP ${server.name}`;
      if (st.ok) return { id: "mcp", title, status: "ok", message: `${st.server?.name ?? server.name} ${st.server?.version ?? ""}, ${st.tools} tools`.trim() };
      const status = st.error!.kind === "missing_env" ? "warn" : "fail";
      return { id: "mcp", title, status, message: `${st.error!.kind}: ${st.error!.message}`, fix: st.error!.hint };
    }),
  );
}
