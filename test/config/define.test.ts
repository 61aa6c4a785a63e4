import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "../../lib/config/define.ts";
import { ROOT, tempDir, writeFiles } from "../_support/index.ts";

const define = suite("defineConfig");

define("returns exactly what it is given: an object, a function, a promise", async () => {
  const object = { parallel: { roles: ["a"] } };
  assert.is(defineConfig(object), object);
  const fn = () => ({});
  assert.is(defineConfig(fn), fn);
  const promise = Promise.resolve({});
  assert.is(defineConfig(promise), promise);
});

/** Type-checks a workflow.config.ts against the built package's types, as a user's editor would. */
function typecheck(source: string): { code: number; output: string } {
  const dir = tempDir();
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(ROOT, join(dir, "node_modules/wf-task"), "dir");
  writeFiles(dir, {
    "workflow.config.ts": source,
    "package.json": JSON.stringify({ type: "module" }),
    "tsconfig.json": JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "es2022",
        skipLibCheck: true,
        types: [],
      },
      files: ["workflow.config.ts"],
    }),
  });
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir], {
    encoding: "utf8",
  });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

define("a well-typed workflow.config.ts passes tsc, and a type error in it is caught", () => {
  const good = typecheck(
    `import { defineConfig } from "wf-task";\n` +
      `export default defineConfig({ parallel: { portRange: { start: 4000, end: 4010 }, syncStrategy: ` +
      `"rebase" }, trust: { defaultLevel: "low" } });\n`,
  );
  assert.is(good.code, 0, good.output);
  const fn = typecheck(
    `import { defineConfig } from "wf-task";\nexport default defineConfig(({ env, root }) => ({ parallel: { agentCommand: env.AGENT ?? root } }));\n`,
  );
  assert.is(fn.code, 0, fn.output);
  const bad = typecheck(
    `import { defineConfig } from "wf-task";\n` +
      `export default defineConfig({ parallel: { portRange: { start: "4000" } }, trust: { defaultLevel: "extreme" } });\n`,
  );
  assert.is.not(bad.code, 0);
  assert.match(
    bad.output,
    /workflow\.config\.ts\(2,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/,
  );
  assert.match(bad.output, /"extreme"/);
});

define.run();
