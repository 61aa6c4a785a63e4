// The parallel recipe (replaces the bash workflow's parallel/tmux_orchestrator.sh): start, watch, merge
// and stop agents working side by side, step by step. Copy it into tasks/ with
// `wf-task tasks eject parallel` to change a step.
import { relative } from "node:path";
import { defineCommand } from "../lib/core/command.ts";
import { projectOf, socketArg, table, tmuxOf } from "../lib/parallel/cli.ts";
import { MONITOR_DETAILS } from "../lib/parallel/commands/monitor.ts";
import { monitor, renderDashboard } from "../lib/parallel/monitor.ts";
import { checkName } from "../lib/core/names.ts";
import { parseRoles } from "../lib/parallel/names.ts";
import { startParallel, stopParallel } from "../lib/parallel/start.ts";
import { attachSession } from "../lib/parallel/tmux.ts";
import { mergeCommand as merge } from "../lib/parallel/commands/merge.ts";

const feature = {
  type: "positional",
  description: "The feature the agents work on (names the session workflow-<feature>)",
  required: true,
} as const;

const startArgs = {
  feature,
  roles: {
    type: "string",
    description: "Comma-separated roles (default: the run's, else parallel.roles)",
    valueHint: "a,b,c",
  },
  agentCommand: {
    type: "string",
    description: "Command each pane runs (default parallel.agentCommand, `claude`)",
    valueHint: "cmd",
  },
  base: { type: "string", description: "Base branch (default parallel.baseBranch)", valueHint: "branch" },
  attach: { type: "boolean", description: "Attach when on a terminal (--no-attach to stay here)", default: true },
  socket: socketArg,
} as const;

const START_DETAILS = [
  "For each role: a worktree (.worktrees/<role>, branch feature/<feature>-<role>), a port, `wf-task init <feature> <role>`",
  "in the worktree, and a pane running the agent command in tmux session workflow-<feature>. Running it again resumes",
  "what exists (and adds new roles). A failure half-way rolls back what this run created.",
  "JSON: {feature, session, resumed, agent_command, agents: [{role, branch, worktree, port, pane_id, created, init}], warnings[], attach}",
].join("\n");

const start = defineCommand({
  meta: {
    name: "start",
    description: "Worktree, port, init and a tmux pane per role, running the agent",
    details: START_DETAILS,
    examples: [
      "wf-task parallel auth-system --roles backend,frontend,qa",
      "wf-task parallel auth-system --agent-command 'claude --continue' --no-attach",
    ],
  },
  args: startArgs,
  async run(ctx) {
    // 1. The project and the tmux server (--socket: a private one).
    const project = await projectOf(ctx);
    const target = tmuxOf(ctx, ctx.args.socket);

    // 2. Per role: a worktree on its branch, a port, the session opened in it (init), and a pane
    //    running the agent. One step, because a failure half-way rolls back what this run made.
    const r = await startParallel(project, {
      feature: ctx.args.feature,
      roles: ctx.args.roles === undefined ? undefined : parseRoles(ctx.args.roles),
      agentCommand: ctx.args.agentCommand,
      base: ctx.args.base,
      tmux: target,
      onStep: ctx.json || !ctx.isTTY ? undefined : (t) => ctx.print(t),
    });

    // 3. What runs where, and how to watch, merge and stop it.
    for (const w of r.warnings) ctx.warn(`warning: ${w}`);
    ctx.emit(r, () =>
      [
        `${r.resumed ? "resumed" : "started"} ${r.session}: ${r.agents.length} agent(s) running \`${r.agent_command}\``,
        "",
        table(
          ["PANE", "ROLE", "PORT", "WORKTREE", "BRANCH"],
          r.agents.map((a) => [
            a.pane_id ?? "—",
            a.role,
            a.port ? String(a.port) : "—",
            relative(project.root, a.worktree),
            a.branch,
          ]),
        ),
        "",
        `attach:  ${r.attach}`,
        `watch:   wf-task monitor --feature ${r.feature} --watch`,
        `stop:    wf-task parallel stop ${r.feature}`,
      ].join("\n"),
    );

    // 4. On a terminal, attach to the session.
    const interactive = ctx.isTTY && Boolean((ctx.stdin as { isTTY?: boolean }).isTTY);
    if (ctx.args.attach && interactive && !ctx.json) return attachSession(target, r.session) === 0 ? 0 : 1;
    return 0;
  },
});

const status = defineCommand({
  meta: { name: "status", description: "The monitor for one run", details: MONITOR_DETAILS },
  args: {
    feature,
    idle: { type: "number", description: "Minutes without activity before idle", default: 10 },
    radar: { type: "boolean", description: "Predict conflicts between agents (--no-radar to skip)", default: true },
  },
  async run(ctx) {
    const project = await projectOf(ctx);
    const name = checkName("feature", ctx.args.feature);
    const report = await monitor(project, {
      tmux: tmuxOf(ctx),
      feature: name,
      idleMinutes: ctx.args.idle,
      radar: ctx.args.radar,
    });
    ctx.emit(report, () =>
      report.runs.length ? renderDashboard(report, { color: ctx.color }) : `no parallel run for ${name}`,
    );
    return report.runs.length ? 0 : 1;
  },
});

const stop = defineCommand({
  meta: {
    name: "stop",
    description: "Kill the session, clean up worktrees (refusing any with unsaved work) and release ports",
    details: [
      "Each worktree goes through `worktree cleanup`: one with uncommitted changes or unmerged commits is reported and kept",
      "(exit 1), the rest are removed. --force backs up (refs/wf-backup/<role>/<timestamp> + stash) and removes all.",
      "Before a worktree goes, its session memory and its parallel.preserve files (.env*, *.db, …) that differ from the",
      "main checkout's are archived under <sessions>/archive/<feature>/<role>/<timestamp>/ (also with --force).",
      "JSON: {feature, session, session_killed, agents: [cleanup results], kept[]}",
    ].join("\n"),
  },
  args: {
    feature,
    force: { type: "boolean", alias: "f", description: "Remove every worktree, after saving backup refs and stashes" },
    keepWorktrees: { type: "boolean", description: "Only kill the session; keep worktrees, branches and ports" },
  },
  async run(ctx) {
    const project = await projectOf(ctx);
    const keep = ctx.args.keepWorktrees || !project.config.parallel.autoCleanup;
    const r = await stopParallel(project, ctx.args.feature, {
      tmux: tmuxOf(ctx),
      force: ctx.args.force,
      keepWorktrees: keep,
    });
    ctx.emit(r, () => {
      const lines = [`${r.session_killed ? "killed" : "no"} tmux session ${r.session}`];
      for (const a of r.agents) {
        if (a.refused)
          lines.push(
            `kept ${a.role}: ${a.reasons.join("; ")} — commit/merge it, then \`wf-task parallel stop ${r.feature}\` again, or --force`,
          );
        else
          lines.push(
            `removed ${a.role}` +
              `${a.branch_deleted ? ` (branch ${a.branch} deleted)` : a.branch ? ` (branch ${a.branch} kept: not merged)` : ""}` +
              `${a.port_released ? `, port ${a.port_released} released` : ""}${a.backup_ref ? `, backup ${a.backup_ref}` : ""}`,
          );
        if (a.archived)
          lines.push(
            `  archived ${a.archived.files.length} file(s) to ${relative(project.root, a.archived.dir)}: ${a.archived.files.join(", ")}`,
          );
      }
      if (keep && !r.agents.length) lines.push(`worktrees kept: ${r.kept.join(", ")}`);
      return lines.join("\n");
    });
    return r.agents.some((a) => a.refused) ? 1 : 0;
  },
});

export default defineCommand({
  meta: {
    name: "parallel",
    description: "Start, watch and stop agents in parallel: worktrees, ports, tmux panes",
    details: `\`wf-task parallel <feature>\` is \`wf-task parallel start <feature>\`.\n${START_DETAILS}`,
    examples: [
      "wf-task parallel auth-system --roles backend,frontend,qa",
      "wf-task parallel status auth-system",
      "wf-task parallel merge auth-system --dry-run",
      "wf-task parallel stop auth-system",
    ],
  },
  args: startArgs,
  subCommands: { start, status, stop, merge },
  run: (ctx) => start.run!(ctx as never),
});
