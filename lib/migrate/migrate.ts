// `wf-task migrate`: from the bash workflow's files to wf-task, in place, idempotent.
import { chmodSync, existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { LoadedConfig } from "../config/types.ts";
import { projectPaths } from "../config/paths.ts";
import { isWfError } from "../core/errors.ts";
import { atomicWriteSync } from "../util/atomic-write.ts";
import { withLock } from "../util/lock.ts";
import { LEGACY_SCRIPTS, definedFunctions, type LegacyScript } from "./functions.ts";
import { SHIM_MARK, shimText } from "./shim.ts";
import { VERSION } from "../version.ts";

/** Where the originals go, under `.ai/workflow/`. */
export const BACKUP_DIR = ".bash-backup";

/** One thing migrate did (or, with --dry-run, would do). */
export interface MigrateAction {
  kind: "shim" | "scripts" | "progress" | "trust_model" | "config";
  /** Relative to the project root. */
  path: string;
  action:
    "replaced" | "updated" | "unchanged" | "installed" | "kept" | "would-replace" | "would-update" | "would-install";
  detail: string;
}

/** What `wf-task migrate --json` prints. */
export interface MigrateReport {
  dry_run: boolean;
  workflow_dir: string;
  backup_dir: string;
  actions: MigrateAction[];
  could_not: { path: string; reason: string }[];
}

const HELPERS = /^(_.*|usage|main|log|die|error|info|warn|debug|fail|require_.*|check_deps|print_.*|show_help)$/;
const message = (e: unknown) => (isWfError(e) ? `${e.where ? `${e.where}: ` : ""}${e.message}` : (e as Error).message);

/** The version of wf-task that wrote a shim (its first comment line), or null. */
function writtenBy(shim: string): string | null {
  return new RegExp(`${SHIM_MARK} \\(wf-task ([^)]+)\\)`).exec(shim)?.[1] ?? null;
}

/** The functions a shim says have no equivalent (when its original is not in the backup folder). */
function missingIn(shim: string): string[] {
  return [...shim.matchAll(/^(\w+)\(\) \{ echo "\1: no wf-task equivalent/gm)].map((m) => m[1]!);
}

/** Replaces the bash files with shims, installs the compiled scripts, checks the state files. */
export async function migrate(
  loaded: LoadedConfig,
  options: { dryRun?: boolean; scripts: readonly import("../scripts/assets.ts").ScriptEntry[] },
): Promise<MigrateReport> {
  const dry = !!options.dryRun;
  const paths = projectPaths(loaded);
  const wf = paths.workflowDir;
  const rel = (p: string) => relative(loaded.root, p) || ".";
  const report: MigrateReport = {
    dry_run: dry,
    workflow_dir: wf,
    backup_dir: join(wf, BACKUP_DIR),
    actions: [],
    could_not: [],
  };

  // 1. The compiled scripts the shims call (the team's own YAML/JSON files are kept).
  const originals = LEGACY_SCRIPTS.filter((s) => existsSync(join(wf, s.sh)));
  const isShim = (s: LegacyScript) => readFileSync(join(wf, s.sh), "utf8").includes(SHIM_MARK);
  const toShim = originals.filter((s) => !isShim(s));
  if (dry)
    report.actions.push({
      kind: "scripts",
      path: rel(wf),
      action: "would-install",
      detail: "the compiled scripts (.mjs) and their runtime",
    });
  else {
    try {
      const { installScripts } = await import("../scripts/install.ts");
      const r = await installScripts(loaded, { scripts: options.scripts, keepExisting: true });
      const detail = [
        `${r.written.length} written, ${r.unchanged.length} unchanged`,
        r.kept.length ? `kept your ${r.kept.join(", ")}` : "",
      ]
        .filter(Boolean)
        .join("; ");
      report.actions.push({
        kind: "scripts",
        path: rel(wf),
        action: r.written.length ? "installed" : "unchanged",
        detail,
      });
    } catch (error) {
      report.could_not.push({ path: rel(wf), reason: `installing the compiled scripts failed: ${message(error)}` });
      return report;
    }
  }

  // 2. Each original bash file → a shim; the original into the backup folder.
  for (const script of originals) {
    const file = join(wf, script.sh);
    const backup = join(wf, BACKUP_DIR, script.sh);
    const present = readFileSync(file, "utf8");
    const already = !toShim.includes(script);
    // A shim already: an older wf-task's is written again from the original kept in the backup.
    const original = already ? (existsSync(backup) ? readFileSync(backup, "utf8") : null) : present;
    const defined = original === null ? missingIn(present) : definedFunctions(original).filter((f) => !HELPERS.test(f));
    const prefixes = new Set(Object.keys(script.functions).map((f) => f.split("_")[0]));
    const missing = defined.filter((f) => !(f in script.functions) && prefixes.has(f.split("_")[0]));
    const shim = shimText(script, rel(backup), missing);
    const count = Object.keys(script.functions).length;
    const detail = `${count} function${count === 1 ? "" : "s"} over ${script.mjs}.mjs`;
    if (already) {
      // Written by this version but not as it writes it: edited by hand, and kept.
      const edited = shim !== present && writtenBy(present) === VERSION;
      if (edited)
        report.could_not.push({
          path: rel(file),
          reason:
            "edited since `wf-task migrate` wrote it: kept as it is (remove it and run migrate again to write it anew)",
        });
      if (shim === present || edited) {
        report.actions.push({ kind: "shim", path: rel(file), action: "unchanged", detail: "already a wf-task shim" });
        continue;
      }
      if (!dry) await withLock(file, () => atomicWriteSync(file, shim, { mode: 0o755 }));
      report.actions.push({
        kind: "shim",
        path: rel(file),
        action: dry ? "would-update" : "updated",
        detail: `an older wf-task's shim, written again: ${detail}`,
      });
      continue;
    }
    if (missing.length)
      report.could_not.push({
        path: rel(file),
        reason: `no wf-task equivalent for ${missing.join(", ")} (they print so and return 3)`,
      });
    if (dry) {
      report.actions.push({ kind: "shim", path: rel(file), action: "would-replace", detail });
      continue;
    }
    await withLock(file, () => {
      if (!existsSync(backup)) atomicWriteSync(backup, present, { mode: statSync(file).mode & 0o777 });
      atomicWriteSync(file, shim, { mode: 0o755 });
      chmodSync(file, 0o755);
    });
    report.actions.push({
      kind: "shim",
      path: rel(file),
      action: "replaced",
      detail: `${detail}; original in ${rel(backup)}`,
    });
  }
  for (const extra of otherShellFiles(wf, originals)) {
    report.could_not.push({
      path: rel(join(wf, extra)),
      reason: "not one of the bash workflow's scripts: left as it is",
    });
  }

  // 3. The state and config files: read as they are, or say why not.
  await checkFile(report, "progress", paths.progressFile, rel, async () => {
    const { readProgressDoc } = await import("../harness/progress.ts");
    const { dialect } = await import("../harness/progress-doc.ts");
    const doc = await readProgressDoc(paths.progressFile);
    return doc && dialect(doc) === "plain"
      ? "the bash workflow's plain dialect: read and written back in its own form"
      : "read as it is";
  });
  await checkFile(report, "trust_model", join(loaded.root, loaded.config.trust.modelFile), rel, async () => {
    const { loadTrustModel } = await import("../trust/load.ts");
    const model = await loadTrustModel(loaded);
    return model.warnings.length
      ? `read as it is; ${model.warnings.length} warning(s): ${model.warnings.join("; ")}`
      : "read as it is";
  });
  const legacy = loaded.sources.find((s) => s.kind === "legacy");
  if (legacy) {
    const warnings = loaded.warnings.length
      ? `; ${loaded.warnings.length} warning(s): ${loaded.warnings.join("; ")}`
      : "";
    report.actions.push({
      kind: "config",
      path: rel(legacy.path),
      action: "kept",
      detail: `read as it is${warnings} (\`wf-task config migrate\` writes workflow.config.ts from it)`,
    });
  }
  return report;
}

async function checkFile(
  report: MigrateReport,
  kind: MigrateAction["kind"],
  file: string,
  rel: (p: string) => string,
  check: () => Promise<string>,
): Promise<void> {
  if (!existsSync(file)) return;
  try {
    report.actions.push({ kind, path: rel(file), action: "kept", detail: await check() });
  } catch (error) {
    report.could_not.push({ path: rel(file), reason: message(error) });
  }
}

/** `.sh` files under the workflow folder that are not the bash workflow's scripts (the backup excluded). */
function otherShellFiles(wf: string, known: LegacyScript[]): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      if (name.name === BACKUP_DIR || name.name === "_runtime") continue;
      const relPath = prefix ? `${prefix}/${name.name}` : name.name;
      if (name.isDirectory()) walk(join(dir, name.name), relPath);
      else if (
        name.name.endsWith(".sh") &&
        !known.some((k) => k.sh === relPath) &&
        !LEGACY_SCRIPTS.some((k) => k.sh === relPath)
      )
        out.push(relPath);
    }
  };
  if (existsSync(wf)) walk(wf, "");
  return out.sort();
}
