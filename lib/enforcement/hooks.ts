import { cpSync, existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { atomicWriteSync } from "../util/atomic-write.ts";
import { WfError } from "../core/errors.ts";
import { runGit, type GitEnv } from "./git.ts";
import { executable, gateLines, resolveWfTask } from "../core/launcher.ts";
import { runsMigratedScript, scriptCalls } from "../migrate/shim.ts";

/** Marks the lines wf-task owns in a hook file. */
export const BLOCK_START = "# >>> wf-task >>>";
export const BLOCK_END = "# <<< wf-task <<<";
/**
 * What the pre-commit hook runs by default: wf-task found from the worktree the commit is made in
 * (that worktree's install, else the main checkout's, else PATH), never `npx`, which would ask the
 * registry when it finds none.
 */
export const DEFAULT_HOOK_COMMAND = "wf-task precommit";
/** A foreign git hook kept by `hooks install --force`, run before wf-task's. */
export const BACKUP_SUFFIX = ".pre-wf-task";

export type HookName = "pre-commit" | "commit-msg";
export type HookManager = "husky" | "git";

/** How the repository runs hooks. */
export interface HookLayout {
  manager: HookManager;
  /** The worktree wf-task runs in. */
  top: string;
  /** The shared `.git` folder. */
  commonDir: string;
  /** `core.hooksPath`, as configured (relative paths are per worktree), or null. */
  hooksPath: string | null;
}

function tryGit(g: GitEnv, args: string[]): string | null {
  try {
    return runGit(g, args).trim();
  } catch (error) {
    if ((error as { code?: string }).code === "E_PREREQ_REPO" || (error as { code?: string }).code === "E_PREREQ_GIT")
      throw error;
    return null;
  }
}

/** Reads the hook layout of the repo around `g.cwd`: husky when core.hooksPath points into .husky or a .husky folder exists. */
export function hookLayout(g: GitEnv, force?: HookManager): HookLayout {
  const [top, common] = runGit(g, ["rev-parse", "--show-toplevel", "--git-common-dir"]).trim().split("\n");
  const hooksPath = tryGit(g, ["config", "--get", "core.hooksPath"]) || null;
  return layoutOf(top!, resolve(g.cwd, common!), hooksPath, force);
}

/** The hook layout from what git says of a worktree: its top folder, the shared `.git` folder and `core.hooksPath`. */
export function layoutOf(top: string, commonDir: string, hooksPath: string | null, force?: HookManager): HookLayout {
  const huskyPath = hooksPath !== null && /(^|\/)\.husky\/_\/?$/.test(hooksPath);
  const manager = force ?? (huskyPath || existsSync(join(top, ".husky")) ? "husky" : "git");
  return { manager, top, commonDir, hooksPath };
}

/** The folder git runs hooks from, in a given worktree. */
export function hooksDir(layout: HookLayout, worktree: string): string {
  if (!layout.hooksPath) return join(layout.commonDir, "hooks");
  return isAbsolute(layout.hooksPath) ? layout.hooksPath : resolve(worktree, layout.hooksPath);
}

/** The file wf-task writes its lines into: `.husky/<hook>` with husky, else the git hook itself. */
export function hookFile(layout: HookLayout, hook: HookName, worktree = layout.top): string {
  return layout.manager === "husky" ? join(worktree, ".husky", hook) : join(hooksDir(layout, worktree), hook);
}

/** The wf-task block for a hook. `command` runs the gate (`… precommit`); by default wf-task is found from the worktree. */
export function hookBlock(hook: HookName, command?: string): string {
  const args = hook === "commit-msg" ? 'precommit --message-file "$1"' : "precommit";
  const lines =
    command === undefined
      ? gateLines(args)
      : [hook === "commit-msg" ? `${command} --message-file "$1" || exit $?` : `${command} || exit $?`];
  return `${BLOCK_START}\n${lines.join("\n")}\n${BLOCK_END}\n`;
}

/** `text` with the block first (after a `#!` line): the gate runs before the project's other steps. */
function prepend(text: string, block: string): string {
  if (!text.startsWith("#!")) return `${block}${text}`;
  const nl = text.indexOf("\n");
  return nl < 0 ? `${text}\n${block}` : `${text.slice(0, nl + 1)}${block}${text.slice(nl + 1)}`;
}

const blockRe = new RegExp(`${BLOCK_START.replace(/[>]/g, "\\>")}\\n[\\s\\S]*?${BLOCK_END.replace(/[<]/g, "\\<")}\\n?`);

/** True when a hook file holds the wf-task block. */
export function hasBlock(text: string): boolean {
  return text.includes(BLOCK_START) && text.includes(BLOCK_END);
}

const read = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : null);

/** True when a line of the hook runs `wf-task migrate`'s gate (the shim of `hooks/pre_commit_tdd.sh`, or its script). */
export const callsMigratedGate = (text: string, worktree: string) =>
  runsMigratedScript(text, worktree, "hooks/pre_commit_tdd");

/**
 * Why a hook that calls the bash workflow's `hooks/pre_commit_tdd.sh` runs no gate in `worktree`:
 * the file there is still the original (a branch from before `wf-task migrate`). Null for any other hook.
 */
function bashOriginalGate(text: string, worktree: string): string | null {
  const original = scriptCalls(text, worktree, "hooks/pre_commit_tdd").find(
    (c) => !c.migrated && c.file.endsWith(".sh"),
  );
  if (!original) return null;
  const fix = "bring the migration in (`wf-task worktree sync`, or merge the base)";
  return `runs ${relative(worktree, original.file)}, which is still the bash original on this branch: ${fix}`;
}

/** The hook runs the gate: wf-task's block, or the migrated gate script. */
const runsGate = (text: string | null, worktree: string, hook: HookName = "pre-commit") =>
  text !== null && (hasBlock(text) || (hook === "pre-commit" && callsMigratedGate(text, worktree)));

/** One file `hooks install` or `uninstall` touched. */
export interface HookFileChange {
  hook: HookName;
  file: string;
  action: "created" | "added" | "updated" | "unchanged" | "removed" | "deleted" | "restored" | "absent";
  /** A foreign hook moved aside with --force, still run first. */
  backup?: string;
}

export interface InstallOptions {
  git: GitEnv;
  /** Force husky or plain git hooks (default: detected). */
  manager?: HookManager;
  /** The gate's command line (default: wf-task found from the worktree, then the main checkout, then PATH). */
  command?: string;
  /** Hooks to install (default pre-commit; commit-msg adds the trust gate). */
  hooks?: HookName[];
  /** Take over a foreign git hook (it is kept and run first). */
  force?: boolean;
  /** The environment, for finding wf-task on PATH (default process.env). */
  env?: Record<string, string | undefined>;
}

/** The result of `hooks install` / `hooks uninstall`. */
export interface InstallResult {
  manager: HookManager;
  files: HookFileChange[];
  /** Worktrees that got husky's `.husky/_` copied in so hooks run there too. */
  worktrees_fixed: string[];
  warnings: string[];
}

/** Installs the gate into husky's `.husky/<hook>` (keeping lines there) or a plain git hook. */
export function installGitHooks(options: InstallOptions): InstallResult {
  const layout = hookLayout(options.git, options.manager);
  const command = options.command?.trim() || undefined;
  if (command !== undefined && /[\n\r]/.test(command))
    throw new WfError("E_USAGE", "expected a one-line --command", {
      hint: 'e.g. --command "node ./node_modules/wf-task/dist/cli.js precommit"',
    });
  const result: InstallResult = { manager: layout.manager, files: [], worktrees_fixed: [], warnings: [] };
  for (const hook of options.hooks ?? ["pre-commit"]) {
    const file = hookFile(layout, hook);
    const block = hookBlock(hook, command);
    const text = read(file);
    if (text === null) {
      const body =
        layout.manager === "husky"
          ? block
          : `#!/bin/sh\n# Installed by \`wf-task hooks install\`; remove with \`wf-task hooks uninstall\`.\n${block}`;
      atomicWriteSync(file, body, { mode: 0o755 });
      result.files.push({ hook, file, action: "created" });
    } else if (hasBlock(text)) {
      const next = text.replace(blockRe, block);
      if (next !== text) atomicWriteSync(file, next, { mode: 0o755 });
      result.files.push({ hook, file, action: next === text ? "unchanged" : "updated" });
    } else if (runsGate(text, layout.top, hook)) {
      result.files.push({ hook, file, action: "unchanged" }); // the migrated gate script already runs
    } else if (layout.manager === "husky") {
      atomicWriteSync(file, prepend(text, block), { mode: 0o755 });
      result.files.push({ hook, file, action: "added" });
    } else {
      if (!options.force) {
        throw new WfError("E_HOOK_FOREIGN", `${file} is another tool's ${hook} hook`, {
          hint: "rerun with --force to keep it (moved aside and run first) and add wf-task's check, or use husky",
        });
      }
      const backup = `${file}${BACKUP_SUFFIX}`;
      renameSync(file, backup);
      const body = [
        "#!/bin/sh",
        "# Installed by `wf-task hooks install --force`; the previous hook runs first.",
        `"$(dirname "$0")/${hook}${BACKUP_SUFFIX}" "$@" || exit $?`,
        block,
      ].join("\n");
      atomicWriteSync(file, body, { mode: 0o755 });
      result.files.push({ hook, file, action: "added", backup });
    }
  }
  if (command === undefined && !resolveWfTask(layout.top, options.env ?? process.env)) {
    result.warnings.push(
      "wf-task is installed neither in this project nor on PATH, so the hook will refuse every commit: run `npm i -D wf-task`, or give --command",
    );
  }
  if (layout.manager === "husky") {
    const { fixed, warnings } = ensureHuskyRunners(options.git, layout);
    result.worktrees_fixed = fixed;
    result.warnings.push(...warnings);
  }
  return result;
}

/** Copies husky's generated `.husky/_` into worktrees that lack it (it is git-ignored, so new worktrees have none). */
function ensureHuskyRunners(g: GitEnv, layout: HookLayout): { fixed: string[]; warnings: string[] } {
  const rel = layout.hooksPath && !isAbsolute(layout.hooksPath) ? layout.hooksPath : ".husky/_";
  const trees = listWorktrees(g).map((w) => w.path);
  const source = [layout.top, ...trees].map((t) => join(t, rel)).find((d) => existsSync(join(d, "h")));
  if (!layout.hooksPath || !source) {
    return {
      fixed: [],
      warnings: [
        "husky is not set up here (core.hooksPath is not .husky/_): run `npx husky` (the `prepare` script) so the hook runs",
      ],
    };
  }
  const fixed: string[] = [];
  for (const tree of trees) {
    const target = join(tree, rel);
    if (existsSync(join(target, "h"))) continue;
    cpSync(source, target, { recursive: true });
    fixed.push(tree);
  }
  return { fixed, warnings: [] };
}

/**
 * Arms the pre-commit gate in one worktree: with husky, copies the git-ignored `.husky/_` runner in
 * from another worktree. Returns what keeps the gate from running there (empty when it runs).
 */
export function armHooks(
  g: GitEnv,
  worktree: string,
  main: string,
  known?: HookLayout,
): { copied: string[]; warnings: string[] } {
  let layout: HookLayout;
  try {
    layout = known ?? hookLayout(g);
  } catch (error) {
    return { copied: [], warnings: [`the TDD gate cannot be checked: ${(error as Error).message}`] };
  }
  const copied: string[] = [];
  if (layout.manager === "husky") {
    // .husky/<hook> not committed yet: the worktree would commit unchecked.
    for (const hook of ["pre-commit", "commit-msg"] as const) {
      const from = hookFile(layout, hook, main);
      const to = hookFile(layout, hook, worktree);
      if (existsSync(from) && !existsSync(to)) {
        cpSync(from, to);
        copied.push(relative(worktree, to));
      }
    }
    if (layout.hooksPath && !isAbsolute(layout.hooksPath)) {
      const target = join(worktree, layout.hooksPath);
      const source = join(main, layout.hooksPath);
      if (!existsSync(join(target, "h")) && existsSync(join(source, "h"))) cpSync(source, target, { recursive: true });
    }
  }
  const warn = (w: string) => ({ copied, warnings: [w] });
  const text = read(hookFile(layout, "pre-commit", worktree));
  if (!runsGate(text, worktree))
    return warn(
      "the TDD gate is not installed, so commits here are not checked: run `wf-task hooks install` in the main checkout",
    );
  if (layout.manager === "husky" && !layout.hooksPath)
    return warn("the TDD gate will not run: core.hooksPath is not set (run `npx husky` in the main checkout)");
  const runner = join(hooksDir(layout, worktree), "pre-commit");
  if (!existsSync(runner))
    return warn(`the TDD gate will not run here: ${runner} is missing (run \`npx husky\` in the main checkout)`);
  if (!executable(runner)) return warn(`the TDD gate will not run here: ${runner} is not executable`);
  return { copied, warnings: [] };
}

/** Removes wf-task's lines; deletes a hook wf-task created and restores a hook it moved aside. */
export function uninstallGitHooks(options: Omit<InstallOptions, "command" | "force">): InstallResult {
  const layout = hookLayout(options.git, options.manager);
  const result: InstallResult = { manager: layout.manager, files: [], worktrees_fixed: [], warnings: [] };
  for (const hook of options.hooks ?? ["pre-commit", "commit-msg"]) {
    const file = hookFile(layout, hook);
    const text = read(file);
    if (text === null || !hasBlock(text)) {
      result.files.push({ hook, file, action: "absent" });
      continue;
    }
    const backup = `${file}${BACKUP_SUFFIX}`;
    if (existsSync(backup)) {
      renameSync(backup, file);
      result.files.push({ hook, file, action: "restored" });
      continue;
    }
    const rest = text.replace(blockRe, "");
    const meaningful = rest.split("\n").some((l) => l.trim() && !l.startsWith("#"));
    if (meaningful) {
      atomicWriteSync(file, rest, { mode: 0o755 });
      result.files.push({ hook, file, action: "removed" });
    } else {
      rmSync(file);
      result.files.push({ hook, file, action: "deleted" });
    }
  }
  return result;
}

/** A worktree of the repository. */
export interface Worktree {
  path: string;
  branch: string | null;
  main: boolean;
}

/** `git worktree list --porcelain`, main worktree first. */
export function listWorktrees(g: GitEnv): Worktree[] {
  const out = runGit(g, ["worktree", "list", "--porcelain"]);
  const trees: Worktree[] = [];
  for (const chunk of out.split("\n\n")) {
    const lines = chunk.split("\n");
    const path = lines.find((l) => l.startsWith("worktree "))?.slice(9);
    if (!path || lines.includes("bare")) continue;
    const branch =
      lines
        .find((l) => l.startsWith("branch "))
        ?.slice(7)
        .replace(/^refs\/heads\//, "") ?? null;
    trees.push({ path, branch, main: trees.length === 0 });
  }
  return trees;
}

/** Per worktree: which hook file git runs, whether wf-task's check is in it, whether it would run. */
export interface WorktreeHookStatus extends Worktree {
  /** The file holding wf-task's line (`.husky/pre-commit` or the git hook). */
  hook: string;
  installed: boolean;
  /** git would run the check on commit in this worktree. */
  runs: boolean;
  /** Why it would not run, or null. */
  problem: string | null;
}

/** `hooks status --json`. */
export interface HooksStatus {
  manager: HookManager;
  hooks_path: string | null;
  worktrees: WorktreeHookStatus[];
}

/** gitHooksStatus: for every worktree of the repo at `root`, whether the pre-commit gate is installed and would run. */
export async function gitHooksStatus(root: string, env?: Record<string, string | undefined>): Promise<HooksStatus> {
  const g = { cwd: root, env };
  const layout = hookLayout(g);
  const worktrees = listWorktrees(g).map((tree): WorktreeHookStatus => {
    const hook = hookFile(layout, "pre-commit", tree.path);
    const runner = join(hooksDir(layout, tree.path), "pre-commit");
    const text = read(hook);
    const installed = runsGate(text, tree.path);
    let problem: string | null = null;
    if (!installed)
      problem =
        text === null
          ? `${relative(tree.path, hook) || hook} does not exist: run \`wf-task hooks install\``
          : (bashOriginalGate(text, tree.path) ??
            `${relative(tree.path, hook)} has no wf-task line: run \`wf-task hooks install\``);
    else if (layout.manager === "husky" && !existsSync(runner))
      problem = `${relative(tree.path, runner)} is missing in this worktree: run \`wf-task hooks install\` here (or \`npx husky\`)`;
    else if (!executable(runner)) problem = `${runner} is not executable`;
    if (installed && layout.manager === "husky" && !problem && !layout.hooksPath)
      problem = "core.hooksPath is not set: run `npx husky`";
    return { ...tree, hook, installed, runs: installed && problem === null, problem };
  });
  return { manager: layout.manager, hooks_path: layout.hooksPath, worktrees };
}
