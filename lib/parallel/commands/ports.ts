import { defineCommand } from "../../core/command.ts";
import { usageError } from "../../core/errors.ts";
import { projectOf, table } from "../cli.ts";
import { portInUse } from "../port-probe.ts";
import { allocatePort, getPort, listPorts, readPorts, releaseAllPorts, releasePort } from "../ports.ts";

const role = { type: "positional", description: "The role", required: true } as const;

const allocate = defineCommand({
  meta: {
    name: "allocate",
    description: "Give a role a port (its own again if it has one); prints the bare port",
    details: [
      "Sequential from parallel.portRange (env PORT_RANGE_START/END), skipping ports something listens on (IPv4 and IPv6).",
      "JSON: {role, port, fresh, reclaimed[]}. Range exhausted: exit 1, the holders listed.",
    ].join("\n"),
  },
  args: {
    role,
    worktree: { type: "string", description: "The role's worktree (its removal frees the port)", valueHint: "path" },
  },
  async run(ctx) {
    const project = await projectOf(ctx);
    const r = await allocatePort(project, ctx.args.role, { worktree: ctx.args.worktree ?? null });
    ctx.emit(r, String(r.port));
  },
});

const release = defineCommand({
  meta: {
    name: "release",
    description: "Free a role's port, or every port with --all",
    details: "JSON: {role, port} (port null when the role held none); with --all: {released: {role: port, …}}",
    examples: ["wf-task ports release backend", "wf-task ports release --all"],
  },
  args: {
    role: { type: "positional", description: "The role (omit with --all)", required: false },
    all: { type: "boolean", description: "Free every allocation (the original's release-all)" },
  },
  async run(ctx) {
    const project = await projectOf(ctx);
    if (ctx.args.all) {
      if (ctx.args.role)
        throw usageError("give a role or --all, not both", "`wf-task ports release --all` frees every port");
      const released = await releaseAllPorts(project);
      const entries = Object.entries(released);
      ctx.emit(
        { released },
        entries.length ? entries.map(([r, p]) => `released ${p} (${r})`).join("\n") : "no ports were allocated",
      );
      return 0;
    }
    if (!ctx.args.role)
      throw usageError("expected a role, or --all", "`wf-task ports release <role>` or `wf-task ports release --all`");
    const port = await releasePort(project, ctx.args.role);
    ctx.emit(
      { role: ctx.args.role, port },
      port ? `released ${port} (${ctx.args.role})` : `${ctx.args.role} held no port`,
    );
  },
});

const get = defineCommand({
  meta: {
    name: "get",
    description: "The port a role holds; prints the bare port (exit 1 when none)",
    details: "JSON: {role, port}",
  },
  args: { role },
  async run(ctx) {
    const port = getPort(await projectOf(ctx), ctx.args.role);
    if (ctx.json) ctx.emit({ role: ctx.args.role, port }, "");
    else if (port) ctx.print(String(port), true);
    else ctx.warn(`${ctx.args.role} holds no port`);
    return port ? 0 : 1;
  },
});

const list = defineCommand({
  meta: {
    name: "list",
    description: "Every allocation",
    details: 'JSON: {"backend": 3001, …} (the bash workflow\'s shape)',
  },
  async run(ctx) {
    const project = await projectOf(ctx);
    const ports = listPorts(project);
    const state = readPorts(project);
    ctx.emit(ports, () =>
      Object.keys(ports).length
        ? table(
            ["ROLE", "PORT", "WORKTREE"],
            Object.entries(ports).map(([r, p]) => [r, String(p), state.allocations[r]?.worktree ?? "—"]),
          )
        : `no ports allocated (range ${project.config.parallel.portRange.start}–${project.config.parallel.portRange.end})`,
    );
  },
});

const inUse = defineCommand({
  meta: {
    name: "in-use",
    description: "Is something listening on a port? exit 0 yes, 1 no",
    details: "JSON: {port, in_use}",
  },
  args: { port: { type: "positional", description: "Port number", required: true } },
  async run(ctx) {
    const port = Number(ctx.args.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw usageError(`expected a port number (1–65535), got \`${ctx.args.port}\``);
    const busy = await portInUse(port);
    ctx.emit({ port, in_use: busy }, busy ? `${port} is in use` : `${port} is free`);
    return busy ? 0 : 1;
  },
});

export default defineCommand({
  meta: { name: "ports", description: "Allocate and release dev-server ports per role" },
  subCommands: { allocate, release, get, list, "in-use": inUse },
  aliases: { ls: "list" },
});
