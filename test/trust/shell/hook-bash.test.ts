// The PreToolUse hook on Bash commands, table-driven: every construct the hook reads, benign
// commands that stay free, commands the parser cannot read, symlinks and bypasses. Each row is
// decided in-process and, all at once, by the built hook binary reading Claude Code's payloads.
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { loadTrustModel } from "../../../lib/trust/load.ts";
import { claudeHookDecision } from "../../../lib/trust/hook-claude.ts";
import { git, gitRepo, runBuilt, tempDir, writeFiles } from "../../_support/index.ts";
import { configWith } from "../_models.ts";

const root = gitRepo({
  "README.md": "# demo\n",
  "src/a.ts": "export const a = 1;\n",
  "src/auth/login.ts": "export {};\n",
  "tests/a.test.ts": "test\n",
  "docs/guide.md": "# guide\n",
  ".env": "A=1\n",
  ".github/workflows/ci.yml": "on: push\n",
  ".husky/pre-commit": "npx wf-task precommit\n",
  ".claude/settings.json": "{}\n",
  ".workflowrc.json": JSON.stringify({ trust: { forbidden: [".env*", "secrets/"] } }),
});
const outside = tempDir("wf-outside-");
const home = tempDir("wf-home-");
symlinkSync(".env", join(root, "NOTES.md"));
symlinkSync(".github/workflows", join(root, "wf"));
symlinkSync(outside, join(root, "out"));
mkdirSync(join(root, "build"));
writeFiles(root, { "build/app.js": "x\n" });
const model = await loadTrustModel({ root, config: configWith({ forbidden: [".env*", "secrets/"] }) });

type Want = "deny" | "ask" | null;
/** [command, decision (null: no answer, Claude Code decides), reason pattern] */
const ROWS: [string, Want, RegExp?][] = [
  // Redirects and here-documents.
  ["echo hi > .env", "deny", /\.env is forbidden .*redirect >/],
  ["echo hi >> docs/notes.md", null],
  ["ls &> build.log", "ask", /build\.log is medium/],
  ["exec 3<> src/data.txt", "ask", /src\/data\.txt is medium .*redirect <>/],
  ["cat <<EOF > src/auth/notes.txt\nhello\nEOF", "ask", /src\/auth\/notes\.txt is low/],
  ["cat <<'EOF' > .env.local\nA=1 'unbalanced\nEOF", "deny", /\.env\.local is forbidden/],
  ["echo x >| src/a.ts", "ask", /src\/a\.ts is medium .*redirect >\|/],
  ["npm test > /dev/null 2>&1", null],
  ["echo x > /tmp/wf-elsewhere.txt", "ask", /outside the project/],
  // Destinations of cp, mv, install, ln, rsync.
  ["cp /tmp/x src/payment/charge.ts", "ask", /src\/payment\/charge\.ts is low .*cp destination/],
  ["cp a.txt tests/", null],
  ["mv src/a.ts src/auth/", "ask", /src\/auth\/a\.ts is low/],
  ["mv tests/a.test.ts .env.bak", "deny", /\.env\.bak is forbidden/],
  ["install -m 644 x .github/workflows/ci.yml", "ask", /\.github\/workflows\/ci\.yml is low/],
  ["ln -sf x .env", "deny", /\.env is forbidden .*ln destination/],
  ["rsync -a build/ deploy/", "ask", /deploy\/\* is low/],
  ["rsync -a x host:/srv", "ask", /on another machine/],
  // Operands of rm, rmdir, truncate, shred, chmod, chown, touch.
  ["rm -rf src/auth", "ask", /src\/auth(\/login\.ts)? is low .*rm operand/],
  ["rmdir docs/old", null],
  ["truncate -s 0 .env", "deny", /truncate operand/],
  ["shred -u secrets/key.txt", "deny", /secrets\/key\.txt is forbidden/],
  ["chmod 600 .env", "deny", /chmod operand/],
  ["chown root src/a.ts", "ask", /src\/a\.ts is medium .*chown operand/],
  ["touch tests/new.test.ts", null],
  // In-place editors, tee, dd, tar, git.
  ["sed -i 's/a/b/' src/auth/login.ts", "ask", /src\/auth\/login\.ts is low .*sed -i file/],
  ["sed 's/a/b/' src/auth/login.ts", null],
  ["sed -i.bak -e 's/a/b/' .env", "deny", /sed -i file/],
  ["perl -pi -e 's/a/b/' .env", "deny", /perl -i file/],
  ["perl -ne 'print' .env", null],
  ["echo x | tee -a .env", "deny", /tee file/],
  ["dd if=/dev/zero of=.env bs=1 count=1", "deny", /dd of=/],
  ["tar -xzf a.tgz -C src/auth", "ask", /src\/auth is low .*tar -x into/],
  ["tar xf a.tar -C .github/workflows", "ask", /\.github\/workflows\/ci\.yml is low .*tar -x into/],
  ["git checkout -- src/auth/login.ts", "ask", /git checkout path/],
  ["git restore .env", "deny", /git restore path/],
  ["git rm -r src/payment", "ask", /src\/payment is low .*git rm path/],
  ["git rm --cached .env", null],
  // Through wrappers, lists, groups, subshells, pipelines and substitutions.
  ["bash -c 'cat x > .env.local'", "deny", /\.env\.local is forbidden/],
  ['sh -c "rm -rf src/auth"', "ask", /src\/auth is low/],
  ["env FOO=1 cp x .env", "deny", /cp destination/],
  ["sudo -u root tee .env < x", "deny", /tee file/],
  ["nice -n 10 rm .env", "deny", /rm operand/],
  ["timeout 5 cp x .env", "deny", /cp destination/],
  ["find . -name '*.log' | xargs rm", "ask", /comes from the command's input/],
  ['eval "echo x > .env"', "deny", /redirect >/],
  ["find src/auth -name '*.ts' -exec rm {} +", "ask", /src\/auth\/\* is low/],
  ["find secrets -delete", "deny", /find -delete/],
  ["(cd src && rm -rf auth)", "ask", /src\/auth is low/],
  ["{ echo a; echo b; } > .env", "deny", /\.env is forbidden/],
  ["cat x | tee src/auth/a.ts | wc -l", "ask", /src\/auth\/a\.ts is low/],
  ["make build && cp out.txt .env || true", "deny", /cp destination/],
  ["cd src && mv a.ts ../.env", "deny", /\.env is forbidden/],
  ["cd docs && echo x > notes.txt", null],
  ["cd src/auth; echo x > notes.txt", "ask", /src\/auth\/notes\.txt is low/],
  ["pushd src/auth && popd && echo x > docs/n.md", null],
  ["pushd src/auth && echo x > n.txt", "ask", /src\/auth\/n\.txt/],
  ["echo x > ~/notes.txt", "ask", /outside the project/],
  ["echo x > $HOME/.bashrc", "ask", /outside the project/],
  ['echo x > "$PWD/.env"', "deny", /\.env is forbidden/],
  [`cp x ${root}/.env`, "deny", /\.env is forbidden/],
  ["rm -rf $TARGET", "ask", /depends on \$TARGET/],
  ["$CMD -rf src", "ask", /command name/],
  ["echo $(rm -rf src/auth)", "ask", /src\/auth is low/],
  ["for f in a b; do sed -i 's/x/y/' src/auth/$f.ts; done", "ask", /depends on \$f/],
  ["if true; then rm .env; fi", "deny", /rm operand/],
  ["f() { rm .env; }; f", "deny", /rm operand/],
  ["while read l; do echo $l; done < in.txt > src/out.txt", "ask", /src\/out\.txt is medium/],
  // Benign commands stay free.
  ["ls -la", null],
  ["git status", null],
  ["npm test", null],
  ["cat .env", null],
  ["grep -r TODO src", null],
  ["git log --oneline -5 > /dev/null", null],
  ['echo "done" >&2', null],
  ["git diff HEAD~1 | head -20", null],
  ['git commit -m "handle --no-verify in the parser"', null],
  ['git commit -am "fix the -n flag"', null],
  ["git config --get core.hooksPath", null],
  ["git push origin main", null],
  ["git checkout main", null],
  ["npx tsc --noEmit && npm run build", null],
  // Commands the parser cannot read: asked, with the reason.
  ["echo 'unterminated", "ask", /could not read the command/],
  ["cat <<EOF > x\nno end", "ask", /here-document `EOF` is not closed/],
  ["arr=(1 2 3); echo ${arr[@]} > x", "ask", /could not read the command/],
  ["cat <<< hi > f", "ask", /could not read the command/],
  // The real target: symlinks followed.
  ["echo x >> NOTES.md", "deny", /NOTES\.md through a link to \.env is forbidden/],
  ["cp ci.yml wf/ci.yml", "ask", /through a link to \.github\/workflows\/ci\.yml is low/],
  ["echo x > out/file", "ask", /outside the project/],
  // Bypasses.
  ["git commit --no-verify -m x", "deny", /skips the git hooks.*WF_TDD_BYPASS/],
  ["git commit -nm x", "deny", /git commit -n/],
  ["git commit -m x -n", "deny", /git commit -n/],
  ["git commit --no-verif -m x", "deny", /--no-verif/],
  ["git push --no-verify", "deny", /git push --no-verify/],
  ["git merge --no-verify feature", "deny", /git merge/],
  ["git rebase --no-verify main", "deny", /git rebase/],
  ["git am --no-verify < p.patch", "deny", /git am/],
  ["HUSKY=0 git commit -m x", "deny", /HUSKY=0.*turns the git hooks off/],
  ["export HUSKY=0", "deny", /HUSKY=0/],
  ["env HUSKY=0 git commit -m x", "deny", /HUSKY=0/],
  ["git -c core.hooksPath=/dev/null commit -m x", "deny", /core\.hooksPath/],
  ["git config core.hooksPath /tmp/none", "deny", /core\.hooksPath/],
  ["git config --unset core.hooksPath", "deny", /core\.hooksPath/],
  ["rm .git/hooks/pre-commit", "deny", /under \.git\/hooks/],
  [`rm ${outside}/main/.git/hooks/pre-commit`, "deny", /under \.git\/hooks/],
  ["ln -sf /dev/null .git/hooks/pre-commit", "deny", /under \.git\/hooks/],
  ["echo '{}' > .git/wf-task/test-runs.json", "deny", /under \.git\/wf-task/],
  ["cp x.json node_modules/.cache/wf-task/resolved-1.json", "deny", /under node_modules\/\.cache\/wf-task/],
  ["chmod -x .husky/pre-commit", "deny", /under \.husky/],
  ["echo '{}' > .claude/settings.json", "deny", /under \.claude\/settings/],
  ['bash -c "git commit --no-verify -m x"', "deny", /--no-verify/],
  ["WF_TDD_BYPASS='flaky ci' git commit -m x", "ask", /WF_TDD_BYPASS/],
];

const payload = (command: string) => ({
  session_id: "s1",
  transcript_path: "/tmp/t.jsonl",
  cwd: root,
  hook_event_name: "PreToolUse",
  tool_name: "Bash",
  tool_input: { command },
});

const table = suite("the hook on Bash commands");

table(`decides ${ROWS.length} commands as expected (in-process)`, async () => {
  assert.ok(ROWS.length >= 60);
  const wrong: string[] = [];
  for (const [command, want, reason] of ROWS) {
    const out = (await claudeHookDecision(model, payload(command), { home }))?.hookSpecificOutput;
    const got = out?.permissionDecision ?? null;
    if (got !== want || (reason && !reason.test(out?.permissionDecisionReason ?? "")))
      wrong.push(
        `${JSON.stringify(command)}: want ${want} ${reason ?? ""}, got ${got} (${out?.permissionDecisionReason ?? "no answer"})`,
      );
  }
  assert.is(wrong.join("\n"), "");
});

table("the built hook binary gives the same answers on Claude Code's payloads", () => {
  const input = ROWS.map(([command]) => JSON.stringify(payload(command))).join("\n");
  const r = runBuilt(["trust", "hook", "claude", "--lines"], { cwd: root, input, env: { HOME: home } });
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  assert.is(lines.length, ROWS.length);
  const wrong: string[] = [];
  lines.forEach((line, i) => {
    const [command, want, reason] = ROWS[i]!;
    const out = JSON.parse(line).hookSpecificOutput;
    if (out) assert.is(out.hookEventName, "PreToolUse");
    const got = out?.permissionDecision ?? null;
    if (got !== want || (reason && !reason.test(out?.permissionDecisionReason ?? "")))
      wrong.push(
        `${JSON.stringify(command)}: want ${want}, got ${got} (${out?.permissionDecisionReason ?? "no answer"})`,
      );
  });
  assert.is(wrong.join("\n"), "");
});

table("one payload on stdin, as Claude Code sends it, gets one answer; a read-only command none", () => {
  const deny = runBuilt(["trust", "hook", "claude"], {
    cwd: root,
    input: JSON.stringify(payload("bash -c 'cat x > .env.local'")),
    env: { HOME: home },
  });
  assert.is(deny.code, 0);
  assert.equal(JSON.parse(deny.stdout).hookSpecificOutput.permissionDecision, "deny");
  const free = runBuilt(["trust", "hook", "claude"], {
    cwd: root,
    input: JSON.stringify(payload("git status")),
    env: { HOME: home },
  });
  assert.is(free.code, 0);
  assert.is(free.stdout, "");
});

table(
  "a git command that changes another checkout (another agent's worktree, a sibling clone) asks; in the project's own it is free",
  async () => {
    const main = gitRepo({ "README.md": "# app\n", "src/a.ts": "1\n" });
    const agent = join(main, ".worktrees/api");
    const other = join(main, ".worktrees/qa");
    for (const [role, path] of [
      ["api", agent],
      ["qa", other],
    ])
      git(main, "worktree", "add", "-q", "-b", role!, path!);
    const sibling = gitRepo({ "README.md": "# other\n" });
    const rows: [string, string, Want][] = [
      [agent, "cd ../qa && git commit -am x", "ask"],
      [agent, `git -C ${other} rebase main`, "ask"],
      [agent, "cd ../qa; git stash", "ask"],
      [main, "cd .worktrees/qa && git reset --soft HEAD~1", "ask"],
      [agent, `cd ${sibling} && git pull`, "ask"],
      [agent, "git commit -am x", null],
      [agent, "cd src 2>/dev/null; git commit -m x", null],
      [main, "git switch -c next", null],
      [agent, "git -C ../qa log --oneline", null],
      [agent, "cd ../qa && git stash list", null],
      [agent, "git -C ../qa status", null],
    ];
    const wrong: string[] = [];
    for (const [cwd, command, want] of rows) {
      const m = await loadTrustModel({ root: cwd, config: configWith() });
      const input = { ...payload(command), cwd };
      const out = (await claudeHookDecision(m, input, { home }))?.hookSpecificOutput;
      const got = out?.permissionDecision ?? null;
      if (got !== want || (want && !/another checkout than the project's/.test(out!.permissionDecisionReason)))
        wrong.push(
          `${cwd} ${JSON.stringify(command)}: want ${want}, got ${got} (${out?.permissionDecisionReason ?? "no answer"})`,
        );
    }
    assert.is(wrong.join("\n"), "");
    // the built hook, as Claude Code runs it in the agent's worktree
    const r = runBuilt(["trust", "hook", "claude"], {
      cwd: agent,
      input: JSON.stringify({ ...payload("cd ../qa && git commit -am x"), cwd: agent }),
      env: { HOME: home, CLAUDE_PROJECT_DIR: agent },
    });
    assert.is(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision, "ask", r.stdout + r.stderr);
  },
);

table.run();
