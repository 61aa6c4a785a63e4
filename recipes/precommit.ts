// The pre-commit recipe (replaces the bash workflow's hooks/pre_commit_tdd.sh): the TDD gate on the
// staged changes, step by step. Copy it into tasks/ with `wf-task tasks eject precommit` to change a step.
import { defineCommand } from "../lib/core/command.ts";
import { EXIT } from "../lib/core/errors.ts";

export default defineCommand({
  meta: {
    name: "precommit",
    description: "The pre-commit TDD gate on staged changes (exit 1 blocks the commit)",
    details: [
      "Checks the staged changes: new source files have a test (staged or already committed), no test file is deleted",
      "or weakened (fewer test cases, new .skip/.only, fewer assertions), line coverage ≥ enforcement.tdd.minCoverage when a",
      "report exists; with enforcement.tdd.testCommand set, the tests (of the staged files, or all: tdd.testScope) pass on the",
      "staged tree and the runner's test count has not fallen since the last recorded run (this branch's, else the base's).",
      "With --message-file (the commit-msg hook) it runs the trust gate instead: staged low-trust paths need",
      "a `Human-Reviewed: <name>` trailer when enforcement.trust.gate is on.",
      "Strictness (enforcement.tdd.strictness): strict blocks, warn prints and exits 0, off skips.",
      'WF_TDD_BYPASS="<reason>" lets the commit through and appends reason, user, parent and tree to',
      ".ai/project/sessions/history/bypass.log.",
      "",
      "--json: {allowed, stage, strictness, violations:[{kind, file, message, expected?}], bypassed, bypass_reason,",
      "bypass_log, staged:{files, sources, tests}, tests: {command, scope, files, skipped, exit_code, runner, count, failed,",
      "previous:{count, branch, head, time}|null, duration_ms}|null}",
    ].join("\n"),
    examples: [
      "wf-task precommit",
      'WF_TDD_BYPASS="hotfix, tests in #123" git commit -m fix',
      "TDD_STRICTNESS=warn git commit -m wip",
      "wf-task precommit --message-file .git/COMMIT_EDITMSG",
    ],
  },
  args: {
    messageFile: {
      type: "string",
      description: "Commit message file (commit-msg hook): run the trust gate",
      valueHint: "file",
    },
  },
  async run(ctx) {
    const { preCommit, formatPreCommit } = await import("../lib/enforcement/precommit.ts");
    const { legacyGateInputs } = await import("../lib/harness/legacy-env.ts");
    const { gateEvents } = await import("../lib/harness/auto-events.ts");

    // 1. The gate's settings: the config, with the bash workflow's switches (TDD_SKIP,
    //    TDD_STRICTNESS, `[skip-tdd]` in the message) and WF_TDD_BYPASS applied.
    const gate = legacyGateInputs(await ctx.project(), ctx.env, ctx.args.messageFile);
    if (gate.warning) ctx.warn(gate.warning);
    const loaded = gate.loaded;

    // 2. The checks on what is staged (read from the index, so a hook's GIT_INDEX_FILE counts):
    //    tests for new sources, no deleted or weakened test, coverage, the test command.
    const result = await preCommit({
      git: { cwd: ctx.cwd, env: ctx.env },
      loaded,
      messageFile: ctx.args.messageFile,
      bypass: gate.bypass,
    });

    // 3. What the gate found goes to the learning log (compound.autoCapture).
    await gateEvents(loaded, result, ctx.warn);

    // 4. The verdict: violations on stderr, exit 1 blocks the commit.
    const text = formatPreCommit(result);
    if (ctx.json) ctx.emit(result, "");
    else if (text) ctx.warn(text);
    return result.allowed ? EXIT.ok : EXIT.check;
  },
});
