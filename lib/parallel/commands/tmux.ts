import { existsSync } from "node:fs";
import { defineCommand } from "../../core/command.ts";
import { usageError } from "../../core/errors.ts";
import { projectOf, socketArg, table, tmuxOf } from "../cli.ts";
import { checkName } from "../../core/names.ts";
import { parseRoles } from "../names.ts";
import { readPorts } from "../ports.ts";
import {
  attachSession,
  capturePane,
  createSession,
  killSession,
  listPanes,
  listSessions,
  requireTmux,
  sendToPane,
} from "../tmux.ts";
import { worktreePath } from "../worktrees.ts";

const session = {
  type: "positional",
  description: "Session name (workflow-<feature> for parallel runs)",
  required: true,
} as const;

const create = defineCommand({
  meta: {
    name: "create",
    description:
      "One session, one titled pane per role (tiled), in the role's worktree, AGENT_ROLE/AGENT_PORT/FEATURE_ID exported",
    details: "JSON: {session, panes: [{role, pane_id}]}",
    examples: ["wf-task tmux create workflow-auth --roles backend,frontend --feature auth"],
  },
  args: {
    session,
    roles: { type: "string", description: "Comma-separated roles", required: true, valueHint: "a,b" },
    feature: { type: "string", description: "FEATURE_ID exported in each pane", valueHint: "name" },
    socket: socketArg,
  },
  async run(ctx) {
    const name = checkName("session", ctx.args.session);
    const roles = parseRoles(ctx.args.roles);
    if (ctx.args.feature) checkName("feature", ctx.args.feature);
    const target = tmuxOf(ctx, ctx.args.socket);
    await requireTmux(target);
    let ports: Record<string, { port: number }> = {};
    let cwdFor: (role: string) => string | undefined = () => undefined;
    try {
      const project = await projectOf(ctx);
      ports = readPorts(project).allocations;
      cwdFor = (role) => (existsSync(worktreePath(project, role)) ? worktreePath(project, role) : project.root);
    } catch {
      // Outside a git repository: panes open in the current folder.
    }
    const r = await createSession(
      target,
      name,
      roles.map((role) => ({
        role,
        cwd: cwdFor(role) ?? ctx.cwd,
        env: {
          ...(ports[role] ? { AGENT_PORT: String(ports[role]!.port) } : {}),
          ...(ctx.args.feature ? { FEATURE_ID: ctx.args.feature } : {}),
        },
      })),
    );
    ctx.emit(r, () => `created ${r.session}: ${r.panes.map((p) => `${p.role} (${p.pane_id})`).join(", ")}`);
  },
});

const send = defineCommand({
  meta: {
    name: "send",
    description: "Type a command into a role's pane, literally (no key names, no shell), then Enter",
    details:
      "The text is sent with tmux send-keys -l: `;`, `$()`, quotes and words like C-c or Enter arrive as typed.\nJSON: {session, role, pane_id}",
    examples: ["wf-task tmux send workflow-auth backend 'npm test'"],
  },
  args: {
    session,
    role: { type: "positional", description: "The role whose pane receives the text", required: true },
    command: {
      type: "positional",
      description: "The text (several words are joined by spaces)",
      required: true,
      multiple: true,
    },
    enter: { type: "boolean", description: "Press Enter after the text (--no-enter to only type it)", default: true },
    socket: socketArg,
  },
  async run(ctx) {
    const text = [...ctx.args.command, ...ctx.args._].join(" ");
    const pane = await sendToPane(
      tmuxOf(ctx, ctx.args.socket),
      checkName("session", ctx.args.session),
      ctx.args.role,
      text,
      { enter: ctx.args.enter },
    );
    ctx.emit(
      { session: ctx.args.session, role: ctx.args.role, pane_id: pane.pane_id },
      `sent to ${ctx.args.role} (${pane.pane_id})`,
    );
  },
});

const output = defineCommand({
  meta: {
    name: "output",
    description: "The last lines of a role's pane",
    details: "JSON: {session, role, lines, output}",
  },
  args: {
    session,
    role: { type: "positional", description: "The role", required: true },
    lines: { type: "number", description: "How many lines", default: 50 },
    socket: socketArg,
  },
  async run(ctx) {
    const lines = ctx.args.lines ?? 50;
    if (!Number.isInteger(lines) || lines < 1)
      throw usageError(`expected \`--lines\` to be a positive integer, got ${lines}`);
    const text = await capturePane(
      tmuxOf(ctx, ctx.args.socket),
      checkName("session", ctx.args.session),
      ctx.args.role,
      lines,
    );
    ctx.emit({ session: ctx.args.session, role: ctx.args.role, lines, output: text }, text);
  },
});

const kill = defineCommand({
  meta: { name: "kill", description: "Kill a session (exit 1 when there is none)", details: "JSON: {session, killed}" },
  args: { session, socket: socketArg },
  async run(ctx) {
    const killed = await killSession(tmuxOf(ctx, ctx.args.socket), checkName("session", ctx.args.session));
    ctx.emit(
      { session: ctx.args.session, killed },
      killed ? `killed ${ctx.args.session}` : `no session ${ctx.args.session}`,
    );
    return killed ? 0 : 1;
  },
});

const list = defineCommand({
  meta: {
    name: "list",
    description: "Sessions and their role panes",
    details:
      "JSON: [{name, windows, attached, created, panes: [{pane_id, role, title, dead, pid, current_command, agent_exit}]}]",
  },
  args: { socket: socketArg },
  async run(ctx) {
    const target = tmuxOf(ctx, ctx.args.socket);
    await requireTmux(target);
    const [sessions, panes] = await Promise.all([listSessions(target), listPanes(target)]);
    const rows = sessions.map((s) => ({
      ...s,
      panes: panes.filter((p) => p.session === s.name).map(({ session: _s, ...p }) => p),
    }));
    ctx.emit(rows, () =>
      rows.length
        ? table(
            ["SESSION", "PANES", "ATTACHED", "ROLES"],
            rows.map((s) => [
              s.name,
              String(s.panes.length),
              s.attached ? "yes" : "no",
              s.panes.map((p) => p.role ?? "-").join(","),
            ]),
          )
        : "no tmux sessions",
    );
  },
});

const attach = defineCommand({
  meta: { name: "attach", description: "Attach this terminal to a session (needs a terminal)" },
  args: { session, socket: socketArg },
  async run(ctx) {
    if (!ctx.isTTY)
      throw usageError("attach needs a terminal", `run \`tmux attach -t ${ctx.args.session}\` from a terminal`);
    return attachSession(tmuxOf(ctx, ctx.args.socket), checkName("session", ctx.args.session));
  },
});

export default defineCommand({
  meta: { name: "tmux", description: "Create tmux sessions with a pane per role, send to and read panes" },
  subCommands: { create, send, output, kill, list, attach },
  aliases: { ls: "list" },
});
