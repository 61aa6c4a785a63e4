import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { Tiktoken } from "js-tiktoken/lite";
import o200k from "js-tiktoken/ranks/o200k_base";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { importsOf, measureBudget } from "../../lib/context/budget.ts";
import { json, runBuilt, tempDir, writeFiles } from "../_support/index.ts";
import { EVERYTHING } from "../integrations/_servers.ts";

/** The reference tokenizer: tiktoken's own o200k ranks (js-tiktoken), independent of gpt-tokenizer. */
const reference = new Tiktoken(o200k);
const ref = (text: string) => reference.encode(text).length;
const test = suite("context budget");

const RULES = "# Rules\n\n" + "Always write the failing test first, then the code that makes it pass.\n".repeat(40);
const CLAUDE =
  "# Project\n\nSee @docs/rules.md for the rules and @~/.claude/personal.md.\n\n```\n@not/an-import.md\n```\nMail `@ignored/too.md` or @someone.\n";

function project(mcp: Record<string, unknown>): { root: string; home: string } {
  const root = tempDir();
  const home = tempDir();
  writeFiles(root, {
    "CLAUDE.md": CLAUDE,
    "docs/rules.md": RULES,
    "pkg/api/CLAUDE.md": "# API\n\nHandlers live in src/handlers.\n",
    ".claude/commands/review.md":
      "---\ndescription: Review the staged changes against the spec\n---\nLong instructions for the review.\n".repeat(
        1,
      ) + "Step.\n".repeat(200),
    ".claude/agents/tester.md": "---\nname: tester\ndescription: Writes failing tests first\n---\nYou write tests.\n",
    ".claude/skills/deploy/SKILL.md":
      "---\nname: deploy\ndescription: Deploys the app to staging\n---\n" + "Run the deploy.\n".repeat(50),
    ".mcp.json": JSON.stringify({ mcpServers: mcp }),
  });
  writeFiles(home, {
    ".claude/CLAUDE.md": "# Me\n\nPrefer short answers.\n",
    ".claude/personal.md": "Personal notes that the project imports.\n",
  });
  return { root, home };
}

const everything = { command: process.execPath, args: [EVERYTHING, "stdio"] };

test("@imports are read outside code, relative to the file and to ~", () => {
  assert.equal(importsOf(CLAUDE, "/p/CLAUDE.md", "/h"), ["/p/docs/rules.md", "/h/.claude/personal.md"]);
});

test(
  "counts CLAUDE.md files with their imports, commands, agents, skills and a real server's tool schemas, " +
    "as the reference o200k tokenizer does",
  async () => {
    const { root, home } = project({ everything });
    const budget = await measureBudget({ root, home, env: process.env, large: 500 });
    const by = (name: string) => budget.items.find((i) => i.name === name)!;
    assert.is(by("CLAUDE.md").tokens, ref(CLAUDE));
    assert.is(by("CLAUDE.md").kind, "claude_md");
    assert.is(by("docs/rules.md").kind, "import");
    assert.is(by("docs/rules.md").tokens, ref(RULES));
    assert.is(by("~/.claude/personal.md").kind, "import");
    assert.is(by("~/.claude/CLAUDE.md").tokens, ref("# Me\n\nPrefer short answers.\n"));
    assert.is(by("pkg/api/CLAUDE.md").kind, "claude_md");
    assert.not.ok(budget.items.some((i) => /an-import|too\.md/.test(i.name)));
    const review = by(".claude/commands/review.md");
    assert.is(review.tokens, ref("review: Review the staged changes against the spec"));
    assert.ok(review.tokens_when_used! > review.tokens! * 10);
    assert.is(by(".claude/agents/tester.md").tokens, ref("tester: Writes failing tests first"));
    assert.is(by(".claude/skills/deploy/SKILL.md").tokens, ref("deploy: Deploys the app to staging"));

    // the server's tools, listed by an independent client and counted by the reference tokenizer
    const client = new Client({ name: "budget-test", version: "1" });
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: [EVERYTHING, "stdio"], stderr: "ignore" }),
    );
    const { tools } = await client.listTools();
    await client.close();
    const expected = tools.reduce(
      (n, t) => n + ref(JSON.stringify({ name: t.name, description: t.description, input_schema: t.inputSchema })),
      0,
    );
    const server = by("everything");
    assert.is(server.kind, "mcp_server");
    assert.is(server.tools, tools.length);
    assert.ok(Math.abs(server.tokens! - expected) <= expected * 0.01, `${server.tokens} vs reference ${expected}`);
    assert.ok(server.tokens! > 1000);
    assert.is(
      budget.total,
      budget.items.reduce((n, i) => n + i.tokens!, 0),
    );
    assert.ok(budget.complete);
    // sorted by cost, the server first; a suggestion for it
    assert.is(budget.items[0]!.name, "everything");
    assert.match(budget.items[0]!.suggestion ?? "", /disabledMcpjsonServers/);
  },
);

test("--max: exit 0 within the budget, 1 over it; a server that cannot start is reported, unknown, and fails --max", () => {
  const { root, home } = project({ everything });
  const env = { HOME: home };
  const all = json(runBuilt(["context", "budget", "--json"], { cwd: root, env }));
  assert.ok(all.complete);
  const within = runBuilt(["context", "budget", "--max", String(all.total)], { cwd: root, env });
  assert.is(within.code, 0, within.stderr);
  assert.match(within.stdout, /budget \d+: within/);
  const over = runBuilt(["context", "budget", "--max", String(all.total - 1), "--large", "500"], { cwd: root, env });
  assert.is(over.code, 1);
  assert.match(over.stdout, /over/);
  assert.match(over.stdout, /suggestions:/);

  const broken = project({ everything, broken: { command: "wf-no-such-command-here" } });
  const r = runBuilt(["context", "budget", "--max", "100000000", "--json"], {
    cwd: broken.root,
    env: { HOME: broken.home },
  });
  assert.is(r.code, 1);
  const body = json(r);
  assert.is(body.complete, false);
  const item = body.items.find((i: { name: string }) => i.name === "broken");
  assert.is(item.tokens, null);
  assert.is(item.error.kind, "not_found");
  assert.ok(body.items.find((i: { name: string }) => i.name === "everything").tokens > 0);
});

test("--no-mcp starts no server; an unreadable .mcp.json is bad input", () => {
  const { root, home } = project({ broken: { command: "wf-no-such-command-here" } });
  const r = runBuilt(["context", "budget", "--no-mcp", "--json", "--max", "1000000"], {
    cwd: root,
    env: { HOME: home },
  });
  assert.is(r.code, 0, r.stderr);
  assert.not.ok(json(r).items.some((i: { kind: string }) => i.kind === "mcp_server"));
  writeFiles(root, { ".mcp.json": "{ not json" });
  const bad = runBuilt(["context", "budget"], { cwd: root, env: { HOME: home } });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /E_USAGE_MCP_JSON/);
});

test.run();
