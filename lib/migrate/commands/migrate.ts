import { relative } from "node:path";
import { defineCommand } from "../../core/command.ts";
import { scriptMap } from "../../cli/registry.ts";

/** `wf-task migrate`: a repo on the bash workflow moves to wf-task in place. */
export default defineCommand({
  meta: {
    name: "migrate",
    description:
      "Move a repo from the bash workflow to wf-task: shims for its .sh files, the compiled scripts, checks of its files",
    details: [
      "Installs the compiled scripts (your trust_model.yaml, schemas and MCP YAML are kept), replaces each of the bash workflow's",
      ".ai/workflow/**/*.sh with a few-line shim that defines the same functions over its compiled script (so",
      "`source .ai/workflow/enforcement/trust_evaluator.sh; trust_get_level src/x.php` keeps working), keeps the originals",
      "under .ai/workflow/.bash-backup/, and checks that the progress file, trust model and config.yaml read as they are.",
      "Idempotent: a second run changes nothing; after an upgrade of wf-task it writes an older version's shims again",
      "(from the originals in the backup). What it could not do is listed (could_not); exit 1 only when the",
      "compiled scripts could not be installed (then nothing else was changed).",
      "JSON: {dry_run, workflow_dir, backup_dir, actions:[{kind: shim|scripts|progress|trust_model|config, path,",
      "       action: replaced|updated|unchanged|installed|kept|would-replace|would-update|would-install, detail}],",
      "       could_not:[{path, reason}]}",
    ].join("\n"),
    examples: ["wf-task migrate --dry-run", "wf-task migrate --json"],
  },
  args: { "dry-run": { type: "boolean", description: "Say what would change; write nothing" } },
  async run(ctx) {
    const loaded = await ctx.project();
    const { migrate } = await import("../migrate.ts");
    const report = await migrate(loaded, { dryRun: ctx.args["dry-run"], scripts: scriptMap() });
    ctx.emit(report, () => {
      const lines = [
        report.dry_run
          ? "Dry run: nothing written."
          : `Migrated ${relative(ctx.cwd, report.workflow_dir) || "."} to wf-task.`,
      ];
      for (const a of report.actions) lines.push(`  ${a.action.padEnd(13)} ${a.path} — ${a.detail}`);
      if (report.could_not.length) lines.push("Could not:", ...report.could_not.map((c) => `  ${c.path}: ${c.reason}`));
      if (!report.dry_run) lines.push("Next: run your slash commands and hooks as before; see docs/migration.md.");
      return lines.join("\n");
    });
    return report.actions.some((a) => a.kind === "scripts") ? 0 : 1;
  },
});
