import { symlinkSync as link, writeFileSync as write, mkdirSync as mkdir } from "node:fs";
import { join as pjoin } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { claudeHookDecision, hookSubject } from "../../lib/trust/hook-claude.ts";
import { configWith, defaultModel } from "./_models.ts";
import { loadTrustModel } from "../../lib/trust/load.ts";
import { tempDir } from "../_support/index.ts";

const model = await defaultModel();
const root = model.root;
const forbidding = await defaultModel({ forbidden: [".env*"] });
const noAuto = await defaultModel({ autoApprove: false });
const input = (tool_name: string, tool_input: Record<string, unknown>, cwd = root) => ({
  session_id: "s1",
  transcript_path: "/tmp/t.jsonl",
  cwd,
  hook_event_name: "PreToolUse",
  tool_name,
  tool_input,
});
const decide = async (m: typeof model, i: unknown) => (await claudeHookDecision(m, i))?.hookSpecificOutput;

// ---
const decisions = suite("claudeHookDecision");

decisions("allows a write to a high-trust path", async () => {
  const out = (await decide(model, input("Write", { file_path: `${root}/tests/user.test.ts`, content: "x" })))!;
  assert.is(out.hookEventName, "PreToolUse");
  assert.is(out.permissionDecision, "allow");
  assert.match(out.permissionDecisionReason, /tests\/user\.test\.ts is high trust/);
});

decisions("asks, with the reason, for medium and low paths", async () => {
  const medium = (await decide(
    model,
    input("Edit", { file_path: `${root}/src/User.ts`, old_string: "a", new_string: "b" }),
  ))!;
  assert.is(medium.permissionDecision, "ask");
  assert.match(medium.permissionDecisionReason, /src\/User\.ts is medium trust .*code_review_required/);
  const low = (await decide(model, input("Write", { file_path: `${root}/src/Security/AuthService.php` })))!;
  assert.is(low.permissionDecision, "ask");
  assert.match(low.permissionDecisionReason, /low trust \(security-sensitive path \(\*security\*\)\)/);
});

decisions("denies a path the config marks forbidden", async () => {
  const out = (await decide(
    forbidding,
    input("Write", { file_path: `${forbidding.root}/config/.env.local` }, forbidding.root),
  ))!;
  assert.is(out.permissionDecision, "deny");
  assert.match(out.permissionDecisionReason, /forbidden/);
});

decisions("autoApprove: false turns allow into ask", async () => {
  const out = (await decide(noAuto, input("Write", { file_path: `${noAuto.root}/docs/a.md` }, noAuto.root)))!;
  assert.is(out.permissionDecision, "ask");
  assert.match(out.permissionDecisionReason, /auto-approval is off/);
});

decisions("reads notebook_path and MultiEdit's edits; the strictest path decides", async () => {
  assert.is(
    (await decide(model, input("NotebookEdit", { notebook_path: `${root}/docs/demo.ipynb`, new_source: "" })))!
      .permissionDecision,
    "allow",
  );
  const multi = (await decide(
    model,
    input("MultiEdit", {
      file_path: `${root}/tests/a.test.ts`,
      edits: [{ file_path: `${root}/src/auth/x.ts`, old_string: "", new_string: "" }],
    }),
  ))!;
  assert.is(multi.permissionDecision, "ask");
  assert.match(multi.permissionDecisionReason, /src\/auth\/x\.ts/);
});

decisions("asks for a path outside the project", async () => {
  const out = (await decide(model, input("Write", { file_path: "/etc/hosts" })))!;
  assert.is(out.permissionDecision, "ask");
  assert.match(out.permissionDecisionReason, /outside the project/);
});

decisions("resolves a relative path against the input's cwd", async () => {
  assert.is(
    (await decide(model, input("Write", { file_path: "user.test.ts" }, `${root}/tests`)))!.permissionDecision,
    "allow",
  );
});

decisions("asks, never crashes, on malformed input", async () => {
  for (const bad of [
    null,
    42,
    [],
    {},
    { tool_name: "Write", tool_input: "nope" },
    { tool_name: "Write", tool_input: { file_path: 7 } },
  ]) {
    const out = (await decide(model, bad))!;
    assert.is(out.permissionDecision, "ask", JSON.stringify(bad));
    assert.match(out.permissionDecisionReason, /could not read the hook input/);
  }
});

decisions("has no opinion on reads, read-only Bash, tools without a path and other events", async () => {
  assert.is(await decide(model, input("Read", { file_path: `${root}/.env` })), undefined);
  assert.is(await decide(model, input("Bash", { command: "ls -la src" })), undefined);
  assert.is(
    await decide(model, { ...input("Write", { file_path: `${root}/a.ts` }), hook_event_name: "PostToolUse" }),
    undefined,
  );
});

// ---
const subject = suite("hookSubject");

subject("collects the paths a tool call writes, once each", async () => {
  assert.equal(
    hookSubject(input("MultiEdit", { file_path: "/p/a.ts", edits: [{ file_path: "/p/a.ts" }, { old_string: "x" }] })),
    {
      paths: ["/p/a.ts"],
      cwd: root,
      tool: "MultiEdit",
      toolInput: { file_path: "/p/a.ts", edits: [{ file_path: "/p/a.ts" }, { old_string: "x" }] },
    },
  );
});

decisions.run();
subject.run();

// --- The real target (symlinks) and the guarded files, for edit tools.

const guarded = suite("edit tools: real targets and guarded files");
// Set up in `before`, not with a top-level await between suites: uvu may start the queued suites while the module
// is still being evaluated, and run a suite twice.
let g: typeof model;
guarded.before(async () => {
  g = await defaultModel({ forbidden: [".env*"] });
  mkdir(pjoin(g.root, ".claude"), { recursive: true });
  mkdir(pjoin(g.root, ".git/hooks"), { recursive: true });
  write(pjoin(g.root, ".env"), "A=1\n");
  write(
    pjoin(g.root, ".claude/settings.json"),
    JSON.stringify({ permissions: { allow: [] }, hooks: { PreToolUse: [{ matcher: "Bash" }] } }, null, 2),
  );
  link(".env", pjoin(g.root, "NOTES.md"));
});
const gi = (tool: string, ti: Record<string, unknown>) => input(tool, ti, g.root);

guarded("a write through a link named NOTES.md to .env is denied", async () => {
  const out = (await decide(g, gi("Write", { file_path: pjoin(g.root, "NOTES.md"), content: "x" })))!;
  assert.is(out.permissionDecision, "deny");
  assert.match(out.permissionDecisionReason, /NOTES\.md through a link to \.env is forbidden/);
});

guarded(
  "a write through a link into .github/workflows asks as low; through a link out of the project asks as outside",
  async () => {
    mkdir(pjoin(g.root, ".github/workflows"), { recursive: true });
    const away = tempDir("wf-away-");
    link(".github/workflows", pjoin(g.root, "wf"));
    link(away, pjoin(g.root, "away"));
    const ci = (await decide(g, gi("Write", { file_path: pjoin(g.root, "wf/ci.yml"), content: "x" })))!;
    assert.is(ci.permissionDecision, "ask");
    assert.match(
      ci.permissionDecisionReason,
      /wf\/ci\.yml through a link to \.github\/workflows\/ci\.yml is low trust/,
    );
    const out = (await decide(
      g,
      gi("Edit", { file_path: pjoin(g.root, "away/notes.txt"), old_string: "a", new_string: "b" }),
    ))!;
    assert.is(out.permissionDecision, "ask");
    assert.match(out.permissionDecisionReason, /leads through a link to .*outside the project/);
  },
);

guarded(
  "a project reached through a link: a write named by the other path of the same file is judged as that file",
  async () => {
    const real = tempDir("wf-real-");
    const named = pjoin(tempDir("wf-named-"), "project");
    link(real, named);
    for (const [root, other] of [
      [named, real],
      [real, named],
    ] as const) {
      const m = await loadTrustModel({ root, config: configWith() });
      const test = (await decide(
        m,
        input("Write", { file_path: pjoin(other, "tests/user.test.ts"), content: "x" }, root),
      ))!;
      assert.is(test.permissionDecision, "allow", test.permissionDecisionReason);
      assert.match(test.permissionDecisionReason, /tests\/user\.test\.ts is high trust/);
      const env = (await decide(m, input("Write", { file_path: pjoin(other, ".env"), content: "x" }, root)))!;
      assert.is(env.permissionDecision, "ask");
      assert.match(env.permissionDecisionReason, /\.env is low trust/);
      const away = (await decide(m, input("Write", { file_path: pjoin(tempDir("wf-away-"), "x.test.ts") }, root)))!;
      assert.match(away.permissionDecisionReason, /outside the project/);
    }
  },
);

guarded("an edit of .git/hooks is denied with the honest way", async () => {
  const out = (await decide(g, gi("Write", { file_path: pjoin(g.root, ".git/hooks/pre-commit"), content: "exit 0" })))!;
  assert.is(out.permissionDecision, "deny");
  assert.match(out.permissionDecisionReason, /\.git\/hooks.*WF_TDD_BYPASS/);
});

guarded(
  "an edit of .claude/settings.json that changes its hooks is denied; one that leaves them is judged as usual",
  async () => {
    const file = pjoin(g.root, ".claude/settings.json");
    const drop = (await decide(
      g,
      gi("Edit", { file_path: file, old_string: '"matcher": "Bash"', new_string: '"matcher": "Nothing"' }),
    ))!;
    assert.is(drop.permissionDecision, "deny");
    assert.match(drop.permissionDecisionReason, /changes the hooks/);
    const perms = (await decide(
      g,
      gi("Edit", { file_path: file, old_string: '"allow": []', new_string: '"allow": ["Bash(ls)"]' }),
    ))!;
    assert.is(perms.permissionDecision, "ask");
    assert.match(perms.permissionDecisionReason, /settings\.json is medium/);
    const rewrite = (await decide(g, gi("Write", { file_path: file, content: "{}" })))!;
    assert.is(rewrite.permissionDecision, "deny");
  },
);

guarded.run();
