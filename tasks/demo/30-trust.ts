import type { DemoStep } from "./_context.ts";

const step: DemoStep = (demo) => {
  demo.heading("3. Trust: how much an agent may do alone, per path and per task type");
  demo.wf(["trust", "assess", "tests/Unit/UserTest.php", "src/User.ts", "src/Security/AuthService.php", ".env"], {
    expect: 0,
  });
  demo.wf(["trust", "auto-approve", "tests/Unit/UserTest.php"], { expect: 0 });
  demo.wf(["trust", "auto-approve", "src/Security/AuthService.php"], { expect: 1 });
  demo.wf(["trust", "task", "payment"], { expect: 0 });
  demo.wf(["trust", "explain", "tests/auth/login.test.ts"], { expect: 0 });
  demo.say("\nThe same model answers Claude Code's PreToolUse hook:");
  const input = JSON.stringify({
    hook_event_name: "PreToolUse",
    cwd: demo.dir,
    tool_name: "Edit",
    tool_input: { file_path: `${demo.dir}/src/payments/charge.ts`, old_string: "a", new_string: "b" },
  });
  demo.wf(["trust", "hook", "claude"], { input, expect: 0 });
};
export default step;
