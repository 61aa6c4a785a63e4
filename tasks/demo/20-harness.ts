import type { DemoStep } from "./_context.ts";

const step: DemoStep = (demo) => {
  demo.heading("2. Session harness: a first session, progress, then a resumed session");
  demo.wf(["init", "checkout", "backend"], { expect: 0 });
  demo.wf(["progress", "update", "BE-001", "completed", "--title", "Cart model"], { expect: 0 });
  demo.wf(["progress", "update", "BE-002", "in_progress", "--title", "Payment endpoint", "--percent", "60"], {
    expect: 0,
  });
  demo.wf(["progress", "file", "src/cart.ts", "src/payment.ts"], { expect: 0 });
  demo.wf(["progress", "note", "payment retries are not idempotent yet"], { expect: 0 });
  demo.wf(["progress", "question", "Which payment provider for EU customers?"], { expect: 0 });
  demo.wf(["state", "save"], { expect: 0 });
  demo.say("\n…the session ends. The next one starts by restoring the context:");
  demo.wf(["resume"], { expect: 0 });
  demo.say("\nClaude Code's SessionStart hook gets the same summary as additionalContext:");
  demo.wf(["resume", "--hook", "claude"], {
    expect: 0,
    input: JSON.stringify({ session_id: "demo", cwd: demo.dir, hook_event_name: "SessionStart", source: "startup" }),
  });
};
export default step;
