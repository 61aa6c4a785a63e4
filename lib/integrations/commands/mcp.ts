import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("mcp", "MCP servers");
