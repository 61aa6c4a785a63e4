import type { AssetProvider } from "../scripts/assets.ts";
import { workflowTemplates } from "./github-actions/templates.ts";
import { DEFAULT_MCP_FILES } from "./mcp/defaults.ts";

/** MCP server files and GitHub Actions templates, installed under .ai/workflow/integrations/. */
const assets: AssetProvider = ({ config }) => [
  ...Object.entries(DEFAULT_MCP_FILES).map(([file, content]) => ({ path: `integrations/mcp/${file}`, content })),
  ...workflowTemplates(config).map((t) => ({ path: `integrations/github_actions/${t.file}`, content: t.content })),
];
export default assets;
