import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFiles } from "../../test/_support/index.ts";
import type { DemoStep } from "./_context.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const EVERYTHING = join(ROOT, "node_modules/@modelcontextprotocol/server-everything/dist/index.js");

const step: DemoStep = (demo) => {
  demo.heading("8. Integrations: MCP servers, GitHub Actions, Claude Code hooks, doctor");
  demo.say("An MCP server (the protocol's reference server, over stdio): handshake and tool count.");
  writeFiles(demo.dir, {
    ".ai/workflow/integrations/mcp/everything.yaml":
      `name: everything\n` +
      `description: MCP reference server\n` +
      `command: ${process.execPath}\n` +
      `args: ["${EVERYTHING}", "stdio"]\n`,
  });
  demo.wf(["mcp", "list"], { expect: 0 });
  demo.wf(["mcp", "status"], { expect: 0 });
  demo.wf(["mcp", "render"], { expect: 0 });
  demo.say("GitHub Actions templates, rendered into .github/workflows:");
  demo.wf(["ci", "list"], { expect: 0 });
  demo.wf(["ci", "render"], { expect: 0 });
  demo.say("Claude Code hooks, merged into .claude/settings.json (twice: still one entry each):");
  demo.wf(["hooks", "install", "--claude"], { expect: 0 });
  demo.wf(["hooks", "install", "--claude"], { expect: 0 });
  demo.say(readFileSync(join(demo.dir, ".claude/settings.json"), "utf8").trimEnd());
  demo.say("doctor: tools, config, scripts, hooks, MCP servers — each finding with its fix.");
  demo.wf(["doctor"]);
};
export default step;
