import { relative } from "node:path";
import { defineCommand } from "../../core/command.ts";
import { usageError } from "../../core/errors.ts";
import { projectOf, table } from "../cli.ts";
import { worktreeCleanup, type CleanupResult } from "../cleanup.ts";
import { worktreeSync } from "../sync.ts";
import { worktreeCreate, worktreeList, worktreeStatus } from "../worktrees.ts";

const role = {
  type: "positional",
  description: "The agent's role (backend, frontend, qa, …)",
  required: true,
} as const;
const base = {
  type: "string",
  description: "Base branch (default: parallel.baseBranch, else the current branch)",
  valueHint: "branch",
} as const;

const create = defineCommand({
  meta: {
    name: "create",
    description: "Make .worktrees/<role> on its branch (reused when it exists), arm it and run the setup",
    details: [
      "Arming: the main checkout's node_modules is linked in (unless parallel.setup.install is set), husky's runner and",
      "uncommitted .husky hooks, .claude/settings*.json and the hook launcher are copied when the worktree lacks them,",
      "then parallel.setup.copy (and .worktreeinclude) files are copied and parallel.setup.install/run run in the worktree.",
      "A guard that could not be armed (TDD gate, Claude Code hooks, wf-task not found) is a warning.",
      "JSON: {role, path, branch, base, created, branch_created, setup: {copied[], linked[], warnings[], ran[{command, code}], log, ok} | null}",
      "Exit 1 when a setup command failed (the worktree stays).",
    ].join("\n"),
    examples: [
      "wf-task worktree create backend",
      "wf-task worktree create qa --branch feature/login-qa --base develop",
    ],
  },
  args: {
    role,
    branch: { type: "string", description: "Branch (default feature/<feature-or-repo>-<role>)", valueHint: "name" },
    base,
    feature: { type: "string", description: "Feature the default branch is named after", valueHint: "name" },
    setup: {
      type: "boolean",
      description: "Copy .env files etc. and run parallel.setup.run (--no-setup to skip)",
      default: true,
    },
  },
  async run(ctx) {
    const project = await projectOf(ctx);
    const r = await worktreeCreate(project, ctx.args.role, {
      branch: ctx.args.branch,
      base: ctx.args.base,
      feature: ctx.args.feature,
      setup: ctx.args.setup,
    });
    ctx.emit(r, () => {
      const lines = [
        `${r.created ? "created" : "reused"} ${relative(project.root, r.path)} on ${r.branch}${r.branch_created ? ` (new, from ${r.base})` : ""}`,
      ];
      if (r.setup?.copied.length) lines.push(`copied: ${r.setup.copied.join(", ")}`);
      if (r.setup?.linked.length) lines.push(`linked: ${r.setup.linked.join(", ")} (the main checkout's)`);
      for (const w of r.setup?.warnings ?? []) lines.push(`warning: ${w}`);
      for (const c of r.setup?.ran ?? []) lines.push(`setup: ${c.command} → exit ${c.code}`);
      if (r.setup?.log) lines.push(`setup log: ${r.setup.log}`);
      return lines.join("\n");
    });
    if (r.setup && !r.setup.ok) {
      ctx.warn(`a setup command failed; see ${r.setup.log}`);
      return 1;
    }
    return 0;
  },
});

const list = defineCommand({
  meta: {
    name: "list",
    description: "Every agent worktree, also those made by hand",
    details:
      "JSON: [{role, path, branch, status: clean|dirty|missing, port, uncommitted_changes, ahead, behind, managed, head, locked}]",
  },
  args: { all: { type: "boolean", description: "Include the main checkout" }, base },
  async run(ctx) {
    const project = await projectOf(ctx);
    const rows = await worktreeList(project, { all: ctx.args.all, base: ctx.args.base });
    ctx.emit(rows, () =>
      rows.length
        ? table(
            ["ROLE", "STATUS", "BRANCH", "PORT", "CHANGES", "AHEAD", "BEHIND", "PATH"],
            rows.map((w) => [
              w.role,
              w.status,
              w.branch ?? "(detached)",
              w.port ? String(w.port) : "—",
              String(w.uncommitted_changes),
              String(w.ahead),
              String(w.behind),
              relative(project.root, w.path) || ".",
            ]),
          )
        : "no worktrees — make one with `wf-task worktree create <role>`",
    );
  },
});

const status = defineCommand({
  meta: {
    name: "status",
    description: "Does the worktree exist, is it clean, how far ahead/behind the base",
    details: [
      "JSON: {role, exists, clean, uncommitted_changes, ahead, behind, path, branch, base, changes[]}",
      "Exit 0 either way; `exists` and `clean` carry the answer.",
    ].join("\n"),
  },
  args: { role, base },
  async run(ctx) {
    const project = await projectOf(ctx);
    const s = await worktreeStatus(project, ctx.args.role, { base: ctx.args.base });
    ctx.emit(s, () =>
      s.exists
        ? [
            `${s.role}: ${s.clean ? "clean" : `${s.uncommitted_changes} uncommitted change(s)`}, ${s.ahead} ahead / ${s.behind} behind ${s.base}`,
            `  ${relative(project.root, s.path)} on ${s.branch ?? "(detached)"}`,
            ...s.changes.map((c) => `  ${c}`),
          ].join("\n")
        : `${s.role}: no worktree at ${relative(project.root, s.path)}`,
    );
  },
});

const cleanup = defineCommand({
  meta: {
    name: "cleanup",
    description: "Remove the worktree, its branch (if merged) and its port — never losing work",
    details: [
      "Refuses (exit 1, nothing touched) on uncommitted or untracked changes, or on commits not on the base nor a remote branch",
      "(rebased, cherry-picked and squash-merged work counts as merged). --force saves refs/wf-backup/<role>/<timestamp>",
      "and a stash of the changes first, then removes everything. Before removal (with --force too), the worktree's session",
      "memory and parallel.preserve files that differ from the main checkout's are archived under",
      "<sessions>/archive/<feature>/<role>/<timestamp>/ in the main checkout.",
      "JSON: {role, path, branch, removed, refused, reasons[], changes[], unmerged[], merged, branch_deleted, backup_ref, stash, port_released,",
      "archived: {dir, files[]} | null}",
      "--all: every agent worktree under parallel.worktreeBase (the original's cleanup-all), each as above; a refused one is",
      "kept and the rest removed. JSON: {removed[], refused[], results[]}; exit 1 when any was refused.",
    ].join("\n"),
    examples: [
      "wf-task worktree cleanup backend",
      "wf-task worktree cleanup --all",
      "wf-task worktree cleanup --all --force",
    ],
  },
  args: {
    role: { ...role, required: false, description: "The agent's role (omit with --all)" },
    all: { type: "boolean", description: "Every agent worktree (refusing dirty/unmerged ones unless --force)" },
    force: { type: "boolean", alias: "f", description: "Remove anyway, after saving a backup ref and a stash" },
    base,
    keepBranch: { type: "boolean", description: "Keep the branch" },
  },
  async run(ctx) {
    const project = await projectOf(ctx);
    if (ctx.args.all) {
      if (ctx.args.role)
        throw usageError(
          "give a role or --all, not both",
          "`wf-task worktree cleanup --all` cleans every agent worktree",
        );
      const rows = (await worktreeList(project, { base: ctx.args.base })).filter((w) => w.managed);
      const results: CleanupResult[] = [];
      for (const w of rows)
        results.push(
          await worktreeCleanup(project, w.role, {
            force: ctx.args.force,
            base: ctx.args.base,
            keepBranch: ctx.args.keepBranch,
          }),
        );
      const removed = results.filter((r) => r.removed).map((r) => r.role);
      const refused = results.filter((r) => r.refused).map((r) => r.role);
      ctx.emit({ removed, refused, results }, () => {
        if (!results.length) return "no agent worktrees to clean up";
        const lines = results.map((r) =>
          r.refused
            ? `refused ${r.role}: ${r.reasons.join("; ")}`
            : `removed ${relative(project.root, r.path)}${r.branch ? `; branch ${r.branch} ${r.branch_deleted ? "deleted" : "kept"}` : ""}`,
        );
        if (refused.length)
          lines.push("  commit or merge the work, or pass --force (a backup ref and a stash are saved first)");
        return lines.join("\n");
      });
      return refused.length ? 1 : 0;
    }
    if (!ctx.args.role)
      throw usageError(
        "expected a role, or --all",
        "`wf-task worktree cleanup <role>` or `wf-task worktree cleanup --all`",
      );
    const r = await worktreeCleanup(project, ctx.args.role, {
      force: ctx.args.force,
      base: ctx.args.base,
      keepBranch: ctx.args.keepBranch,
    });
    ctx.emit(r, () => {
      if (r.refused) {
        return [
          `refused to clean up ${r.role}: ${r.reasons.join("; ")}`,
          ...r.changes.slice(0, 20).map((c) => `  ${c}`),
          ...r.unmerged.slice(0, 20).map((c) => `  unmerged ${c.slice(0, 12)}`),
          "  commit or merge the work, or pass --force (a backup ref and a stash are saved first)",
        ].join("\n");
      }
      const branchNote = r.branch ? `; branch ${r.branch} ${r.branch_deleted ? "deleted" : "kept"}` : "";
      const portNote = r.port_released ? `; port ${r.port_released} released` : "";
      const lines = [`removed ${relative(project.root, r.path)}${branchNote}${portNote}`];
      if (r.backup_ref) lines.push(`backup: ${r.backup_ref}`);
      if (r.stash) lines.push(`stash: ${r.stash} (also ${r.backup_ref}-stash)`);
      if (r.archived)
        lines.push(`archived to ${relative(project.root, r.archived.dir)}: ${r.archived.files.join(", ")}`);
      return lines.join("\n");
    });
    return r.refused ? 1 : 0;
  },
});

const sync = defineCommand({
  meta: {
    name: "sync",
    description: "Bring the base into the worktree (merge or rebase); refuses on a dirty tree",
    details: [
      "JSON: {role, base, strategy, status: up-to-date|synced|conflict|dirty, conflicts[], changes[], head_before, head_after}",
      "Exit 1 on conflict (the merge is aborted, the tree is as it was) or a dirty tree.",
    ].join("\n"),
  },
  args: {
    role,
    base,
    strategy: {
      type: "string",
      description: "merge or rebase (default parallel.syncStrategy)",
      choices: ["merge", "rebase"],
    },
  },
  async run(ctx) {
    const project = await projectOf(ctx);
    const r = await worktreeSync(project, ctx.args.role, {
      base: ctx.args.base,
      strategy: ctx.args.strategy as "merge" | "rebase" | undefined,
    });
    ctx.emit(r, () => {
      if (r.status === "dirty")
        return `refused to sync ${r.role}: uncommitted changes\n${r.changes.map((c) => `  ${c}`).join("\n")}\n  commit or stash them first`;
      if (r.status === "conflict")
        return `conflict bringing ${r.base} into ${r.role}; the ${r.strategy} was aborted, nothing changed\n${r.conflicts.map((c) => `  ${c}`).join("\n")}`;
      return r.status === "synced"
        ? `${r.role}: ${r.strategy}d ${r.base} (${r.head_before.slice(0, 7)} → ${r.head_after.slice(0, 7)})`
        : `${r.role}: already up to date with ${r.base}`;
    });
    return r.status === "dirty" || r.status === "conflict" ? 1 : 0;
  },
});

export default defineCommand({
  meta: { name: "worktree", description: "Create, list, check, sync and clean up agent worktrees" },
  subCommands: { create, list, status, cleanup, sync },
  aliases: { ls: "list", rm: "cleanup", remove: "cleanup" },
});
