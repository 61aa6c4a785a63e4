// Shared fixtures of the integrations tests: real MCP servers from npm, free ports.
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT } from "../_support/index.ts";

/** The stdio/HTTP MCP test server from npm. */
export const EVERYTHING = join(ROOT, "node_modules/@modelcontextprotocol/server-everything/dist/index.js");

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** server-everything over stdio, as a server YAML. */
export const everythingYaml = (name = "everything") =>
  `name: ${name}\ndescription: reference server\ncommand: ${process.execPath}\nargs: ["${EVERYTHING}", "stdio"]\n`;

/** server-everything over streamable HTTP on `port`, as a server YAML that `mcp start` can launch. */
export const everythingHttpYaml = (port: number, name = "everything-http") =>
  `name: ${name}\ncommand: ${process.execPath}\nargs: ["${EVERYTHING}", "streamableHttp"]\nenv:\n  PORT: "${port}"\nurl: http://127.0.0.1:${port}/mcp\n`;
