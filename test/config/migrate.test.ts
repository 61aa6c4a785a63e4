import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { json, runCli, tempDir, writeFiles } from "../_support/index.ts";
import { loadConfig } from "../../lib/config/load.ts";
import { migrateLegacyText } from "../../lib/config/migrate.ts";

const migrate = suite("config migrate");

// A 2.0 file as teams wrote it: comments, odd spacing, quoted version, keys wf-task does not use.
const LEGACY_20 = `# Project config — owned by the platform team
version: "2.0"   # bumped by hand

project:
  name:   demo-app        # aligned on purpose
  language: typescript

agents:
  - backend
  - frontend

specs:
  features_dir: .ai/project/features   # where interview writes

trust:
  default_level: medium
`;

migrate(
  "keeps every line of a 2.0 file byte-identical except the version value, and appends the new sections",
  async () => {
    const r = await migrateLegacyText(LEGACY_20);
    assert.is(r.from, "2.0");
    assert.equal(r.added, ["harness", "parallel", "enforcement", "compound", "integrations"]);
    const before = LEGACY_20.split("\n");
    const after = r.text.split("\n");
    for (let i = 0; i < before.length - 1; i++) {
      if (i === 1) assert.is(after[i], `version: "2.1"   # bumped by hand`);
      else assert.is(after[i], before[i], `line ${i + 1} changed`);
    }
    assert.ok(r.text.startsWith(LEGACY_20.replace('"2.0"', '"2.1"')));
    const appended = r.text.slice(LEGACY_20.length);
    assert.match(appended, /^\n# Added by `wf-task config migrate` \(2\.0 → 2\.1\)/);
    assert.match(appended, /\nharness:\n  progress_file: /);
    assert.match(appended, /\nintegrations:\n  mcp:\n    config_dir: /);
  },
);

migrate("a migrated file loads to the same config as before, and a second run changes nothing", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".ai/project/config.yaml": LEGACY_20 });
  const before = await loadConfig({ cwd: dir, env: {} });
  const r = await runCli(["config", "migrate", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.equal(json(r).added.length, 5);
  const after = await loadConfig({ cwd: dir, env: {} });
  assert.equal(after.config, before.config);
  assert.equal(after.legacyExtra, before.legacyExtra);
  const text = readFileSync(join(dir, ".ai/project/config.yaml"), "utf8");
  const again = await runCli(["config", "migrate"], { cwd: dir });
  assert.match(again.stdout, /already 2\.1/);
  assert.is(readFileSync(join(dir, ".ai/project/config.yaml"), "utf8"), text);
  assert.is((await runCli(["config", "validate"], { cwd: dir })).code, 0);
});

migrate("leaves a section the file already has as it is", async () => {
  const r = await migrateLegacyText("version: 2.0\nparallel:\n  roles: [api]\n");
  assert.is(r.text.split("\n").slice(0, 3).join("\n"), "version: 2.1\nparallel:\n  roles: [api]");
  assert.not.ok(r.added.includes("parallel"));
});

migrate("--dry-run prints the result and writes nothing", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".ai/project/config.yaml": LEGACY_20 });
  const r = await runCli(["config", "migrate", "--dry-run"], { cwd: dir });
  assert.match(r.stdout, /version: "2\.1"/);
  assert.is(readFileSync(join(dir, ".ai/project/config.yaml"), "utf8"), LEGACY_20);
});

migrate("--to ts writes an equivalent workflow.config.ts that loadConfig reads", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".ai/project/config.yaml": LEGACY_20 });
  const before = await loadConfig({ cwd: dir, env: {} });
  const r = await runCli(["config", "migrate", "--to", "ts", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.equal(json(r).dropped, ["project", "agents"]);
  const ts = readFileSync(join(dir, "workflow.config.ts"), "utf8");
  assert.match(ts, /satisfies UserConfig/);
  rmSync(join(dir, ".ai/project/config.yaml"));
  const after = await loadConfig({ cwd: dir, env: {} });
  assert.is(after.sources[0]!.kind, "file");
  assert.equal(after.config, before.config);
  const twice = await runCli(["config", "migrate", "--to", "ts"], { cwd: dir });
  assert.is(twice.code, 2);
});

migrate("refuses a version it does not know and a project without config.yaml", async () => {
  await migrateLegacyText("version: 3.0\n").then(
    () => assert.unreachable(),
    (e) => assert.is(e.code, "E_CONFIG_VERSION"),
  );
  const r = await runCli(["config", "migrate"], { cwd: tempDir() });
  assert.is(r.code, 2);
  assert.match(r.stderr, /no \.ai\/project\/config\.yaml to migrate/);
});

migrate.run();
