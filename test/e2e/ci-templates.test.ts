import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { CLI, git, gitRepo, runBuilt, tempDir, writeFiles } from "../_support/index.ts";

const ci = suite("rendered GitHub Actions workflows run against the CLI");

/** The shell of every step that calls wf-task, with `npx --yes "$WF_TASK"` pointed at the built CLI. */
function wfSteps(repo: string, file: string): { name: string; run: string }[] {
  const workflow = parse(readFileSync(join(repo, ".github/workflows", file), "utf8"));
  const steps = Object.values<any>(workflow.jobs).flatMap((job) => job.steps ?? []);
  return steps
    .filter((s) => typeof s.run === "string" && s.run.includes('"$WF_TASK"'))
    .map((s) => ({ name: s.name, run: s.run.replaceAll('npx --yes "$WF_TASK"', `node ${JSON.stringify(CLI)}`) }));
}

function runStep(repo: string, step: { run: string }, env: Record<string, string>): { code: number; output: string } {
  const r = spawnSync("bash", ["-eo", "pipefail", "-c", step.run], {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

/** A repo with a feature spec, and a pull request branch that adds code with its test. */
function pullRequest(): { repo: string; base: string; head: string } {
  const repo = gitRepo({ "README.md": "# shop\n", ".gitignore": "trust.json\ntrust.md\n" });
  writeFiles(repo, { "answers.yaml": "name: Cart\ngoal: Shoppers collect products\nrequirements: [Add a product]\n" });
  assert.is(runBuilt(["interview", "cart", "--answers", "answers.yaml", "--quiet"], { cwd: repo }).code, 0);
  rmSync(join(repo, "answers.yaml"));
  assert.is(runBuilt(["ci", "render", "--quiet"], { cwd: repo }).code, 0);
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "spec and workflows");
  const base = git(repo, "rev-parse", "HEAD");
  git(repo, "checkout", "-q", "-b", "feature/cart");
  writeFiles(repo, { "test/cart.test.ts": "// @covers FR-101\nit('adds a product', () => {});\n" });
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "test first");
  writeFiles(repo, { "src/cart.ts": "// FR-101\nexport const add = () => 1;\n" });
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "then the code");
  return { repo, base, head: git(repo, "rev-parse", "HEAD") };
}

ci("every wf-task step of ai_review.yaml and spec_validation.yaml passes on a test-first pull request", () => {
  const { repo, base, head } = pullRequest();
  const env = { BASE_SHA: base, HEAD_SHA: head, GITHUB_STEP_SUMMARY: join(tempDir(), "summary.md") };
  const steps = [...wfSteps(repo, "ai_review.yaml"), ...wfSteps(repo, "spec_validation.yaml")];
  assert.ok(steps.length >= 5, steps.map((s) => s.name).join(", "));
  for (const step of steps) {
    const r = runStep(repo, step, env);
    assert.is(r.code, 0, `${step.name}:\n${r.output}`);
  }
  assert.match(readFileSync(join(repo, "trust.md"), "utf8"), /\| src\/cart\.ts \| medium \|/);
});

ci("the TDD steps fail (exit 1, not a usage error) on a pull request that deletes a test or puts code first", () => {
  const { repo, head } = pullRequest();
  git(repo, "rm", "-q", "test/cart.test.ts");
  writeFiles(repo, { "src/total.ts": "export const total = 0;\n" });
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "drop the test, add code without one");
  writeFiles(repo, { "test/total.test.ts": "it('totals', () => {});\n" });
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "test after");
  const env = {
    BASE_SHA: head,
    HEAD_SHA: git(repo, "rev-parse", "HEAD"),
    GITHUB_STEP_SUMMARY: join(tempDir(), "summary.md"),
  };
  const steps = wfSteps(repo, "ai_review.yaml");
  const order = runStep(
    repo,
    steps.find((s) => /before the code/.test(s.name))!,
    env,
  );
  assert.is(order.code, 1, order.output);
  assert.match(order.output, /src\/total\.ts: implementation first/);
  const deletions = runStep(
    repo,
    steps.find((s) => /deleted/.test(s.name))!,
    env,
  );
  assert.is(deletions.code, 1, deletions.output);
  assert.match(deletions.output, /test\/cart\.test\.ts was deleted/);
});

ci.run();
