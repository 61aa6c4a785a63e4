import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, writeFileSync, mkdirSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { tempDir, writeFiles } from "../_support/index.ts";
import { shimText } from "../../lib/migrate/shim.ts";
import { installClaudeHooks, listClaudeHooks, EDIT_TOOLS_MATCHER } from "../../lib/integrations/claude-settings.ts";

const hooks = suite("installClaudeHooks");
const read = (dir: string) => JSON.parse(readFileSync(join(dir, ".claude/settings.json"), "utf8"));
const commands = (groups: any[] = []) => groups.flatMap((g) => g.hooks.map((h: any) => h.command));

hooks("creates .claude/settings.json with a SessionStart and a PreToolUse hook", async () => {
  const dir = tempDir();
  const r = await installClaudeHooks({ root: dir });
  assert.ok(r.changed);
  const s = read(dir);
  assert.equal(commands(s.hooks.SessionStart), ['"$CLAUDE_PROJECT_DIR"/.claude/hooks/wf-task resume --hook claude']);
  assert.is(s.hooks.PreToolUse[0].matcher, EDIT_TOOLS_MATCHER);
  assert.equal(commands(s.hooks.PreToolUse), ['"$CLAUDE_PROJECT_DIR"/.claude/hooks/wf-task trust hook claude']);
  assert.equal(commands(s.hooks.PreCompact), [
    '"$CLAUDE_PROJECT_DIR"/.claude/hooks/wf-task resume --hook claude-precompact',
  ]);
  assert.is(s.hooks.Stop, undefined);
  assert.is(r.added.length, 3);
});

hooks("installing twice gives one entry each and keeps unrelated settings and hooks", async () => {
  const dir = tempDir();
  const mine = {
    model: "opus",
    permissions: { allow: ["Bash(npm test:*)"] },
    hooks: {
      PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "./audit-bash.sh" }] }],
      PostToolUse: [{ matcher: "Write", hooks: [{ type: "command", command: "prettier --write" }] }],
    },
  };
  writeFiles(dir, { ".claude/settings.json": JSON.stringify(mine, null, 2) });
  await installClaudeHooks({ root: dir, stop: true });
  const second = await installClaudeHooks({ root: dir, stop: true });
  assert.not.ok(second.changed);
  assert.equal(second.added, []);
  const s = read(dir);
  assert.is(s.model, "opus");
  assert.equal(s.permissions, mine.permissions);
  assert.equal(s.hooks.PostToolUse, mine.hooks.PostToolUse);
  assert.equal(commands(s.hooks.PreToolUse), [
    "./audit-bash.sh",
    '"$CLAUDE_PROJECT_DIR"/.claude/hooks/wf-task trust hook claude',
  ]);
  assert.is(commands(s.hooks.SessionStart).length, 1);
  assert.is(commands(s.hooks.Stop).length, 1);
  assert.match(commands(s.hooks.Stop)[0], /compound track/);
});

hooks("calls wf-task through the launcher in .claude/hooks, written executable, removed on uninstall", async () => {
  const dir = tempDir();
  await installClaudeHooks({ root: dir });
  assert.equal(commands(read(dir).hooks.SessionStart), [
    '"$CLAUDE_PROJECT_DIR"/.claude/hooks/wf-task resume --hook claude',
  ]);
  const launcher = join(dir, ".claude/hooks/wf-task");
  assert.ok(statSync(launcher).mode & 0o100, "executable");
  assert.match(readFileSync(launcher, "utf8"), "--git-common-dir");
  await installClaudeHooks({ root: dir, uninstall: true });
  assert.not.ok(existsSync(launcher));
});

hooks("replaces an older wf-task hook instead of adding a second one", async () => {
  const dir = tempDir();
  writeFiles(dir, {
    ".claude/settings.json": JSON.stringify({
      hooks: { SessionStart: [{ hooks: [{ type: "command", command: "wf-task resume --hook claude" }] }] },
    }),
  });
  const r = await installClaudeHooks({ root: dir });
  assert.equal(commands(read(dir).hooks.SessionStart), [
    '"$CLAUDE_PROJECT_DIR"/.claude/hooks/wf-task resume --hook claude',
  ]);
  assert.ok(r.changed);
});

hooks("--uninstall removes only wf-task's hooks and keeps the rest", async () => {
  const dir = tempDir();
  writeFiles(dir, {
    ".claude/settings.json": JSON.stringify({
      env: { A: "1" },
      hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "./audit.sh" }] }] },
    }),
  });
  await installClaudeHooks({ root: dir, stop: true });
  const r = await installClaudeHooks({ root: dir, uninstall: true });
  assert.is(r.removed.length, 4);
  assert.equal(read(dir), {
    env: { A: "1" },
    hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "./audit.sh" }] }] },
  });
  assert.equal(listClaudeHooks(dir), []);
});

hooks("--uninstall with no settings file writes nothing", async () => {
  const dir = tempDir();
  const r = await installClaudeHooks({ root: dir, uninstall: true });
  assert.not.ok(r.changed);
  assert.not.ok(existsSync(join(dir, ".claude/settings.json")));
});

hooks(
  "a team's hook that runs the migrated session_start shim is wf-task's SessionStart: listed, not added twice, kept on uninstall",
  async () => {
    const dir = tempDir();
    const shim = shimText(
      { sh: "hooks/session_start.sh", mjs: "hooks/session_start", functions: {} },
      ".ai/workflow/.bash-backup/hooks/session_start.sh",
    );
    const team = [
      "bash .ai/workflow/hooks/session_start.sh",
      '"$CLAUDE_PROJECT_DIR"/.ai/workflow/hooks/session_start.sh',
    ];
    for (const command of team) {
      writeFiles(dir, {
        ".ai/workflow/hooks/session_start.sh": shim,
        ".claude/settings.json": JSON.stringify({
          hooks: { SessionStart: [{ hooks: [{ type: "command", command }] }] },
        }),
      });
      assert.equal(
        listClaudeHooks(dir).map((h) => [h.event, h.command]),
        [["SessionStart", command]],
      );
      const r = await installClaudeHooks({ root: dir });
      assert.equal(commands(read(dir).hooks.SessionStart), [command], "no second SessionStart hook");
      assert.equal(
        r.added.map((a) => a.split(":")[0]),
        ["PreToolUse", "PreCompact"],
      );
      await installClaudeHooks({ root: dir, uninstall: true });
      assert.equal(commands(read(dir).hooks.SessionStart), [command], "the team's own entry stays");
    }
    // the bash original is not wf-task's hook
    writeFiles(dir, { ".ai/workflow/hooks/session_start.sh": "#!/usr/bin/env bash\necho hi\n" });
    assert.equal(listClaudeHooks(dir), []);
  },
);

hooks("refuses a settings file that is not JSON and leaves it untouched", async () => {
  const dir = tempDir();
  mkdirSync(join(dir, ".claude"));
  writeFileSync(join(dir, ".claude/settings.json"), "{ not json");
  try {
    await installClaudeHooks({ root: dir });
    assert.unreachable();
  } catch (error: any) {
    assert.is(error.code, "E_CLAUDE_SETTINGS");
    assert.match(error.where, ".claude/settings.json");
  }
  assert.is(readFileSync(join(dir, ".claude/settings.json"), "utf8"), "{ not json");
});

hooks.run();
