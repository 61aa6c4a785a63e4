import * as v from "valibot";
import { StringList, field, section } from "./common.ts";

/** How to reach one MCP server. Only `name` and one of `command`/`url` are required. */
export const McpServerSchema = v.looseObject({
  name: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]*$/i, "expected a name of letters, digits, - and _")),
  command: v.optional(v.string()),
  args: v.optional(StringList),
  env: v.optional(v.record(v.string(), v.string())),
  url: v.optional(v.string()),
  description: v.optional(v.string()),
});

/** MCP, GitHub Actions. */
export const IntegrationsSchema = section(
  {
    mcp: section(
      {
        configDir: field(v.string(), ".ai/workflow/integrations/mcp", "Folder of the MCP server YAML files"),
        servers: field(v.array(McpServerSchema), [], "MCP servers, in addition to the YAML files"),
        timeoutMs: field(v.pipe(v.number(), v.integer(), v.minValue(100)), 10000, "Handshake timeout"),
        authFile: v.optional(
          v.pipe(
            v.string(),
            v.description("The MCP auth file (config.yaml integrations.mcp.auth): OAuth settings per server"),
          ),
        ),
      },
      "MCP servers",
    ),
    githubActions: section(
      {
        outDir: field(v.string(), ".github/workflows", "Where `wf-task ci render` writes"),
        nodeVersion: field(v.string(), "20", "Node version the workflows set up"),
        specPaths: field(StringList, [".ai/project/features/**"], "Paths whose changes trigger spec validation"),
        templatesPath: v.optional(
          v.pipe(
            v.string(),
            v.description("A folder of the team's own workflow templates (config.yaml templates_path)"),
          ),
        ),
      },
      "GitHub Actions templates",
    ),
  },
  "Integrations: MCP, GitHub Actions",
);
