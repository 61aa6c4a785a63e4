import { relative } from "node:path";
import { defineCommand, type CommandContext } from "../../core/command.ts";
import { EXIT, WfError } from "../../core/errors.ts";
import type { HookManager, HookName, InstallResult } from "../hooks.ts";

function manager(ctx: CommandContext<any>): HookManager | undefined {
  if (ctx.args.husky && ctx.args.git) throw new WfError("E_USAGE", "give --husky or --git, not both");
  return ctx.args.husky ? "husky" : ctx.args.git ? "git" : undefined;
}

function describe(result: InstallResult, root: string): string {
  const lines = result.files
    .filter((f) => f.action !== "absent")
    .map(
      (f) =>
        `${f.action.padEnd(9)} ${relative(root, f.file) || f.file}${f.backup ? ` (previous hook kept as ${relative(root, f.backup)}, runs first)` : ""}`,
    );
  for (const tree of result.worktrees_fixed) lines.push(`husky runner copied into worktree ${tree}`);
  for (const w of result.warnings) lines.push(`warning: ${w}`);
  return lines.join("\n") || "No wf-task hooks found.";
}

type ClaudeResult = { changed: boolean; file: string; added: string[]; removed: string[] };

function describeClaude(r: ClaudeResult, root: string): string {
  const file = relative(root, r.file) || r.file;
  if (!r.changed) return `${file}: wf-task's Claude Code hooks already as wanted`;
  return [...r.added.map((h) => `added     ${h} (${file})`), ...r.removed.map((h) => `removed   ${h} (${file})`)].join(
    "\n",
  );
}

async function claude(ctx: CommandContext<any>, uninstall: boolean): Promise<ClaudeResult> {
  const { installClaudeHooks } = await import("../../integrations/claude-settings.ts");
  const loaded = await ctx.project();
  return installClaudeHooks({ root: loaded.root, uninstall, stop: Boolean(ctx.args.stop) });
}

const install = defineCommand({
  meta: {
    name: "install",
    description: "Add `wf-task precommit` to .husky/pre-commit (husky) or the git pre-commit hook",
    details: [
      "husky is used when core.hooksPath points into .husky/ or a .husky/ folder exists; lines already in .husky/pre-commit",
      "are kept. Otherwise the git hook (core.hooksPath, else .git/hooks, shared by every worktree) is written; another",
      "tool's hook is refused without --force (with --force it is kept and run first). With husky, worktrees that lack the",
      "git-ignored .husky/_ runner get a copy. The gate's lines go first, before the project's other steps, and find",
      "wf-task from the worktree the commit is made in: its node_modules, else the main checkout's, else PATH; with none",
      "the commit is refused, saying so. The commit-msg hook (trust gate) is added when enforcement.trust.gate is on",
      "or with --commit-msg. --claude installs the Claude Code hooks (.claude/settings.json) instead, or as well with --husky/--git.",
      "",
      "--json: {manager, files:[{hook, file, action, backup?}], worktrees_fixed[], warnings[], claude?}",
    ].join("\n"),
    examples: [
      "wf-task hooks install",
      "wf-task hooks install --git --force",
      'wf-task hooks install --command "node ./node_modules/wf-task/dist/cli.js precommit"',
    ],
  },
  args: {
    husky: { type: "boolean", description: "Write .husky/pre-commit" },
    git: { type: "boolean", description: "Write the git hook (core.hooksPath or .git/hooks)" },
    claude: { type: "boolean", description: "Install the Claude Code hooks" },
    stop: {
      type: "boolean",
      description: "With --claude: also a Stop hook that tracks session_stopped for `compound metrics`",
    },
    command: {
      type: "string",
      description: "The gate's command line (default: wf-task of the worktree, the main checkout or PATH)",
      valueHint: "cmd",
    },
    commitMsg: { type: "boolean", description: "Also add the commit-msg hook (trust gate)" },
    force: { type: "boolean", alias: "f", description: "Take over another tool's git hook (kept, run first)" },
  },
  async run(ctx) {
    const forced = manager(ctx);
    let claudeResult: ClaudeResult | undefined;
    if (ctx.args.claude) claudeResult = await claude(ctx, false);
    if (ctx.args.claude && !forced) {
      const root = (await ctx.project()).root;
      ctx.emit({ claude: claudeResult }, () => describeClaude(claudeResult!, root));
      return EXIT.ok;
    }
    const loaded = await ctx.project();
    const { installGitHooks } = await import("../hooks.ts");
    const hooks: HookName[] = ["pre-commit"];
    if (ctx.args.commitMsg || loaded.config.enforcement.trust.gate) hooks.push("commit-msg");
    const result = installGitHooks({
      git: { cwd: ctx.cwd, env: ctx.env },
      manager: forced,
      command: ctx.args.command,
      force: ctx.args.force,
      hooks,
      env: ctx.env,
    });
    ctx.emit(claudeResult === undefined ? result : { ...result, claude: claudeResult }, () =>
      [claudeResult ? describeClaude(claudeResult, loaded.root) : "", describe(result, loaded.root)]
        .filter(Boolean)
        .join("\n"),
    );
    return EXIT.ok;
  },
});

const uninstall = defineCommand({
  meta: {
    name: "uninstall",
    description: "Remove wf-task's lines from the hooks (a hook it moved aside is restored)",
    details: "--json: {manager, files:[{hook, file, action}], worktrees_fixed[], warnings[]}",
  },
  args: {
    husky: { type: "boolean", description: "From .husky/" },
    git: { type: "boolean", description: "From the git hooks folder" },
    claude: { type: "boolean", description: "Remove the Claude Code hooks instead" },
  },
  async run(ctx) {
    if (ctx.args.claude) {
      const r = await claude(ctx, true);
      const root = (await ctx.project()).root;
      ctx.emit({ claude: r }, () => describeClaude(r, root));
      return EXIT.ok;
    }
    const { uninstallGitHooks } = await import("../hooks.ts");
    const loaded = await ctx.project();
    const result = uninstallGitHooks({ git: { cwd: ctx.cwd, env: ctx.env }, manager: manager(ctx) });
    ctx.emit(result, () => describe(result, loaded.root));
    return EXIT.ok;
  },
});

const status = defineCommand({
  meta: {
    name: "status",
    description: "Per worktree: is the pre-commit gate installed, and would git run it",
    details:
      "--json: {manager, hooks_path, worktrees:[{path, branch, main, hook, installed, runs, problem}]}\nExit 1 when the gate would not run in some worktree.",
  },
  async run(ctx) {
    const { gitHooksStatus } = await import("../hooks.ts");
    const s = await gitHooksStatus(ctx.cwd, ctx.env);
    ctx.emit(s, () =>
      [
        `hooks: ${s.manager}${s.hooks_path ? ` (core.hooksPath ${s.hooks_path})` : ""}`,
        ...s.worktrees.map(
          (w) =>
            `${w.runs ? "✓" : "✗"} ${w.path} [${w.branch ?? "detached"}] ${w.runs ? "runs wf-task precommit" : w.problem}`,
        ),
      ].join("\n"),
    );
    return s.worktrees.every((w) => w.runs) ? EXIT.ok : EXIT.check;
  },
});

export default defineCommand({
  meta: { name: "hooks", description: "Install, check and remove git/husky and Claude Code hooks" },
  subCommands: { install, status, uninstall },
});
