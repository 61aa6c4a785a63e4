import { suite } from "uvu";
import * as assert from "uvu/assert";
import { symlinkSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../lib/config/load.ts";
import { defaultConfig } from "../../lib/config/defaults.ts";
import { isWfError } from "../../lib/core/errors.ts";
import { ROOT, gitRepo, runCli, tempDir, writeFiles } from "../_support/index.ts";

const load = suite("loadConfig");

/** A project folder where `import … from "wf-task"` resolves to this package. */
function project(files: Record<string, string> = {}): string {
  const dir = tempDir();
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(ROOT, join(dir, "node_modules/wf-task"), "dir");
  writeFiles(dir, files);
  return dir;
}

async function loadError(cwd: string, env: Record<string, string> = {}) {
  try {
    await loadConfig({ cwd, env });
  } catch (error) {
    assert.ok(isWfError(error), String(error));
    return error;
  }
  throw new Error("expected loadConfig to fail");
}

load("returns every default when there is no config at all", async () => {
  const dir = tempDir();
  const loaded = await loadConfig({ cwd: dir, env: {} });
  assert.equal(loaded.config, defaultConfig());
  assert.equal(loaded.sources, []);
  assert.is(loaded.config.parallel.portRange.start, 3001);
  assert.is(loaded.config.harness.progressFile, ".ai/project/sessions/claude-progress.txt");
});

const sources: [string, string][] = [
  [
    "workflow.config.ts",
    `import { defineConfig } from "wf-task";\nexport default defineConfig({ parallel: { roles: ["ts"] } });\n`,
  ],
  ["workflow.config.mts", `export default { parallel: { roles: ["mts"] } } as const;\n`],
  ["workflow.config.js", `export default { parallel: { roles: ["js"] } };\n`],
  ["workflow.config.mjs", `export default { parallel: { roles: ["mjs"] } };\n`],
  [".workflowrc", `parallel:\n  roles: [rc]\n`],
  [".workflowrc.json", `{ "parallel": { "roles": ["json"] } }`],
  [".workflowrc.yaml", `parallel:\n  roles: [yaml]\n`],
];
for (const [file, content] of sources) {
  load(`reads ${file}`, async () => {
    const dir = project({ [file]: content });
    const loaded = await loadConfig({ cwd: dir, env: {} });
    assert.ok(loaded.config.parallel.roles.length === 1, JSON.stringify(loaded.config.parallel.roles));
    assert.is(loaded.sources[0]!.path, join(dir, file));
    assert.is(loaded.config.parallel.portRange.end, 3010, "defaults fill the rest");
  });
}

load("reads package.json#workflow", async () => {
  const dir = project({ "package.json": JSON.stringify({ name: "x", workflow: { parallel: { roles: ["pkg"] } } }) });
  const loaded = await loadConfig({ cwd: dir, env: {} });
  assert.equal(loaded.config.parallel.roles, ["pkg"]);
  assert.is(loaded.sources[0]!.kind, "package.json");
});

load("ignores a package.json without a workflow key", async () => {
  const dir = project({ "package.json": JSON.stringify({ name: "x" }) });
  const loaded = await loadConfig({ cwd: dir, env: {} });
  assert.equal(loaded.sources, []);
});

load("takes the first source found: workflow.config.ts before .workflowrc.json", async () => {
  const dir = project({
    "workflow.config.ts": `export default { parallel: { roles: ["first"] } };\n`,
    ".workflowrc.json": `{ "parallel": { "roles": ["second"] } }`,
  });
  assert.equal((await loadConfig({ cwd: dir, env: {} })).config.parallel.roles, ["first"]);
});

load("calls a function config with the root and env, and awaits a promise", async () => {
  const dir = project({
    "workflow.config.ts":
      `import { defineConfig } from "wf-task";\n` +
      `export default defineConfig(async ({ env }) => ({ parallel: { agentCommand: env.AGENT ?? "none" } }));\n`,
  });
  assert.is((await loadConfig({ cwd: dir, env: { AGENT: "codex" } })).config.parallel.agentCommand, "codex");
});

load("reads the legacy .ai/project/config.yaml 2.x in snake_case, keeping unknown keys", async () => {
  const dir = tempDir();
  writeFiles(dir, {
    ".ai/project/config.yaml": [
      'version: "2.0"',
      "project:",
      "  name: shop",
      "harness:",
      "  progress_file: .ai/sessions/progress.txt",
      "  enabled: true",
      "parallel:",
      "  worktree_base: .trees",
      "  port_range:",
      "    start: 5000",
      "    end: 5004",
      "specs:",
      "  validation: warn",
      "enforcement:",
      "  tdd:",
      "    min_coverage: 80",
      "    prevent_test_deletion: false",
      "  trust:",
      "    model_file: config/trust.yaml",
      "  context:",
      "    compaction_threshold: 50000",
      "integrations:",
      "  mcp:",
      "    servers: [github, semgrep]",
      "",
    ].join("\n"),
  });
  const loaded = await loadConfig({ cwd: dir, env: {} });
  const c = loaded.config;
  assert.is(c.harness.progressFile, ".ai/sessions/progress.txt");
  assert.is(c.parallel.worktreeBase, ".trees");
  assert.equal(c.parallel.portRange, { start: 5000, end: 5004 });
  assert.is(c.specs.validation, "warn");
  assert.is(c.enforcement.tdd.minCoverage, 80);
  assert.is(c.enforcement.tdd.preventTestDeletion, false);
  assert.is(c.enforcement.context.compactionThreshold, 50000);
  assert.is(c.trust.modelFile, "config/trust.yaml");
  assert.equal(loaded.legacyExtra.project, { name: "shop" });
  assert.equal(loaded.legacyExtra["harness.enabled"], true);
  assert.equal(loaded.legacyExtra["integrations.mcp.servers"], ["github", "semgrep"]);
  assert.match(loaded.warnings.join("\n"), /config\.yaml:6:3: harness\.enabled: key not used by wf-task/);
});

load("merges the legacy config under the modern one", async () => {
  const dir = project({
    ".ai/project/config.yaml": "version: '2.1'\nparallel:\n  worktree_base: .trees\n  agent_command: aider\n",
    ".workflowrc.json": `{ "parallel": { "agentCommand": "claude --continue" } }`,
  });
  const c = (await loadConfig({ cwd: dir, env: {} })).config;
  assert.is(c.parallel.worktreeBase, ".trees");
  assert.is(c.parallel.agentCommand, "claude --continue");
});

load("refuses a legacy config of another major version", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".ai/project/config.yaml": "version: '1.0'\n" });
  const error = await loadError(dir);
  assert.is(error.code, "E_CONFIG_VERSION");
  assert.match(error.where ?? "", /config\.yaml:1/);
});

load("applies PROGRESS_DIR, WORKTREE_BASE and PORT_RANGE_START/END over every file", async () => {
  const dir = project({ ".workflowrc.json": `{ "parallel": { "portRange": { "start": 4000, "end": 4010 } } }` });
  const { config, sources } = await loadConfig({
    cwd: dir,
    env: { PROGRESS_DIR: join(dir, "state/progress"), WORKTREE_BASE: "trees", PORT_RANGE_START: "4005" },
  });
  assert.is(config.harness.progressFile, join(dir, "state/progress/claude-progress.txt"));
  assert.is(config.parallel.worktreeBase, "trees");
  assert.equal(config.parallel.portRange, { start: 4005, end: 4010 });
  assert.equal(sources.at(-1), { kind: "env", path: "PROGRESS_DIR,WORKTREE_BASE,PORT_RANGE_START" });
});

load("refuses PROGRESS_DIR and WORKTREE_BASE outside the project or inside .git", async () => {
  const dir = project({});
  for (const env of <Record<string, string>[]>[
    { PROGRESS_DIR: "../../.." },
    { PROGRESS_DIR: "/tmp" },
    { WORKTREE_BASE: ".git" },
    { WORKTREE_BASE: ".git/x" },
    { WORKTREE_BASE: "." },
  ]) {
    const error = await loadError(dir, env);
    assert.is(error.code, "E_CONFIG_ENV", JSON.stringify(env));
    assert.is(error.exitCode, 2);
    assert.match(error.message, /inside the project and outside \.git/);
  }
});

load("rejects a port env var that is not a port, naming it", async () => {
  const error = await loadError(tempDir(), { PORT_RANGE_END: "lots" });
  assert.is(error.code, "E_CONFIG_ENV");
  assert.match(error.message, /PORT_RANGE_END/);
});

load("finds the project root from a subfolder, like git", async () => {
  const dir = gitRepo({ ".workflowrc.json": `{ "parallel": { "roles": ["up"] } }`, "src/deep/x.ts": "" });
  const loaded = await loadConfig({ cwd: join(dir, "src/deep"), env: {} });
  assert.is(loaded.root, dir);
  assert.equal(loaded.config.parallel.roles, ["up"]);
});

load.run();

// ---

const errors = suite("config errors");

errors("lists every problem with file:line:col of the key in the TS source, key path, expected and got", async () => {
  const dir = project({
    "workflow.config.ts": `export default { harness: { progressFile: 3 }, parallel: { portRange: { start: 4000, end: 3999 } } };\n`,
  });
  const error = await loadError(dir);
  assert.is(error.code, "E_CONFIG");
  assert.is(error.exitCode, 2);
  const lines = [error.message, ...error.details];
  assert.ok(
    lines.some((l) => l === "workflow.config.ts:1:29: harness.progressFile: expected string, got 3"),
    lines.join("\n"),
  );
  assert.ok(
    lines.some((l) =>
      /workflow\.config\.ts:1:86: parallel\.portRange\.end: expected `end` ≥ `start` \(4000\), got 3999/.test(l),
    ),
    lines.join("\n"),
  );
});

errors("suggests the right spelling of a misspelt key", async () => {
  const dir = project({ ".workflowrc.json": `{\n  "parallel": {\n    "worktreBase": "x"\n  }\n}\n` });
  const error = await loadError(dir);
  assert.is(
    error.message,
    ".workflowrc.json:3:5: parallel.worktreBase: unknown key `worktreBase` (did you mean `worktreeBase`?)",
  );
});

errors("gives line and column in a YAML config, and the allowed values of a list", async () => {
  const dir = project({ ".workflowrc.yaml": "specs:\n  validation: loud\n" });
  const error = await loadError(dir);
  assert.is(error.message, '.workflowrc.yaml:2:15: specs.validation: expected one of strict|warn|off, got "loud"');
});

errors("reports a YAML syntax error with its position", async () => {
  const dir = project({ ".workflowrc.yaml": "parallel:\n  roles: [a, b\n" });
  const error = await loadError(dir);
  assert.is(error.code, "E_CONFIG_SYNTAX");
  assert.match(error.where ?? "", /^\.workflowrc\.yaml:\d+:\d+$/);
});

errors("names the legacy file's snake_case key path", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".ai/project/config.yaml": "version: '2.0'\nparallel:\n  port_range:\n    start: nope\n" });
  const error = await loadError(dir);
  assert.match(
    error.message,
    /^\.ai\/project\/config\.yaml:4:12: parallel\.port_range\.start: expected number, got "nope"$/,
  );
});

errors("reports a config that does not export an object", async () => {
  const dir = project({ "workflow.config.mjs": "export default 42;\n" });
  const error = await loadError(dir);
  assert.match(error.message, /expected an object, got number/);
});

errors("the CLI exits 2 on a bad config and prints one line per problem", async () => {
  const dir = project({ ".workflowrc.json": `{ "trust": { "defaultLevel": "extreme" }, "parallle": {} }` });
  const r = await runCli(["config", "validate"], { cwd: dir });
  assert.is(r.code, 2);
  const lines = r.stderr.trim().split("\n");
  assert.ok(
    lines.some((l) => l.includes('trust.defaultLevel: expected one of high|medium|low, got "extreme"')),
    r.stderr,
  );
  assert.ok(
    lines.some((l) => l.includes("unknown key `parallle` (did you mean `parallel`?)")),
    r.stderr,
  );
  assert.match(lines.at(-1)!, /hint: /);
});

errors.run();
