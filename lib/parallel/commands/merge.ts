import { defineCommand } from "../../core/command.ts";
import { projectOf } from "../cli.ts";
import { parseRoles } from "../names.ts";

export const MERGE_DETAILS = [
  "Lands agents' branches on the run's base one at a time. Default agents: those whose progress file says completed.",
  "Order: fewest predicted conflicts first (with the base and with each other, by `git merge-tree --write-tree`), run order",
  "among equals; an agent whose tip another one builds on goes first. Each step is predicted with merge-tree, then merged",
  "in a scratch checkout where the TDD gate (and --test-command) run on the result; only then is the base fast-forwarded.",
  "It stops at the first agent that would conflict or fail: the base is never left half-merged (no MERGE_HEAD, clean tree).",
  "--dry-run simulates the whole sequence (merge-tree + commit-tree, no ref moves; the gate is not run) and prints the plan.",
  "--rebase: after each landing, rebase the remaining agents' branches onto the base (a dirty worktree is refused).",
  "Exit 0: everything selected landed (or would); 1: stopped at a conflict or a failed check; 3: git < 2.38.",
  "JSON: {feature, base, dry_run, selected_by: roles|completed, order[], base_before, base_after, landed[], left[], stopped_at,",
  "reason, steps: [{role, branch, tip, status: planned|landed|up-to-date|conflict|gate_failed|tests_failed|failed|not_reached,",
  "conflicts: [{path, types[], hunks: [{start, end}]}], reason, commit, violations[]}], rebased: [{after, role, status, conflicts[]}],",
  "warnings[]} — e.g. a selected agent's uncommitted changes, which its merge leaves out.",
].join("\n");

/** `wf-task parallel merge`. */
export const mergeCommand = defineCommand({
  meta: {
    name: "merge",
    description: "Land the agents' branches on the base in a safe order, each checked first",
    details: MERGE_DETAILS,
    examples: [
      "wf-task parallel merge auth-system --dry-run",
      "wf-task parallel merge auth-system backend qa",
      "wf-task parallel merge auth-system --rebase --test-command 'npm test'",
    ],
  },
  args: {
    feature: { type: "positional", description: "The feature of the run", required: true },
    roles: {
      type: "positional",
      description: "Agents to merge (default: those whose progress says completed)",
      multiple: true,
    },
    dryRun: { type: "boolean", alias: "n", description: "Print the plan, change nothing" },
    rebase: { type: "boolean", description: "After each landing, rebase the remaining agents onto the base" },
    testCommand: {
      type: "string",
      description: "Also run this on each merge result, in a scratch checkout (default enforcement.tdd.testCommand)",
      valueHint: "cmd",
    },
  },
  async run(ctx) {
    const [{ parallelMerge, renderMerge }, project] = await Promise.all([import("../merge.ts"), projectOf(ctx)]);
    const roles = ctx.args.roles.length ? parseRoles(ctx.args.roles) : undefined;
    const r = await parallelMerge(project, {
      feature: ctx.args.feature,
      roles,
      dryRun: ctx.args.dryRun,
      rebase: ctx.args.rebase,
      testCommand: ctx.args.testCommand ?? (project.config.enforcement.tdd.testCommand || undefined),
      onStep: ctx.json || !ctx.isTTY ? undefined : (t) => ctx.print(t),
    });
    ctx.emit(r, () => renderMerge(r));
    return r.stopped_at ? 1 : 0;
  },
});

export default mergeCommand;
