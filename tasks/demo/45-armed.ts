import type { DemoStep } from "./_context.ts";

/** The main job: two agents, each in an armed worktree, guarded, remembered, merged, stopped without loss. */
const step: DemoStep = async (demo) => {
  demo.heading("4b. The whole: agents in armed worktrees — gate, trust, memory — and a stop that loses nothing");
  demo.say("The team installs the gate and Claude Code's hooks once, in the main checkout:");
  demo.wf(["hooks", "install"], { expect: 0 });
  demo.wf(["hooks", "install", "--claude"], { expect: 0 });
  demo.sh(
    "sh",
    [
      "-c",
      "echo 'API_KEY=dev' > .env && echo .env >> .gitignore && git add .gitignore && git commit -qm 'ignore .env' --no-verify",
    ],
    { echo: false },
  );
  demo.wf(["parallel", "billing", "--roles", "backend,frontend", "--agent-command", "sleep 600", "--no-attach"], {
    expect: 0,
  });

  const inBackend = (script: string) =>
    demo.sh("sh", ["-c", `cd .worktrees/backend && export CLAUDE_PROJECT_DIR="$PWD" && ${script}`], { echo: true });
  demo.say(
    "\nIn the backend worktree (wf-task is installed only in the main checkout), the agent commits code without a test:",
  );
  const refused = inBackend(
    "mkdir -p src && echo 'export const refund = () => 0;' > src/refund.ts && git add -A && git commit -qm refund; echo \"exit $?\"",
  );
  if (!/exit 1/.test(refused.stdout)) throw new Error("the untested commit went through in the worktree");
  inBackend(
    "echo 'import { refund } from \"./refund\";' > src/refund.test.ts && git add -A && git commit -qm 'refund with its test' && echo committed",
  );

  demo.say(
    "\nClaude Code's PreToolUse hook, run from the worktree's own .claude/settings.json, on a write to src/auth/login.ts:",
  );
  inBackend(
    `echo '{"hook_event_name":"PreToolUse","tool_name":"Write","tool_input":{"file_path":"src/auth/login.ts"}}' | ` +
      `"$CLAUDE_PROJECT_DIR"/.claude/hooks/wf-task trust hook claude`,
  );
  inBackend(
    `"$CLAUDE_PROJECT_DIR"/.claude/hooks/wf-task progress note "refunds round down; see src/refund.ts" && echo 'API_KEY=backend-test' > .env`,
  );

  demo.say("\ndoctor proves each guard by running it, in the main checkout and in every worktree:");
  demo.wf(["doctor", "--skip-mcp"], { expect: 0 });

  demo.say(
    "\nThe backend's work lands; the frontend did nothing. Stop without --force keeps the agent's notes and .env:",
  );
  demo.sh("git", ["merge", "-q", "--no-edit", "feature/billing-backend"], { echo: false });
  demo.wf(["parallel", "stop", "billing"], { expect: 0 });
  demo.say("\nA new session of the backend starts from what the last one left:");
  demo.wf(["parallel", "billing", "--roles", "backend", "--agent-command", "sleep 600", "--no-attach", "--quiet"], {
    expect: 0,
  });
  demo.sh(
    "sh",
    [
      "-c",
      `cd .worktrees/backend && echo '{"hook_event_name":"SessionStart","source":"startup"}' | ` +
        `CLAUDE_PROJECT_DIR="$PWD" .claude/hooks/wf-task resume --hook claude | ` +
        `node -e 'process.stdin.on("data", d => console.log(JSON.parse(d).hookSpecificOutput.additionalContext` +
        `.split("\\n").filter(l => /last worktree|note:/.test(l)).join("\\n")))'`,
    ],
    { echo: true },
  );
  demo.wf(["parallel", "stop", "billing", "--force", "--quiet"], { expect: 0 });
  demo.wf(["hooks", "uninstall"], { expect: 0 });
  demo.wf(["hooks", "uninstall", "--claude"], { expect: 0 });
};
export default step;
