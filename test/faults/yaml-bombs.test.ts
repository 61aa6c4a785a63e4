import { suite } from "uvu";
import * as assert from "uvu/assert";
import { performance } from "node:perf_hooks";
import { gitRepo, runBuilt, writeFiles } from "../_support/index.ts";

const t = suite("faults: YAML alias bombs in every YAML reader");

const ENV = { FORCE_COLOR: undefined };

// A "billion laughs": nine levels of nine aliases each (387 million strings if expanded).
function bomb(key: string): string {
  const lines = [`a0: &a0 "lol"`];
  for (let i = 1; i <= 9; i++)
    lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(", ")}]`);
  lines.push(`${key}: *a9`);
  return `${lines.join("\n")}\n`;
}

const READERS: {
  name: string;
  files: (b: string) => Record<string, string>;
  argv: string[];
  code: RegExp;
  where: RegExp;
  exit?: number;
}[] = [
  {
    name: "legacy .ai/project/config.yaml",
    files: (b) => ({ ".ai/project/config.yaml": b }),
    argv: ["config", "show"],
    code: /E_CONFIG_SYNTAX/,
    where: /\.ai\/project\/config\.yaml:\d+:\d+/,
  },
  {
    name: ".workflowrc.yaml",
    files: (b) => ({ ".workflowrc.yaml": b }),
    argv: ["config", "show"],
    code: /E_CONFIG_SYNTAX/,
    where: /\.workflowrc\.yaml:\d+:\d+/,
  },
  {
    name: "an MCP server YAML",
    files: (b) => ({ ".ai/workflow/integrations/mcp/bomb.yaml": `name: bomb\ncommand: x\n${b}` }),
    argv: ["mcp", "list"],
    code: /E_MCP_CONFIG/,
    where: /integrations\/mcp\/bomb\.yaml:\d+:\d+/,
  },
  {
    name: "the learnings file",
    files: (b) => ({ ".ai/project/learnings.yaml": `version: 1\n${b}` }),
    argv: ["compound", "list"],
    code: /E_COMPOUND_CORRUPT/,
    where: /learnings\.yaml/,
  },
  {
    name: "trust_model.yaml",
    files: (b) => ({ ".ai/workflow/trust_model.yaml": b }),
    argv: ["trust", "level", "src/a.ts"],
    code: /E_TRUST_MODEL/,
    where: /trust_model\.yaml:\d+:\d+/,
  },
  {
    name: "a spec.yaml",
    files: (b) => ({ ".ai/project/features/shop/spec.yaml": b }),
    argv: ["spec", "validate", ".ai/project/features/shop/spec.yaml"],
    code: /alias expansions\); refused/,
    where: /spec\.yaml:1:1/,
    exit: 1,
  },
];

for (const reader of READERS) {
  // The spec validator is a check: a refused spec is "not valid" (exit 1), with the refusal's position.
  t(`${reader.name}: refused quickly, exit ${reader.exit ?? 2}, with the position, no E_INTERNAL`, () => {
    const dir = gitRepo();
    writeFiles(dir, reader.files(bomb("boom")));
    const start = performance.now();
    const r = runBuilt(reader.argv, { cwd: dir, env: ENV, timeout: 20_000 });
    const ms = performance.now() - start;
    assert.is(r.code, reader.exit ?? 2, `${r.code} ${r.stdout} ${r.stderr}`);
    assert.match(r.stdout + r.stderr, reader.code);
    assert.match(r.stdout + r.stderr, reader.where);
    assert.not.match(r.stderr, /E_INTERNAL|\n\s+at /);
    assert.ok(ms < 5000, `took ${ms} ms`);
  });
}

t.run();
