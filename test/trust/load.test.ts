import { suite } from "uvu";
import * as assert from "uvu/assert";
import { loadConfig } from "../../lib/config/load.ts";
import { isWfError, type WfError } from "../../lib/core/errors.ts";
import { evaluateTask, getLevel } from "../../lib/trust/evaluate.ts";
import { loadTrustModel } from "../../lib/trust/load.ts";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gitRepo, tempDir, writeFiles } from "../_support/index.ts";
import { SEED_YAML, configWith, modelIn } from "./_models.ts";

const MODEL = ".ai/workflow/trust_model.yaml";

async function loadError(yaml: string): Promise<WfError> {
  try {
    await modelIn({ [MODEL]: yaml });
  } catch (e) {
    if (isWfError(e)) return e;
    throw e;
  }
  throw new Error("expected the model to be rejected");
}

// ---
const file = suite("trust_model.yaml");

file("the seed's file loads as is, with pattern and task_type contexts and escalation", async () => {
  const { model } = await modelIn({ [MODEL]: SEED_YAML });
  assert.is(model.base.kind, "file");
  assert.is(model.version, "1.0");
  assert.is(model.levels.low.escalation, true);
  assert.is(model.levels.medium.supervision, "code_review_required");
  assert.is(model.rules.filter((r) => r.kind === "pattern").length, 14);
  assert.is(model.rules.filter((r) => r.kind === "task_type").length, 11);
});

file("when present, it replaces the built-in default as the base", async () => {
  const { model } = await modelIn({ [MODEL]: SEED_YAML });
  assert.is(getLevel(model, "infra/main.tf"), "medium", "the built-in infrastructure patterns are gone");
  assert.is(evaluateTask(model, "cryptography").warning !== undefined, true);
});

file("each rule names the file and line it came from", async () => {
  const { model } = await modelIn({ [MODEL]: SEED_YAML });
  const rule = model.rules.find((r) => r.value === "*.test.ts")!;
  assert.is(rule.source, `${MODEL}:9 trust_levels.high.contexts[0]`);
});

file("reasons in the file are kept", async () => {
  const { model } = await modelIn({
    [MODEL]: 'trust_levels:\n  low:\n    contexts:\n      - pattern: "vendor/**"\n        reason: third-party code\n',
  });
  assert.is(model.rules[0]!.reason, "third-party code");
  assert.is(getLevel(model, "vendor/x.js"), "low");
});

file("the config's trust section adds to the file's model", async () => {
  const { model } = await modelIn(
    { [MODEL]: SEED_YAML },
    { levels: { low: { patterns: ["src/billing/**"] } }, remove: ["README.md"] },
  );
  assert.is(getLevel(model, "src/billing/invoice.ts"), "low");
  assert.is(getLevel(model, "README.md"), "medium");
});

file("replaceDefaults ignores the file too", async () => {
  const { model } = await modelIn({ [MODEL]: SEED_YAML }, { replaceDefaults: true });
  assert.is(model.base.kind, "none");
  assert.is(model.rules.length, 0);
});

file("trust.modelFile points at another file", async () => {
  const { model } = await modelIn({ "policy/trust.yaml": SEED_YAML }, { modelFile: "policy/trust.yaml" });
  assert.is(model.base.path!.endsWith("policy/trust.yaml"), true);
});

file(
  "a trust_model.yaml read once is served from a cache keyed by its text (every hook run skips the YAML parse)",
  async () => {
    const root = gitRepo({ [MODEL]: SEED_YAML });
    const first = await loadTrustModel({ root, config: configWith() });
    const cacheDir = join(root, ".git/wf-task");
    const cached = readdirSync(cacheDir).filter((f) => f.startsWith("trust-model-"));
    assert.is(cached.length, 1, "one cache file, in git's common folder");
    // what the next load returns comes from that file: a mark put there shows
    const path = join(cacheDir, cached[0]!);
    const raw = JSON.parse(readFileSync(path, "utf8"));
    raw.version = "from-the-cache";
    writeFileSync(path, JSON.stringify(raw));
    assert.is((await loadTrustModel({ root, config: configWith() })).version, "from-the-cache");
    // an edit of the file is a new key: read again, and its rules are what the file says
    writeFiles(root, { [MODEL]: SEED_YAML.replace('version: "1.0"', 'version: "1.1"') });
    const edited = await loadTrustModel({ root, config: configWith() });
    assert.is(edited.version, "1.1");
    assert.equal(
      edited.rules.map((r) => r.source),
      first.rules.map((r) => r.source),
    );
    // a cache file that does not parse is passed over
    for (const f of readdirSync(cacheDir)) if (f.startsWith("trust-model-")) writeFileSync(join(cacheDir, f), "{");
    assert.is((await loadTrustModel({ root, config: configWith() })).version, "1.1");
    // a bad model is never cached: it is reported at every run
    writeFiles(root, { [MODEL]: "trust_levels:\n  hihg: {}\n" });
    for (let i = 0; i < 2; i++)
      await loadTrustModel({ root, config: configWith() }).then(
        () => assert.unreachable("a bad model loads"),
        (e) => assert.is(e.code, "E_TRUST_MODEL"),
      );
  },
);

file("a config file's entries are named by the config file", async () => {
  const root = tempDir();
  writeFiles(root, {
    ".workflowrc.json": JSON.stringify({ trust: { levels: { low: { patterns: ["src/billing/**"] } } } }),
  });
  const model = await loadTrustModel(await loadConfig({ cwd: root, env: {} }));
  assert.is(
    model.rules.find((r) => r.value === "src/billing/**")!.source,
    ".workflowrc.json trust.levels.low.patterns[0]",
  );
});

// ---
const bad = suite("a bad trust_model.yaml");

bad("an unknown level name: exit 2 naming file, line and entry, with a did-you-mean", async () => {
  const e = await loadError('version: "1.0"\ntrust_levels:\n  hihg:\n    contexts: []\n');
  assert.is(e.code, "E_TRUST_MODEL");
  assert.is(e.exitCode, 2);
  assert.is(e.where, `${MODEL}:3:3`);
  assert.match(e.message, /trust_levels\.hihg: unknown trust level `hihg`.*did you mean `high`/);
});

bad("a context with neither pattern nor task_type names file:line and entry", async () => {
  const e = await loadError(
    "trust_levels:\n  high:\n    contexts:\n      - pattern: docs/**\n      - reason: no pattern here\n",
  );
  assert.is(e.exitCode, 2);
  assert.match(e.where!, new RegExp(`^${MODEL.replace(/\./g, "\\.")}:5 trust_levels\\.high\\.contexts\\[1\\]$`));
  assert.match(e.message, /got neither/);
});

bad("a bad glob names file:line and entry", async () => {
  const e = await loadError('trust_levels:\n  low:\n    contexts:\n      - pattern: "src/{auth"\n');
  assert.is(e.where, `${MODEL}:4 trust_levels.low.contexts[0]`);
  assert.match(e.message, /bad pattern `src\/\{auth`: unclosed `\{`/);
});

bad("an unknown key in a context is named", async () => {
  const e = await loadError('trust_levels:\n  low:\n    contexts:\n      - patern: "*.key"\n');
  assert.is(e.where, `${MODEL}:4:9`);
  assert.match(e.message, /trust_levels\.low\.contexts\[0\]\.patern: unknown key `patern`/);
});

bad("a wrong supervision value says what was expected", async () => {
  const e = await loadError("trust_levels:\n  low:\n    supervision: sometimes\n");
  assert.is(e.where, `${MODEL}:3:18`);
  assert.match(e.message, /trust_levels\.low\.supervision: expected .*pair_programming/);
});

bad("a YAML syntax error names line and column", async () => {
  const e = await loadError("trust_levels:\n  low: [unclosed\n");
  assert.is(e.code, "E_TRUST_MODEL");
  assert.match(e.where!, new RegExp(`^${MODEL.replace(/\./g, "\\.")}:\\d+:\\d+$`));
});

file.run();
bad.run();
