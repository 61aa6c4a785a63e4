import { suite } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { installWfTask, runBuilt, tempDir, writeFiles } from "../_support/index.ts";
import { needsOnlyDefine, selfEntry, wfTaskAlias } from "../../lib/util/self-alias.ts";

const alias = suite('what `import … from "wf-task"` resolves to in a config');

alias("a config taking only defineConfig and types gets the tiny module; anything more, the library", () => {
  assert.ok(needsOnlyDefine('import { defineConfig } from "wf-task";'));
  assert.ok(
    needsOnlyDefine(
      "import { defineConfig, type UserConfig } from 'wf-task';\nimport type { ConfigEnv } from \"wf-task\";",
    ),
  );
  assert.not.ok(needsOnlyDefine('import { defineConfig, builtInTrustModel } from "wf-task";'));
  assert.not.ok(needsOnlyDefine('import * as wf from "wf-task";'));
  assert.not.ok(needsOnlyDefine('const wf = await import("wf-task");'));
});

alias("the library is mapped only when the project has no wf-task of its own", () => {
  const bare = tempDir();
  const file = join(bare, "workflow.config.ts");
  const full = 'import { defineConfig, builtInTrustModel } from "wf-task";\nexport default defineConfig({});\n';
  assert.equal(wfTaskAlias(file, full), { map: { "wf-task": selfEntry()!.index }, required: true });
  assert.equal(wfTaskAlias(file, 'import { defineConfig } from "wf-task";'), {
    map: { "wf-task": selfEntry()!.define },
    required: true,
  });
  assert.is(wfTaskAlias(file, "export default {};"), undefined);
  const installed = tempDir();
  installWfTask(installed);
  assert.is(wfTaskAlias(join(installed, "workflow.config.ts"), full), undefined);
  assert.equal(
    wfTaskAlias(join(installed, "workflow.config.ts"), 'import { defineConfig } from "wf-task";')?.required,
    false,
  );
});

alias("both kinds of config load with the built CLI in a project without node_modules", () => {
  for (const source of [
    'import { defineConfig } from "wf-task";\nexport default defineConfig({ parallel: { roles: [process.env.R ?? "a"] } });\n',
    'import { defineConfig, builtInTrustModel } from "wf-task";\nexport default defineConfig({ parallel: { roles: [typeof builtInTrustModel] } });\n',
  ]) {
    const dir = tempDir();
    writeFiles(dir, { "workflow.config.ts": source });
    const r = runBuilt(["config", "show", "--json"], { cwd: dir, env: { R: "r" } });
    assert.is(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).config.parallel.roles, [source.includes("builtInTrustModel") ? "function" : "r"]);
  }
});

alias.run();
