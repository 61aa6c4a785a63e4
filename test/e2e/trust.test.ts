import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gitRepo, json, runBuilt, runNode, writeFiles } from "../_support/index.ts";

const e2e = suite("wf-task trust (built CLI)");

e2e("classifies paths of a fresh repo with no config at all", () => {
  const repo = gitRepo();
  const r = runBuilt(
    ["trust", "assess", "--json", "src/Security/AuthService.php", "tests/Unit/UserTest.php", "src/User.ts"],
    { cwd: repo },
  );
  assert.is(r.code, 0, r.stderr);
  assert.equal(
    json(r).files.map((f: { level: string }) => f.level),
    ["low", "high", "medium"],
  );
});

e2e("answers Claude Code's PreToolUse hook on stdin: allow, ask, deny", () => {
  const repo = gitRepo();
  writeFiles(repo, { ".workflowrc.json": JSON.stringify({ trust: { forbidden: [".env*"] } }) });
  const decide = (file: string) => {
    const input = JSON.stringify({
      session_id: "s",
      transcript_path: "/tmp/x.jsonl",
      cwd: repo,
      hook_event_name: "PreToolUse",
      tool_name: "Write",
      tool_input: { file_path: `${repo}/${file}`, content: "" },
    });
    const r = runBuilt(["trust", "hook", "claude"], { cwd: repo, input });
    assert.is(r.code, 0, r.stderr);
    return JSON.parse(r.stdout).hookSpecificOutput.permissionDecision;
  };
  assert.equal([decide("docs/guide.md"), decide("src/billing.ts"), decide(".env")], ["allow", "ask", "deny"]);
});

e2e("batch reads NUL-separated paths from a pipe", () => {
  const repo = gitRepo();
  const r = runBuilt(["trust", "batch", "-z"], { cwd: repo, input: "a.md\0.env\0" });
  assert.is(r.stdout, "a.md\thigh\ttrue\tminimal\t*.md\0.env\tlow\tfalse\tpair_programming\t.env*\0");
});

e2e("a bad trust_model.yaml is exit 2 naming file, line and entry", () => {
  const repo = gitRepo();
  writeFiles(repo, {
    ".ai/workflow/trust_model.yaml":
      'version: "1.0"\ntrust_levels:\n  high:\n    contexts:\n      - pattern: "docs/[x"\n',
  });
  const r = runBuilt(["trust", "level", "docs/a.md"], { cwd: repo });
  assert.is(r.code, 2);
  assert.match(
    r.stderr,
    /\.ai\/workflow\/trust_model\.yaml:5 trust_levels\.high\.contexts\[0\]: bad pattern `docs\/\[x`/,
  );
});

e2e("scripts install writes trust_model.yaml, and trust_evaluator.mjs reads it", () => {
  const repo = gitRepo();
  writeFiles(repo, { ".workflowrc.yaml": 'trust:\n  levels:\n    low:\n      patterns: ["src/billing/**"]\n' });
  const install = runBuilt(["scripts", "install"], { cwd: repo });
  assert.is(install.code, 0, install.stderr);
  assert.match(readFileSync(join(repo, ".ai/workflow/trust_model.yaml"), "utf8"), /- pattern: src\/billing\/\*\*/);
  const script = join(repo, ".ai/workflow/enforcement/trust_evaluator.mjs");
  let r = runNode([script, "level", "src/billing/x.ts"], { cwd: repo });
  assert.equal([r.code, r.stdout.trim()], [0, "low"], r.stderr);
  rmSync(join(repo, ".workflowrc.yaml")); // the installed model alone carries the team's rule
  r = runNode([script, "level", "src/billing/x.ts"], { cwd: repo });
  assert.equal([r.code, r.stdout.trim()], [0, "low"], r.stderr);
});

e2e.run();
