import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gitRepo, json, runBuilt, writeFiles } from "../_support/index.ts";

const t = suite("faults: names that are object properties, and --");

const ENV = { FORCE_COLOR: undefined };
const RESERVED = ["constructor", "toString", "valueOf", "hasOwnProperty"];

t("roles named constructor, toString, valueOf, hasOwnProperty get, keep and release their own ports", () => {
  const dir = gitRepo();
  const ports = new Map<string, number>();
  for (const role of RESERVED) {
    const r = runBuilt(["ports", "allocate", role, "--json"], { cwd: dir, env: ENV });
    assert.is(r.code, 0, r.stderr);
    ports.set(role, json(r).port);
  }
  assert.is(new Set(ports.values()).size, RESERVED.length, "each role has its own port");
  for (const role of RESERVED) {
    const r = runBuilt(["ports", "get", role], { cwd: dir, env: ENV });
    assert.is(r.stdout.trim(), String(ports.get(role)), role);
  }
  assert.equal(
    Object.keys(
      JSON.parse(readFileSync(join(dir, ".ai/project/sessions/port_allocations.json"), "utf8")).allocations,
    ).sort(),
    [...RESERVED].sort(),
  );
  const released = runBuilt(["ports", "release", "constructor"], { cwd: dir, env: ENV });
  assert.is(released.code, 0, released.stderr);
  assert.match(released.stdout, new RegExp(`released ${ports.get("constructor")}`));
  assert.is(runBuilt(["ports", "get", "constructor"], { cwd: dir, env: ENV }).code, 1, "gone after release");
  assert.is(
    runBuilt(["ports", "get", "toString"], { cwd: dir, env: ENV }).stdout.trim(),
    String(ports.get("toString")),
  );
});

t("__proto__ as a role or feature is refused as bad input (exit 2), never a crash", () => {
  const dir = gitRepo();
  for (const argv of [
    ["ports", "allocate", "__proto__"],
    ["state", "save", "__proto__"],
    ["init", "__proto__", "qa"],
  ]) {
    const r = runBuilt(argv, { cwd: dir, env: ENV });
    assert.is(r.code, 2, `${argv.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, /^error E_USAGE/);
  }
});

t("MCP servers named constructor and toString are rendered and kept by name", () => {
  const dir = gitRepo();
  writeFiles(dir, {
    ".ai/workflow/integrations/mcp/constructor.yaml": "name: constructor\ncommand: npx\nargs: [server-a]\n",
    ".ai/workflow/integrations/mcp/tostring.yaml": "name: toString\ncommand: npx\nargs: [server-b]\n",
    ".mcp.json": JSON.stringify({ mcpServers: { valueOf: { command: "mine" } } }),
  });
  const r = runBuilt(["mcp", "render", "--json"], { cwd: dir, env: ENV });
  assert.is(r.code, 0, r.stderr);
  const out = json(r);
  assert.equal(out.servers.sort(), ["constructor", "toString"]);
  assert.equal(out.kept, ["valueOf"]);
  const data = JSON.parse(readFileSync(join(dir, ".mcp.json"), "utf8"));
  assert.equal(Object.keys(data.mcpServers).sort(), ["constructor", "toString", "valueOf"]);
  assert.equal(data.mcpServers.constructor.args, ["server-a"]);
});

t("a .mcp.json that holds an array is refused and left as it is", () => {
  const dir = gitRepo();
  writeFiles(dir, { ".ai/workflow/integrations/mcp/a.yaml": "name: a\ncommand: npx\n", ".mcp.json": "[1, 2]\n" });
  const r = runBuilt(["mcp", "render"], { cwd: dir, env: ENV });
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, /^error E_MCP_RENDER: \.mcp\.json: expected a JSON object/);
  assert.is(readFileSync(join(dir, ".mcp.json"), "utf8"), "[1, 2]\n");
});

t("state save qa keeps qa-2's snapshots (no prefix match)", () => {
  const dir = gitRepo();
  writeFiles(dir, { "workflow.config.json": "{}" });
  for (let i = 0; i < 3; i++) assert.is(runBuilt(["state", "save", "qa-2"], { cwd: dir, env: ENV }).code, 0);
  const before = readdirSync(join(dir, ".ai/project/sessions/history")).filter((n) => n.startsWith("qa-2-"));
  for (let i = 0; i < 12; i++) assert.is(runBuilt(["state", "save", "qa"], { cwd: dir, env: ENV }).code, 0);
  const after = readdirSync(join(dir, ".ai/project/sessions/history")).filter((n) => n.startsWith("qa-2-"));
  assert.equal(after, before);
  assert.is(before.length, 3);
});

t("-- ends options: a note starting with - and a word like --json are taken as text", () => {
  const dir = gitRepo();
  assert.is(runBuilt(["init", "shop", "backend"], { cwd: dir, env: ENV }).code, 0);
  const r = runBuilt(["progress", "note", "--", "-1 flaky"], { cwd: dir, env: ENV });
  assert.is(r.code, 0, r.stderr);
  const dashed = runBuilt(["progress", "note", "--", "--json is not an option here"], { cwd: dir, env: ENV });
  assert.is(dashed.code, 0, dashed.stderr);
  assert.not.match(dashed.stdout, /^\{/, "--json after -- is not the global option");
  const text = readFileSync(join(dir, ".ai/project/sessions/claude-progress.txt"), "utf8");
  assert.match(text, /-1 flaky/);
  assert.match(text, /--json is not an option here/);
  const without = runBuilt(["progress", "note", "--bogus"], { cwd: dir, env: ENV });
  assert.is(without.code, 2, "without -- an unknown option is still refused");
});

t.run();
