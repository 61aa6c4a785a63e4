// Public API of the integrations layer (re-exported by lib/index.ts).
export {
  installClaudeHooks,
  listClaudeHooks,
  wfHooks,
  EDIT_TOOLS_MATCHER,
  type ClaudeHooksOptions,
  type ClaudeHooksResult,
} from "./claude-settings.ts";
export { loadServers, findServer } from "./mcp/servers.ts";
export { McpServerFileSchema, McpAuthSchema, type McpServer, type McpAuth } from "./mcp/schema.ts";
export { serverStatus, type McpStatus, type McpErrorKind } from "./mcp/connect.ts";
export { startServer, stopServer, runningServer } from "./mcp/lifecycle.ts";
export { authorize as mcpAuthorize, refresh as mcpRefresh, accessToken as mcpAccessToken } from "./mcp/oauth.ts";
export { tokenStorePath } from "./mcp/token-store.ts";
export { renderMcpJson, claudeEntry } from "./mcp/render.ts";
export { workflowTemplates, ACTION_PINS, type WorkflowTemplate } from "./github-actions/templates.ts";
export type { Finding as DoctorFinding } from "./doctor/finding.ts";
