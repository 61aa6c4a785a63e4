import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { LoadedConfig } from "../config/types.ts";
import { tokenCounter } from "./tokens.ts";

/** What kind of thing Claude Code loads at session start. */
export type BudgetKind = "claude_md" | "import" | "command" | "agent" | "skill" | "output_style" | "mcp_server";

/** One thing loaded at session start and its cost. */
export interface BudgetItem {
  kind: BudgetKind;
  /** A name to show: the file (root-relative, `~/` for the home folder) or the server. */
  name: string;
  /** o200k tokens loaded at session start; null when it could not be measured (a server that did not start). */
  tokens: number | null;
  /** Commands, agents and skills load their name and description at start; the whole file when used. */
  tokens_when_used?: number;
  /** For MCP servers: how many tools, and where the server is defined. */
  tools?: number;
  source?: string;
  error?: { kind: string; message: string; hint: string };
  suggestion?: string;
}

export interface Budget {
  items: BudgetItem[];
  /** Sum of every measured item. */
  total: number;
  /** False when an item could not be measured (its cost is unknown, not 0). */
  complete: boolean;
}

export interface BudgetOptions {
  root: string;
  /** The home folder (`~/.claude/…`); undefined to skip the user's files. */
  home?: string;
  env: Record<string, string | undefined>;
  /** The loaded config, for the MCP servers it defines (and their handshake timeout). */
  loaded?: Pick<LoadedConfig, "config" | "root">;
  /** Plugin folders to count (each with commands/, agents/, skills/). */
  plugins?: string[];
  /** Items above this many tokens get a suggestion. */
  large?: number;
  /** Skip MCP servers (no processes started). */
  noMcp?: boolean;
}

const IMPORT_DEPTH = 5;

/** Files under `dir` (recursively) whose name matches. */
function walk(dir: string, match: (name: string) => boolean, skip = new Set(["node_modules", ".git"])): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.has(entry.name)) out.push(...walk(path, match, skip));
    } else if (entry.isFile() && match(entry.name)) out.push(path);
  }
  return out;
}

/** `@path` imports of a CLAUDE.md (outside code spans and fences), resolved against its folder or `~`. */
export function importsOf(text: string, file: string, home?: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    const bare = line.replace(/`[^`]*`/g, "");
    for (const m of bare.matchAll(/(?:^|\s)@((?:~\/|\.{1,2}\/|\/)?[\w.\-/]+)/g)) {
      const ref = m[1]!.replace(/[.,;:]+$/, ""); // the sentence's punctuation
      if (!/[./]/.test(ref)) continue; // `@someone`, not a path
      const path = ref.startsWith("~/")
        ? home
          ? join(home, ref.slice(2))
          : undefined
        : isAbsolute(ref)
          ? ref
          : resolve(dirname(file), ref);
      if (path) out.push(path);
    }
  }
  return out;
}

/** The YAML front matter's `name` and `description` of a Markdown file (what Claude Code lists at start). */
export function frontMatter(text: string): { name?: string; description?: string; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { body: text };
  const fields: Record<string, string> = {};
  for (const line of m[1]!.split("\n")) {
    const kv = /^([\w-]+):\s*(.*)$/.exec(line);
    if (kv) fields[kv[1]!] = kv[2]!.replace(/^["']|["']$/g, "").trim();
  }
  return { name: fields.name, description: fields.description, body: text.slice(m[0].length) };
}

/** Everything Claude Code loads at session start in `root`, measured in o200k tokens. */
export async function measureBudget(options: BudgetOptions): Promise<Budget> {
  const count = await tokenCounter("bpe");
  const { root, home } = options;
  const show = (path: string) =>
    home && path.startsWith(`${home}/`) ? `~/${relative(home, path)}` : relative(root, path) || path;
  const items: BudgetItem[] = [];
  const seen = new Set<string>();

  // CLAUDE.md files: the user's, the project's (root, .claude/, local), nested ones; with their @imports
  const memory = [
    ...(home ? [join(home, ".claude/CLAUDE.md")] : []),
    join(root, "CLAUDE.md"),
    join(root, ".claude/CLAUDE.md"),
    join(root, "CLAUDE.local.md"),
    ...walk(root, (n) => n === "CLAUDE.md").filter((f) => dirname(f) !== root && dirname(f) !== join(root, ".claude")),
  ];
  const addMemory = (file: string, kind: BudgetKind, depth: number) => {
    const real = resolve(file);
    if (seen.has(real) || !existsSync(real) || !statSync(real).isFile()) return;
    seen.add(real);
    const text = readFileSync(real, "utf8");
    items.push({ kind, name: show(real), tokens: count(text) });
    if (depth < IMPORT_DEPTH)
      for (const imported of importsOf(text, real, home)) addMemory(imported, "import", depth + 1);
  };
  for (const file of memory) addMemory(file, "claude_md", 0);

  // commands, agents, skills: their name and description at start (the body when used)
  const componentRoots = [
    join(root, ".claude"),
    ...(home ? [join(home, ".claude")] : []),
    ...(options.plugins ?? []).map((p) => resolve(root, p)),
  ];
  for (const base of componentRoots) {
    for (const [kind, dir, match] of [
      ["command", "commands", (n: string) => n.endsWith(".md")],
      ["agent", "agents", (n: string) => n.endsWith(".md")],
      ["skill", "skills", (n: string) => n === "SKILL.md"],
    ] as const) {
      for (const file of walk(join(base, dir), match)) {
        const text = readFileSync(file, "utf8");
        const fm = frontMatter(text);
        const name =
          fm.name ??
          (kind === "skill" ? dirname(file).split("/").at(-1)! : relative(join(base, dir), file).replace(/\.md$/, ""));
        const description =
          fm.description ??
          fm.body
            .split("\n")
            .find((l) => l.trim())
            ?.trim() ??
          "";
        items.push({ kind, name: show(file), tokens: count(`${name}: ${description}`), tokens_when_used: count(text) });
      }
    }
  }

  // the output style in use (it replaces part of the system prompt)
  const style = outputStyle(root);
  if (style) {
    for (const base of [join(root, ".claude"), ...(home ? [join(home, ".claude")] : [])]) {
      const file = walk(join(base, "output-styles"), (n) => n.endsWith(".md")).find(
        (f) => (frontMatter(readFileSync(f, "utf8")).name ?? f.split("/").at(-1)!.replace(/\.md$/, "")) === style,
      );
      if (file) {
        items.push({
          kind: "output_style",
          name: show(file),
          tokens: count(frontMatter(readFileSync(file, "utf8")).body),
        });
        break;
      }
    }
  }

  if (!options.noMcp) items.push(...(await mcpItems(options, count)));

  const large = options.large ?? 2000;
  for (const item of items) if (item.tokens !== null && item.tokens >= large) item.suggestion = suggest(item);
  items.sort(
    (a, b) =>
      (b.tokens ?? Number.POSITIVE_INFINITY) - (a.tokens ?? Number.POSITIVE_INFINITY) || a.name.localeCompare(b.name),
  );
  return {
    items,
    total: items.reduce((n, i) => n + (i.tokens ?? 0), 0),
    complete: items.every((i) => i.tokens !== null),
  };
}

/** `outputStyle` from the project's Claude Code settings (local over shared), if any. */
function outputStyle(root: string): string | undefined {
  for (const file of [".claude/settings.local.json", ".claude/settings.json"]) {
    try {
      const style = JSON.parse(readFileSync(join(root, file), "utf8")).outputStyle;
      if (typeof style === "string" && style) return style;
    } catch {
      // absent or not JSON: Claude Code ignores it as well
    }
  }
  return undefined;
}

function suggest(item: BudgetItem): string {
  switch (item.kind) {
    case "claude_md":
    case "import":
      return "split it: move what only some tasks need into a command or a skill (loaded when used) or a nested CLAUDE.md";
    case "mcp_server":
      return `disable it in projects that do not need it (disabledMcpjsonServers in .claude/settings.local.json), or run it with fewer tools`;
    case "output_style":
      return "shorten the output style, or keep its details in a skill";
    default:
      return "shorten its description: only the name and description load at session start";
  }
}

type McpServer = import("../integrations/mcp/schema.ts").McpServer;

/** The servers of `.mcp.json` (what Claude Code starts) and of the wf-task config; the same name is one server. */
async function mcpServers(options: BudgetOptions): Promise<{ servers: McpServer[]; invalid: BudgetItem[] }> {
  const { SERVER_NAME, loadServers } = await import("../integrations/mcp/servers.ts");
  const byName = new Map<string, McpServer>();
  const invalid: BudgetItem[] = [];
  if (options.loaded) for (const s of await loadServers(options.loaded)) byName.set(s.name, s);
  const file = join(options.root, ".mcp.json");
  if (existsSync(file)) {
    let data: {
      mcpServers?: Record<
        string,
        { command?: string; args?: string[]; env?: Record<string, string>; url?: string; type?: string }
      >;
    };
    try {
      data = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      const { WfError } = await import("../core/errors.ts");
      throw new WfError("E_USAGE_MCP_JSON", `.mcp.json is not JSON: ${(error as Error).message}`, {
        where: ".mcp.json",
        hint: "fix the file (Claude Code cannot read it either)",
      });
    }
    for (const [name, entry] of Object.entries(data.mcpServers ?? {})) {
      if (!SERVER_NAME.test(name)) {
        invalid.push({
          kind: "mcp_server",
          name,
          tokens: null,
          source: ".mcp.json",
          error: {
            kind: "protocol",
            message: `server name ${JSON.stringify(name)} is not a plain name`,
            hint: "use letters, digits, - and _",
          },
        });
        continue;
      }
      byName.set(name, {
        name,
        command: entry.command,
        args: entry.args,
        env: entry.env,
        url: entry.url,
        source: ".mcp.json",
      });
    }
  }
  return { servers: [...byName.values()], invalid };
}

/** Each server's tool schemas (name, description, input schema) as Claude Code receives them, by a real `tools/list`. */
async function mcpItems(options: BudgetOptions, count: (text: string) => number): Promise<BudgetItem[]> {
  const { servers, invalid } = await mcpServers(options);
  if (!servers.length) return invalid;
  const { withClient, isMcpConnectError } = await import("../integrations/mcp/connect.ts");
  const timeoutMs = options.loaded?.config.integrations.mcp.timeoutMs ?? 10000;
  const measure = async (server: McpServer): Promise<BudgetItem> => {
    try {
      const tools = await withClient(server, { env: options.env, timeoutMs, cwd: options.root }, async (client) => {
        const all: unknown[] = [];
        let cursor: string | undefined;
        do {
          const page = await client.listTools(cursor ? { cursor } : undefined);
          all.push(
            ...page.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema })),
          );
          cursor = page.nextCursor;
        } while (cursor);
        return all;
      });
      return {
        kind: "mcp_server",
        name: server.name,
        source: server.source,
        tools: tools.length,
        tokens: tools.reduce<number>((n, t) => n + count(JSON.stringify(t)), 0),
      };
    } catch (error) {
      const e = isMcpConnectError(error)
        ? { kind: error.kind, message: error.message, hint: error.hint }
        : { kind: "protocol", message: (error as Error).message, hint: "check that the server starts by hand" };
      return { kind: "mcp_server", name: server.name, source: server.source, tokens: null, error: e };
    }
  };
  return [...invalid, ...(await Promise.all(servers.map(measure)))];
}
