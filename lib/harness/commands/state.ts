import { relative, resolve } from "node:path";
import { defineCommand, type CommandContext } from "../../core/command.ts";
import { WfError } from "../../core/errors.ts";
import { atomicWrite } from "../../util/atomic-write.ts";
import { harnessContext } from "../context.ts";
import { readProgressFile } from "../progress.ts";
import { importState, loadState, saveState, stateFile } from "../state.ts";

const SHAPE =
  "{version, agent:{id, role, created}, " +
  "memory:{short_term:{current_task, recent_files[], recent_decisions[]}, long_term:{project_patterns[], learned_preferences[]}}, " +
  "context:{feature, workspace, worktree, branch}, state:{status, iteration_count, max_iterations}, " +
  "tools:{allowed[], mcp_servers[]}, saved}";
const roleArg = {
  role: { type: "positional", description: "Agent role (default: the progress file's role, then $AGENT_ROLE)" },
} as const;

/** The role given, else the progress file's, else $AGENT_ROLE. */
async function roleOf(ctx: CommandContext, given: string | undefined, progressFile: string): Promise<string> {
  if (given) return given;
  const fromProgress = (await readProgressFile(progressFile))?.role;
  const role = fromProgress ?? ctx.env.AGENT_ROLE;
  if (!role)
    throw new WfError("E_USAGE_ROLE", "no role given and none in the progress file or $AGENT_ROLE", {
      hint: "e.g. wf-task state save backend",
    });
  return role;
}

const save = defineCommand({
  meta: {
    name: "save",
    description: "Snapshot the agent's state (from progress, git and config) to agents/<role>.af and history/",
    details: `Keeps the last harness.maxHistoryEntries snapshots of the role under sessions/history/.\nJSON: {file, snapshot, pruned[], state: ${SHAPE}}`,
  },
  args: roleArg,
  async run(ctx) {
    const { paths, config } = await harnessContext(ctx);
    const role = await roleOf(ctx, ctx.args.role, paths.progressFile);
    const r = await saveState(role, { paths, config });
    ctx.emit(
      r,
      `saved ${relative(ctx.cwd, r.file)} (iteration ${r.state.state.iteration_count})${r.pruned.length ? `, pruned ${r.pruned.length} old snapshot(s)` : ""}`,
    );
  },
});

const show = defineCommand({
  meta: { name: "show", description: "Show a role's saved state", details: `JSON: ${SHAPE}` },
  args: roleArg,
  async run(ctx) {
    const { paths } = await harnessContext(ctx);
    const role = await roleOf(ctx, ctx.args.role, paths.progressFile);
    const s = loadState(paths, role);
    if (!s)
      throw new WfError("E_STATE_MISSING", `no saved state for ${role} at ${stateFile(paths, role)}`, {
        hint: `save one with \`wf-task state save ${role}\``,
      });
    ctx.emit(s, () =>
      [
        `Agent ${s.agent.id} (${s.agent.role}), created ${s.agent.created}, saved ${s.saved ?? "?"}`,
        `  feature: ${s.context.feature ?? "none"}   branch: ${s.context.branch ?? "?"}   worktree: ${s.context.worktree ?? "?"}`,
        `  status: ${s.state.status}, iteration ${s.state.iteration_count} of ${s.state.max_iterations}`,
        `  current task: ${s.memory.short_term.current_task ?? "none"}`,
        `  recent files: ${s.memory.short_term.recent_files.join(", ") || "none"}`,
        `  recent decisions: ${s.memory.short_term.recent_decisions.join("; ") || "none"}`,
        `  MCP servers: ${s.tools.mcp_servers.join(", ") || "none"}`,
      ].join("\n"),
    );
  },
});

const load = defineCommand({
  meta: {
    name: "load",
    description: "Restore a state from a file (--from an export or a history snapshot), or print the saved one",
    details: `JSON: {file, loaded_from, state: ${SHAPE}}`,
    examples: ["wf-task state load backend", "wf-task state load --from backend.af"],
  },
  args: { ...roleArg, from: { type: "string", description: "An exported .af file to restore", valueHint: "file" } },
  async run(ctx) {
    const { paths } = await harnessContext(ctx);
    if (ctx.args.from) {
      const r = await importState(resolve(ctx.cwd, ctx.args.from), paths, ctx.args.role);
      ctx.emit(
        { file: r.file, loaded_from: ctx.args.from, state: r.state },
        `restored ${relative(ctx.cwd, r.file)} from ${ctx.args.from}`,
      );
      return;
    }
    const role = await roleOf(ctx, ctx.args.role, paths.progressFile);
    const s = loadState(paths, role);
    if (!s)
      throw new WfError("E_STATE_MISSING", `no saved state for ${role}`, {
        hint: `save one with \`wf-task state save ${role}\``,
      });
    ctx.emit(
      { file: stateFile(paths, role), loaded_from: null, state: s },
      `${role}: ${s.context.feature ?? "no feature"}, task ${s.memory.short_term.current_task ?? "none"}, iteration ${s.state.iteration_count}`,
    );
  },
});

const exp = defineCommand({
  meta: {
    name: "export",
    description: "Write a role's state as a portable .af file (stdout, or --out)",
    details: `Output: the .af JSON, ${SHAPE}`,
  },
  args: { ...roleArg, out: { type: "string", description: "Write to this file", valueHint: "file" } },
  async run(ctx) {
    const { paths } = await harnessContext(ctx);
    const role = await roleOf(ctx, ctx.args.role, paths.progressFile);
    const s = loadState(paths, role);
    if (!s)
      throw new WfError("E_STATE_MISSING", `no saved state for ${role}`, {
        hint: `save one with \`wf-task state save ${role}\``,
      });
    const text = `${JSON.stringify(s, null, 2)}\n`;
    if (!ctx.args.out) {
      ctx.stdout.write(text);
      return;
    }
    await atomicWrite(resolve(ctx.cwd, ctx.args.out), text);
    ctx.emit({ file: resolve(ctx.cwd, ctx.args.out) }, `exported ${role} to ${ctx.args.out}`);
  },
});

export default defineCommand({
  meta: {
    name: "state",
    description: "Save, show, load and export the agent state (.af)",
    details: "The file: .ai/project/sessions/agents/<role>.af (JSON, after the Agent File format).",
  },
  subCommands: { save, show, load, export: exp },
});
