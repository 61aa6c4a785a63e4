import { existsSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { defineCommand, type CommandContext } from "../../core/command.ts";
import { EXIT, WfError } from "../../core/errors.ts";
import { SPEC_KINDS, type SpecKind } from "../schemas/index.ts";
import { FEATURE_ID } from "../../core/names.ts";
import type { SpecValidation } from "../validate.ts";

const KINDS = SPEC_KINDS as readonly string[];

/** A spec argument: a path, or a feature id whose spec.yaml exists. */
async function resolveSpec(ctx: CommandContext, arg: string): Promise<string> {
  const path = resolve(ctx.cwd, arg);
  if (existsSync(path) || !FEATURE_ID.test(arg)) return path;
  const { projectPaths } = await import("../../config/paths.ts");
  const { specPathFor } = await import("../feature-id.ts");
  const byId = specPathFor(projectPaths(await ctx.project()).featuresDir, arg);
  return existsSync(byId) ? byId : path;
}

const shown = (ctx: CommandContext, path: string) => relative(ctx.cwd, path) || path;

/** Files to validate: the paths given (a folder stands for its *.yaml/*.yml), or every feature spec. */
async function specFiles(ctx: CommandContext, args: string[]): Promise<string[]> {
  const { globby } = await import("globby");
  if (!args.length) {
    const { projectPaths } = await import("../../config/paths.ts");
    const dir = projectPaths(await ctx.project()).featuresDir;
    return (await globby("*/spec.{yaml,yml}", { cwd: dir, absolute: true })).sort();
  }
  const out: string[] = [];
  for (const arg of args) {
    const path = await resolveSpec(ctx, arg);
    if (existsSync(path) && statSync(path).isDirectory())
      out.push(...(await globby("**/*.{yaml,yml}", { cwd: path, absolute: true, gitignore: true })).sort());
    else out.push(path);
  }
  return out;
}

const validate = defineCommand({
  meta: {
    name: "validate",
    description: "Validate spec files (feature specs, API contracts, task files) against their schemas",
    details: [
      "Each problem prints as `file:line:col: error: key.path: message` (enum errors list the allowed values).",
      "With no file: every .ai/project/features/*/spec.yaml. A folder stands for the YAML files under it.",
      "Exit: 1 when a spec is invalid and specs.validation (or --mode) is strict; 0 under warn and off.",
      "JSON: {valid, mode, files:[{file, kind, valid, errors:[{code, path, line, col, message, allowed?}], warnings:[…]}]}",
    ].join("\n"),
    examples: [
      "wf-task spec validate .ai/project/features/user-auth/spec.yaml",
      "wf-task spec validate user-auth --json",
    ],
  },
  args: {
    files: { type: "positional", multiple: true, description: "Spec files, folders or feature ids" },
    kind: {
      type: "string",
      choices: KINDS,
      description: "Kind of spec (default: guessed from its keys)",
      valueHint: "kind",
    },
    mode: {
      type: "string",
      choices: ["strict", "warn", "off"],
      description: "Override specs.validation",
      valueHint: "mode",
    },
  },
  async run(ctx) {
    const mode = ctx.args.mode ?? (await ctx.project()).config.specs.validation;
    if (mode === "off") {
      ctx.emit({ valid: true, mode, files: [] }, "spec validation is off (specs.validation: off): nothing checked");
      return EXIT.ok;
    }
    const files = await specFiles(ctx, ctx.args.files);
    if (!files.length) {
      ctx.emit(
        { valid: true, mode, files: [] },
        "no specs found (features live in .ai/project/features/<id>/spec.yaml); `wf-task interview <feature>` writes one",
      );
      return EXIT.ok;
    }
    const { validateSpec } = await import("../validate.ts");
    const results: SpecValidation[] = [];
    for (const file of files)
      results.push(await validateSpec(file, { kind: ctx.args.kind as SpecKind | undefined, file: shown(ctx, file) }));
    const valid = results.every((r) => r.valid);
    const { formatValidation } = await import("../report.ts");
    ctx.emit({ valid, mode, files: results }, () => formatValidation(results, mode));
    return valid || mode === "warn" ? EXIT.ok : EXIT.check;
  },
});

const check = defineCommand({
  meta: {
    name: "check",
    description: "Check a spec's requirements against the code: complete, incomplete or missing",
    details: [
      "A functional requirement (FR-101) is complete when a test file names its id (in a test title or an",
      "`@covers FR-101` tag) and an implementation file names it too; incomplete when only one side does;",
      "missing when neither does. Test files are those matching enforcement.tdd.testPatterns; files matching",
      "enforcement.tdd.exempt (docs, data) count for neither side; .ai/, node_modules, dist and gitignored",
      "files are not searched. `test_coverage: none` needs no test. Exit 1 when not compliant.",
      "JSON: {compliant, spec, impl, missing:[ids], incomplete:[ids], complete:[ids], files_scanned,",
      "       requirements:[{id, title, status, needs_test, tests:[{file, line}], implementation:[{file, line}]}]}",
    ].join("\n"),
    examples: [
      "wf-task spec check user-auth",
      "wf-task spec check .ai/project/features/user-auth/spec.yaml src --json",
    ],
  },
  args: {
    spec: { type: "positional", required: true, description: "Spec file or feature id" },
    impl: { type: "positional", description: "Folder of the implementation (default: the project root)" },
  },
  async run(ctx) {
    const loaded = await ctx.project();
    const specPath = await resolveSpec(ctx, ctx.args.spec);
    const { loadSpec } = await import("../validate.ts");
    const { value } = await loadSpec(specPath, { kind: "feature_spec", file: shown(ctx, specPath) });
    const impl = ctx.args.impl ? resolve(ctx.cwd, ctx.args.impl) : loaded.root;
    if (!existsSync(impl) || !statSync(impl).isDirectory()) {
      throw new WfError("E_USAGE_NOT_FOUND", `no implementation folder ${ctx.args.impl}`, {
        hint: "give the folder that holds the code and its tests",
      });
    }
    const { checkCompliance } = await import("../compliance.ts");
    const { testPatterns, exempt } = loaded.config.enforcement.tdd;
    const report = await checkCompliance(value, impl, { root: loaded.root, testPatterns, exempt });
    const { formatCompliance } = await import("../report.ts");
    const spec = shown(ctx, specPath);
    const { compliant, ...rest } = report;
    ctx.emit({ compliant, spec, impl: relative(loaded.root, impl) || ".", ...rest }, () =>
      formatCompliance(report, spec),
    );
    return report.compliant ? EXIT.ok : EXIT.check;
  },
});

const tasks = defineCommand({
  meta: {
    name: "tasks",
    description: "Print a spec's tasks as Markdown by role, ready to paste into a plan",
    details: "A spec without tasks gets one TDD task per functional requirement.\nJSON: {feature, markdown}",
  },
  args: { spec: { type: "positional", required: true, description: "Spec file or feature id" } },
  async run(ctx) {
    const specPath = await resolveSpec(ctx, ctx.args.spec);
    const { loadSpec } = await import("../validate.ts");
    const { value } = await loadSpec(specPath, { kind: "feature_spec", file: shown(ctx, specPath) });
    const { generateTasks } = await import("../tasks.ts");
    const markdown = generateTasks(value);
    ctx.emit({ feature: value.feature.id, markdown }, markdown.trimEnd());
  },
});

const schema = defineCommand({
  meta: {
    name: "schema",
    description: "Write the spec JSON Schemas (draft 2020-12), generated from the valibot schemas",
    details: [
      "With a kind: print that schema. Without: write feature_spec.json, api_contract.json, task_spec.json",
      "into --out (default specs.schemaPath).",
      "JSON: {dir, files:[names]}",
    ].join("\n"),
  },
  args: {
    kind: { type: "positional", choices: KINDS, description: `Print one schema: ${KINDS.join(", ")}` },
    out: { type: "string", description: "Folder to write into (default specs.schemaPath)", valueHint: "dir" },
  },
  async run(ctx) {
    const { specJsonSchema, specSchemaFiles } = await import("../json-schemas.ts");
    if (ctx.args.kind) {
      ctx.stdout.write(`${JSON.stringify(await specJsonSchema(ctx.args.kind as SpecKind), null, 2)}\n`);
      return;
    }
    const loaded = ctx.args.out ? undefined : await ctx.project();
    const dir = ctx.args.out ? resolve(ctx.cwd, ctx.args.out) : resolve(loaded!.root, loaded!.config.specs.schemaPath);
    const { atomicWrite } = await import("../../util/atomic-write.ts");
    const files = await specSchemaFiles();
    for (const [name, content] of Object.entries(files)) await atomicWrite(join(dir, name), content);
    ctx.emit(
      { dir: shown(ctx, dir), files: Object.keys(files) },
      `wrote ${Object.keys(files)
        .map((f) => join(shown(ctx, dir), f))
        .join(", ")}`,
    );
  },
});

const template = defineCommand({
  meta: {
    name: "template",
    description: "Print a commented spec template that validates as it stands",
    details: "JSON: {name, template}",
    examples: ["wf-task spec template feature_spec > spec.yaml"],
  },
  args: {
    name: {
      type: "positional",
      required: true,
      choices: ["feature_spec", "api_contract"],
      description: "feature_spec or api_contract",
    },
    out: {
      type: "string",
      description: "Write to this file (refuses to overwrite without --force)",
      valueHint: "file",
    },
    force: { type: "boolean", alias: "f", description: "Overwrite --out" },
  },
  async run(ctx) {
    const { TEMPLATES } = await import("../templates.ts");
    const name = ctx.args.name as keyof typeof TEMPLATES;
    const text = TEMPLATES[name];
    if (ctx.args.out) {
      const out = resolve(ctx.cwd, ctx.args.out);
      if (existsSync(out) && !ctx.args.force)
        throw new WfError("E_USAGE_EXISTS", `${ctx.args.out} exists`, { hint: "pass --force to overwrite it" });
      const { atomicWrite } = await import("../../util/atomic-write.ts");
      await atomicWrite(out, text);
      ctx.emit({ name, file: shown(ctx, out) }, `wrote ${shown(ctx, out)}`);
      return;
    }
    if (ctx.json) ctx.emit({ name, template: text }, "");
    else ctx.stdout.write(text);
  },
});

export default defineCommand({
  meta: { name: "spec", description: "Validate specs, check compliance, emit schemas, templates and tasks" },
  subCommands: { validate, check, tasks, schema, template },
});
