import { defineCommand } from "../../core/command.ts";
import { usageError } from "../../core/errors.ts";
import { projectOf, tmuxOf } from "../cli.ts";
import { monitor, renderDashboard } from "../monitor.ts";
import { checkName } from "../../core/names.ts";

/** The JSON shape, for --help and docs. */
export const MONITOR_DETAILS = [
  "States come from facts, never from the agent's screen: completed (progress file says so), dead (pane or its agent",
  "command gone, or worktree missing), blocked (progress status blocked or blockers listed), active (a commit, file change",
  "or progress update within --idle minutes), idle.",
  "JSON: {generated_at, runs: [{feature, session, session_alive, agents, states}], agents: [{feature, session, role, worktree,",
  "worktree_exists, branch, port, port_listening, pane_id, pane_alive, agent_exit, progress_status, current_task, blockers[],",
  "tasks_total, tasks_completed, progress_error, last_commit, last_change, last_activity, state}],",
  "radar: null (--no-radar) | {available, git_version, message, pairs: [{feature, a, b, against: agent|base, tip_a, tip_b,",
  "files_both_changed[], conflicts: [{path, types[], hunks: [{start, end}]}]}], behind: [{feature, role, base, behind,",
  "commits_touching, files[]}], computed, reused, warnings[]}}",
  "The radar predicts conflicts with `git merge-tree --write-tree` (git ≥ 2.38) for each pair of agents and each agent",
  "against the base; answers are cached by commit id, so only tips that moved are asked again.",
].join("\n");

const diagnose = defineCommand({
  meta: {
    name: "diagnose",
    description: "Health check of the parallel runs: worktree, branch, tmux pane, port, progress file per agent",
    details: [
      "Each agent: worktree exists, branch exists, tmux pane alive (on the run's socket), port allocated (listening or free),",
      "progress file readable. Each problem is printed with a hint. Exit 1 when something is wrong.",
      "JSON: {ok, agents: [{feature, role, ok, checks: [{name: worktree|branch|pane|port|progress, ok, detail, hint}]}],",
      "problems: [{feature, role, check, message, hint}], unreadable_runs: [{file, message}]}",
    ].join("\n"),
    examples: ["wf-task monitor diagnose", "wf-task monitor diagnose --feature auth --json"],
  },
  args: { feature: { type: "string", description: "Only this feature's run", valueHint: "name" } },
  async run(ctx) {
    if (ctx.args.feature) checkName("feature", ctx.args.feature);
    const { diagnose: check, renderDiagnose } = await import("../diagnose.ts");
    const r = await check(await projectOf(ctx), { tmux: tmuxOf(ctx), feature: ctx.args.feature });
    ctx.emit(r, () => renderDiagnose(r));
    return r.ok ? 0 : 1;
  },
});

export default defineCommand({
  subCommands: { diagnose },
  meta: {
    name: "monitor",
    description: "Status of every parallel agent: dashboard, --json, --watch",
    details: MONITOR_DETAILS,
    examples: ["wf-task monitor", "wf-task monitor --json", "wf-task monitor --watch --interval 5"],
  },
  args: {
    feature: { type: "string", description: "Only this feature's run", valueHint: "name" },
    watch: { type: "boolean", alias: "w", description: "Redraw every --interval seconds (in place on a terminal)" },
    interval: { type: "number", description: "Seconds between redraws", default: 2 },
    times: { type: "number", description: "With --watch: stop after this many redraws (0: until Ctrl-C)", default: 0 },
    idle: { type: "number", description: "Minutes without activity before an agent counts as idle", default: 10 },
    radar: { type: "boolean", description: "Predict conflicts between agents (--no-radar to skip)", default: true },
  },
  async run(ctx) {
    if (ctx.args.feature) checkName("feature", ctx.args.feature);
    const interval = ctx.args.interval ?? 2;
    if (!(interval > 0)) throw usageError(`expected \`--interval\` > 0, got ${interval}`);
    const project = await projectOf(ctx);
    const once = () =>
      monitor(project, {
        tmux: tmuxOf(ctx),
        feature: ctx.args.feature,
        idleMinutes: ctx.args.idle,
        radar: ctx.args.radar,
      });
    const draw = async () => {
      const report = await once();
      if (ctx.json)
        ctx.stdout.write(
          `${JSON.stringify(report, ctx.args.watch ? undefined : null, ctx.args.watch ? undefined : 2)}\n`,
        );
      else {
        const text = renderDashboard(report, { color: ctx.color });
        ctx.stdout.write(
          ctx.args.watch && ctx.isTTY
            ? `\x1b[H\x1b[2J${text}\n\n(refreshing every ${interval}s — Ctrl-C to stop)\n`
            : `${text}\n`,
        );
      }
      return report;
    };
    if (!ctx.args.watch) {
      await draw();
      return 0;
    }
    let stop = false;
    const onInt = () => (stop = true);
    process.once("SIGINT", onInt);
    try {
      for (let n = 1; !stop; n++) {
        await draw();
        if (ctx.args.times && n >= ctx.args.times) break;
        const until = Date.now() + interval * 1000;
        while (!stop && Date.now() < until) await new Promise((r) => setTimeout(r, Math.min(100, until - Date.now())));
      }
    } finally {
      process.off("SIGINT", onInt);
    }
    return 0;
  },
});
