import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { CommandContext } from "../../core/command.ts";
import { DEFAULT_MCP_FILES } from "../mcp/defaults.ts";

/** True when `source` (a server file relative to the root) is one of the examples `scripts install` writes, unedited. */
function isUntouchedExample(root: string, source: string | undefined): boolean {
  if (!source || source === "config") return false;
  const example = DEFAULT_MCP_FILES[basename(source)];
  try {
    return example !== undefined && readFileSync(join(root, source), "utf8") === example;
  } catch {
    return false;
  }
}
import type { Finding } from "./finding.ts";

/** Every configured MCP server answers the handshake (servers whose env is not set are warnings). */
export async function checkMcp(
  ctx: Pick<CommandContext, "project" | "env" | "cwd">,
  timeoutMs?: number,
): Promise<Finding[]> {
  const { mcpSession } = await import("../mcp/session.ts");
  let session: Awaited<ReturnType<typeof mcpSession>>;
  try {
    session = await mcpSession(ctx);
  } catch (error) {
    return [
      {
        id: "mcp",
        title: "MCP servers",
        status: "fail",
        message: (error as Error).message,
        fix: "fix the server YAML under .ai/workflow/integrations/mcp/",
      },
    ];
  }
  if (!session.servers.length) return [{ id: "mcp", title: "MCP servers", status: "ok", message: "none configured" }];
  const { serverStatus } = await import("../mcp/connect.ts");
  const timeout = timeoutMs ?? Math.min(session.loaded.config.integrations.mcp.timeoutMs, 5000);
  return Promise.all(
    session.servers.map(async (server): Promise<Finding> => {
      const st = await serverStatus(server, await session.connectOptions(server, timeout));
      const title = `MCP ${server.name}`;
      if (st.ok)
        return {
          id: "mcp",
          title,
          status: "ok",
          message: `${st.server?.name ?? server.name} ${st.server?.version ?? ""}, ${st.tools} tools`.trim(),
        };
      // An example server wf-task wrote itself, untouched, whose program is not installed is information, not a failure.
      const example = st.error!.kind === "not_found" && isUntouchedExample(session.loaded.root, server.source);
      const status = st.error!.kind === "missing_env" ? "warn" : example ? "skip" : "fail";
      const message = `${example ? "example server, not set up: " : ""}${st.error!.kind}: ${st.error!.message}`;
      return { id: "mcp", title, status, message, fix: st.error!.hint };
    }),
  );
}
