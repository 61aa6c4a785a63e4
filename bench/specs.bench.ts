import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { median, timeCommand, timeFn, timePair, type Bench } from "./_harness.ts";
import { validateSpec } from "../lib/specs/validate.ts";

const FILES = 1000;

/** Validating 1,000 spec files in one call against parsing the same files with `yaml` alone. */
const bench: Bench = async ({ root, cli, runs, tempDir }) => {
  const dir = tempDir();
  const specs = join(dir, "specs");
  mkdirSync(specs);
  const fixture = readFileSync(join(root, "test/specs/fixtures/valid-spec.yaml"), "utf8");
  const paths: string[] = [];
  for (let i = 0; i < FILES; i++) {
    // Every tenth file has an error, so the positions code runs too.
    const text = fixture
      .replace("id: user-auth", `id: feature-${i}`)
      .replace("status: planning", i % 10 ? "status: planning" : "status: unknown");
    const path = join(specs, `spec-${String(i).padStart(4, "0")}.yaml`);
    writeFileSync(path, text);
    paths.push(path);
  }
  writeFileSync(join(dir, ".workflowrc.json"), "{}\n");
  const yamlUrl = pathToFileURL(createRequire(join(root, "package.json")).resolve("yaml")).href;
  const baselineScript = join(dir, "parse-only.mjs");
  writeFileSync(
    baselineScript,
    `import { readdirSync, readFileSync } from "node:fs";\n` +
      `import { join } from "node:path";\n` +
      `const { parse } = await import(${JSON.stringify(yamlUrl)});\n` +
      `const dir = process.argv[2];\n` +
      `for (const f of readdirSync(dir).sort()) parse(readFileSync(join(dir, f), "utf8"));\n`,
  );
  const node = process.execPath;
  const reps = Math.max(3, Math.min(runs, 5));
  const cliPair = timePair(
    () => timeCommand(node, [cli, "spec", "validate", "specs", "--quiet"], { cwd: dir, runs: reps }),
    () => timeCommand(node, [baselineScript, specs], { cwd: dir, runs: reps }),
    3,
  );
  const { parse } = await import("yaml");
  const subject: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < 3; i++) {
    baseline.push(
      await timeFn(() => {
        for (const p of paths) parse(readFileSync(p, "utf8"));
      }, 1),
    );
    subject.push(
      await timeFn(async () => {
        for (const p of paths) await validateSpec(p);
      }, 1),
    );
  }
  const inProcess = { subjectMs: median(subject), baselineMs: median(baseline) };
  const perFile = (ms: number) => `${((ms / FILES) * 1000).toFixed(0)} µs/file`;
  return [
    {
      name: `spec validate, ${FILES} files, one CLI call`,
      baseline: "node + yaml.parse of the same files",
      ...cliPair,
      goal: 3,
      note: `${perFile(cliPair.subjectMs)} vs ${perFile(cliPair.baselineMs)} (process start included)`,
    },
    {
      name: `validateSpec × ${FILES}, in process`,
      baseline: "readFile + yaml.parse × 1000",
      ...inProcess,
      goal: 3,
      note: `${perFile(inProcess.subjectMs)} vs ${perFile(inProcess.baselineMs)}`,
    },
  ];
};

export default bench;
