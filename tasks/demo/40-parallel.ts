import type { DemoStep } from "./_context.ts";

const step: DemoStep = async (demo) => {
  demo.heading("4. Parallel agents: a worktree, a port and a tmux pane per role");
  const agent =
    "sh -c 'while :; do echo \"[$AGENT_ROLE] working on $FEATURE_ID, dev server port $AGENT_PORT\"; sleep 2; done'";
  demo.wf(["parallel", "checkout", "--roles", "backend,frontend", "--agent-command", agent, "--no-attach"], {
    expect: 0,
  });
  demo.wf(["worktree", "list"], { expect: 0 });
  await new Promise((r) => setTimeout(r, 500));
  demo.wf(["tmux", "output", "workflow-checkout", "frontend", "--lines", "3"], { expect: 0 });
  demo.wf(["monitor"], { expect: 0 });
  demo.say("\n(an agent's unsaved work is never lost: stop refuses that worktree and keeps it)");
  demo.sh("sh", ["-c", "echo 'draft' > .worktrees/frontend/notes.md"], { echo: true });
  demo.wf(["parallel", "stop", "checkout"], { expect: 1 });
  demo.wf(["parallel", "stop", "checkout", "--force"], { expect: 0 });
  demo.wf(["worktree", "list"], { expect: 0 });
};
export default step;
