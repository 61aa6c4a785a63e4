import {
  appendFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { checkoutAt } from "../core/checkout.ts";
import { LAUNCHER_FILE, resolveWfTask } from "../core/launcher.ts";
import { run as runProgram, type RunResult } from "../core/run.ts";
import { nodeCrypto } from "../util/hash.ts";
import { gitEach } from "./git-batch.ts";
import { infoLine } from "./git-info.ts";
import { gitRaw } from "./git.ts";
import type { ParallelProject } from "./project.ts";
import { recordMergeAttributes } from "./merge-drivers.ts";

/** What the per-worktree setup did. */
export interface SetupResult {
  /**
   * Files and folders copied from the main checkout (relative paths): `parallel.setup.copy`, `.worktreeinclude`,
   * and the untracked Claude Code settings and launcher.
   */
  copied: string[];
  /** Folders linked to the main checkout's (`node_modules`). */
  linked: string[];
  /** The guards (TDD gate, Claude Code hooks) that could not be armed here, and why. */
  warnings: string[];
  /** Setup commands and their exit codes. */
  ran: { command: string; code: number }[];
  /** Where the commands' output went. */
  log: string | null;
  ok: boolean;
}

/** The worktree's private git folder (`.git/worktrees/<name>`), where wf-task keeps its notes on it. */
export function worktreeGitDir(worktree: string): string | undefined {
  try {
    const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(join(worktree, ".git"), "utf8"));
    return m ? resolve(worktree, m[1]!.trim()) : undefined;
  } catch {
    return undefined;
  }
}

const MANIFEST = "wf-task-setup.json";

/** Files setup copied into a worktree, with their content hashes at copy time. */
export function readManifest(worktree: string): Record<string, string> {
  const dir = worktreeGitDir(worktree);
  if (!dir) return {};
  try {
    return (JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as { copied?: Record<string, string> }).copied ?? {};
  } catch {
    return {};
  }
}

/** Hash of a file's content (sha1), or "dir" for a folder, or undefined when missing. */
export function fileHash(file: string): string | undefined {
  try {
    if (statSync(file).isDirectory()) return "dir";
    return nodeCrypto().createHash("sha1").update(readFileSync(file)).digest("hex");
  } catch {
    return undefined;
  }
}

/** The copy patterns: config `parallel.setup.copy` plus the lines of `.worktreeinclude`. */
export function copyPatterns(project: ParallelProject): string[] {
  const patterns = [...project.config.parallel.setup.copy];
  try {
    for (const raw of readFileSync(join(project.root, ".worktreeinclude"), "utf8").split("\n")) {
      const line = raw.trim();
      if (line && !line.startsWith("#") && !line.startsWith("!")) patterns.push(line);
    }
  } catch {
    // No .worktreeinclude.
  }
  return patterns;
}

/** A pattern of plain characters and single `*`s, which picomatch (dot, basename) matches as `plainTest` does. */
const isPlain = (pattern: string) => pattern !== "" && /^(?:[^*?[\]{}()!+@\\]|\*(?!\*))*$/.test(pattern);

/** The test of a plain pattern: `*` is any run of characters but `/` (dots included); one without `/` tests the last name. */
function plainTest(pattern: string): (rel: string) => boolean {
  const parts = pattern.split("*").map((part) => part.replace(/[.^$|+?()[\]{}\\/]/g, "\\$&"));
  const re = new RegExp(`^${parts.join("[^/]*")}$`);
  if (pattern.includes("/")) return (rel) => re.test(rel);
  return (rel) => re.test(rel.slice(rel.lastIndexOf("/") + 1));
}

/**
 * A matcher of gitignore-like patterns: one without `/` matches a name at any depth; leading and
 * trailing `/` are dropped. Plain patterns (the default `.env*`) are matched without loading
 * picomatch (~20 ms through Node's ES module loader), with the answers picomatch gives.
 */
export async function gitignoreMatcher(patterns: readonly string[]): Promise<(rel: string) => boolean> {
  if (!patterns.length) return () => false;
  const trimmed = patterns.map((p) => p.replace(/^\//, "").replace(/\/$/, ""));
  const picomatch = trimmed.every(isPlain) ? null : (await import("picomatch")).default;
  const tests = trimmed.map((pattern) =>
    picomatch && !isPlain(pattern)
      ? picomatch(pattern, { dot: true, basename: !pattern.includes("/") })
      : plainTest(pattern),
  );
  return (rel) => tests.some((t) => t(rel));
}

/**
 * Copies the main checkout's untracked and ignored files that match the copy patterns
 * (gitignore-like: a pattern without `/` matches a name at any depth) into the worktree.
 */
export async function copySetupFiles(
  project: ParallelProject,
  worktree: string,
  listings: Pick<SetupListings, "untracked" | "matcher"> = setupListings(project),
): Promise<string[]> {
  if (!listings.untracked || !listings.matcher) return [];
  const listed = await listings.untracked;
  if (listed.code !== 0) return [];
  const matches = await listings.matcher;
  const base = relative(project.root, project.paths.worktreeBase);
  const copied: string[] = [];
  for (const entry of listed.stdout.split("\0")) {
    const rel = entry.replace(/\/$/, "");
    if (!rel || rel === base || rel.startsWith(`${base}/`) || rel === ".git") continue;
    if (!matches(rel)) continue;
    const to = join(worktree, rel);
    if (existsSync(to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    cpSync(join(project.root, rel), to, { recursive: true, preserveTimestamps: true });
    copied.push(rel);
  }
  recordCopied(worktree, copied);
  return copied;
}

/** Adds `rels` (with their hashes now) to the worktree's record of what setup put there. */
function recordCopied(worktree: string, rels: string[]): void {
  const dir = worktreeGitDir(worktree);
  if (!dir || rels.length === 0) return;
  const manifest = { ...readManifest(worktree) };
  for (const rel of rels) manifest[rel] = fileHash(join(worktree, rel)) ?? "";
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify({ copied: manifest }, null, 2)}\n`);
}

/** Claude Code's project files a worktree needs for wf-task's hooks, copied when the worktree has none (they are often not committed). */
export const CLAUDE_FILES = [".claude/settings.json", ".claude/settings.local.json", LAUNCHER_FILE];

/**
 * Arms a new worktree like the main checkout: the main checkout's `node_modules` linked in (unless
 * `parallel.setup.install` installs them), husky's git-ignored runner copied, Claude Code's settings
 * and launcher copied when they are not committed. Returns what it did and the guards it could not arm.
 */
export async function armWorktree(
  project: ParallelProject,
  worktree: string,
  sessionsTracked: Promise<RunResult | null> = sessionsListed(project),
  hooksConfig: Promise<HooksConfig | null> = Promise.resolve(null),
): Promise<Pick<SetupResult, "copied" | "linked" | "warnings">> {
  // Loaded while the files are linked and copied.
  const modules = Promise.all([import("../enforcement/hooks.ts"), import("../integrations/claude-settings.ts")]);
  modules.catch(() => {});
  const copied: string[] = [];
  const linked: string[] = [];
  const warnings: string[] = [];
  const checkout = checkoutAt(worktree);
  const mainModules = join(project.root, "node_modules");
  const ownModules = join(worktree, "node_modules");
  if (!project.config.parallel.setup.install && existsSync(mainModules) && !exists(ownModules)) {
    symlinkSync(mainModules, ownModules, "dir");
    if (checkout.commonDir) infoLine(checkout.commonDir, "exclude", "/node_modules");
    linked.push("node_modules");
  }
  for (const rel of CLAUDE_FILES) {
    const from = join(project.root, rel);
    const to = join(worktree, rel);
    if (!existsSync(from) || exists(to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to, { preserveTimestamps: true });
    copied.push(rel);
    // Not committed in the main checkout: kept out of the agent's `git add -A`, or its branch would not merge back.
    if (checkout.commonDir) infoLine(checkout.commonDir, "exclude", `/${rel}`);
  }
  // The session memory is archived at cleanup; when the team does not commit it, an agent's `git add -A` leaves it out too
  // (every agent writes the same progress file path: committed, it would conflict at every merge).
  const sessionsRel = relative(project.root, project.paths.sessionsDir);
  const tracked = await sessionsTracked;
  if (checkout.commonDir && tracked && tracked.code === 0 && !tracked.stdout)
    infoLine(checkout.commonDir, "exclude", `/${sessionsRel.split("\\").join("/")}/`);
  // What every agent writes and the team commits (the progress file, the learnings, CLAUDE.md's
  // rules) merges by section or rule at landing (merge-drivers.ts).
  recordMergeAttributes(project, { progress: !!tracked?.stdout });
  const [{ armHooks, layoutOf }, { listClaudeHooks }] = await modules;
  const shared = await hooksConfig;
  const layout = shared && checkout.commonDir ? layoutOf(worktree, checkout.commonDir, shared.hooksPath) : undefined;
  const gate = armHooks({ cwd: worktree, env: project.env }, worktree, project.root, layout);
  copied.push(...gate.copied);
  warnings.push(...gate.warnings);
  recordCopied(worktree, copied);
  const settings = join(worktree, ".claude/settings.json");
  let hooks: string[] = [];
  try {
    hooks = existsSync(settings) ? listClaudeHooks(worktree).map((h) => h.event) : [];
  } catch (error) {
    warnings.push(`.claude/settings.json: ${(error as Error).message}`);
  }
  const absent = [
    ...(hooks.includes("PreToolUse") ? [] : ["trust"]),
    ...(hooks.includes("SessionStart") ? [] : ["session"]),
  ];
  if (absent.length) {
    const what = absent.length === 2 ? "trust and session hooks are" : `${absent[0]} hook is`;
    let inMain: string[] = [];
    try {
      inMain = listClaudeHooks(project.root).map((h) => h.event);
    } catch {
      // the main checkout's settings do not parse: `hooks install --claude` says so there
    }
    const uncommitted = absent.every((a) => inMain.includes(a === "trust" ? "PreToolUse" : "SessionStart"));
    warnings.push(
      uncommitted
        ? `Claude Code's ${what} in the main checkout's .claude/settings.json but not committed, so not here: commit .claude/settings.json`
        : `Claude Code's ${what} not installed: run \`wf-task hooks install --claude\` in the main checkout`,
    );
  }
  const armed = gate.warnings.length === 0 || hooks.length > 0;
  if (armed && !project.config.parallel.setup.install && !resolveWfTask(worktree, project.env)) {
    warnings.push(
      "wf-task is found neither in this worktree, nor in the main checkout, nor on PATH, so its hooks cannot run: npm i -D wf-task in the main checkout",
    );
  }
  return { copied, linked, warnings };
}

/**
 * What the setup needs of the main checkout (none of it needs the worktree): its git listings, and
 * the copy patterns' matcher (picomatch takes ~20 ms to load), started ahead.
 */
export interface SetupListings {
  /** The main checkout's untracked and ignored files (what the copy picks from), or null when nothing is to be copied. */
  untracked: Promise<RunResult> | null;
  /** The copy patterns' matcher, or null when there are none. */
  matcher: Promise<(rel: string) => boolean> | null;
  /** Whether it tracks anything in its sessions folder (null: that folder is outside it). */
  tracked: Promise<RunResult | null>;
  /** `core.hooksPath` as a new worktree sees it (null: asked in the worktree once it is there). */
  hooks: Promise<HooksConfig | null>;
}

/** The hook settings a new worktree shares with the main checkout. */
export interface HooksConfig {
  hooksPath: string | null;
}

/**
 * `core.hooksPath` as a new worktree will see it, read in the main checkout while git checks the
 * worktree out: the same configuration files, unless `extensions.worktreeConfig` gives each
 * worktree a file of its own (then null, and the worktree is asked).
 */
const HOOKS_CONFIG = ["config", "--get-regexp", "^(core\\.hookspath|extensions\\.worktreeconfig)$"];

/** `core.hooksPath` from the main checkout's `git config --get-regexp`; null when a worktree may have a config of its own. */
function hooksConfigFrom(r: RunResult): HooksConfig | null {
  if (r.code === 1 && !r.stdout.trim()) return { hooksPath: null };
  if (r.code !== 0) return null;
  let hooksPath: string | null = null;
  for (const line of r.stdout.split("\n").filter(Boolean)) {
    const at = line.indexOf(" ");
    const key = at === -1 ? line : line.slice(0, at);
    const value = at === -1 ? "" : line.slice(at + 1);
    if (key === "extensions.worktreeconfig" && value !== "false") return null;
    if (key === "core.hookspath") hooksPath = value || null;
  }
  return { hooksPath };
}

/** Starts the setup's questions to the main checkout (`worktreeCreate` asks them while `git worktree add` runs). */
export function setupListings(project: ParallelProject): SetupListings {
  const patterns = copyPatterns(project);
  const sessionsRel = sessionsInside(project);
  // The questions go through one shell (gitEach): a process started from here costs the main
  // thread 7–10 ms, while git checks the worktree out.
  const calls = [HOOKS_CONFIG];
  const untrackedAt = patterns.length ? calls.push(["ls-files", "--others", "--directory", "-z"]) - 1 : -1;
  const trackedAt = sessionsRel ? calls.push(["ls-files", "-z", "--", sessionsRel]) - 1 : -1;
  const answers = gitEach(
    calls.map((args) => ({ cwd: project.root, args })),
    project.env,
  );
  const answer = (i: number) => answers.then((list) => list[i]!);
  const listings: SetupListings = {
    untracked: untrackedAt >= 0 ? answer(untrackedAt) : null,
    matcher: patterns.length ? gitignoreMatcher(patterns) : null,
    tracked: trackedAt >= 0 ? answer(trackedAt) : Promise.resolve(null),
    hooks: answer(0).then(hooksConfigFrom, () => null),
  };
  // Awaited by the setup; a failed creation drops them unread.
  for (const p of [listings.untracked, listings.matcher, listings.tracked]) p?.catch(() => {});
  // node:crypto (~5 ms to load) is what the setup's records hash with: loaded now, while git works, not at start.
  nodeCrypto();
  return listings;
}

/** The sessions folder relative to the main checkout, or null when it lies outside it. */
function sessionsInside(project: ParallelProject): string | null {
  const rel = relative(project.root, project.paths.sessionsDir);
  return rel && !rel.startsWith("..") ? rel : null;
}

/** Whether the main checkout tracks anything in its sessions folder (`git ls-files`), or null when that folder is outside it. */
function sessionsListed(project: ParallelProject): Promise<RunResult | null> {
  const sessionsRel = sessionsInside(project);
  return sessionsRel ? gitRaw(project.root, ["ls-files", "-z", "--", sessionsRel], project.env) : Promise.resolve(null);
}

/** True when something (even a dangling link) is at `path`. */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Records the worktree's untracked files as wf-task's own (setup and init output), so cleanup does not count them as work while unchanged. */
export async function recordSetupFiles(project: ParallelProject, worktree: string): Promise<void> {
  const dir = worktreeGitDir(worktree);
  if (!dir) return;
  const sessionsRel = sessionsInside(project);
  // Two processes of its own, not one shell: on the start's path after the add, where nothing else
  // waits for the main thread, they answer sooner (traces: 8–11 ms against 17–20 ms through gitEach).
  const [r, sessions] = await Promise.all([
    gitRaw(worktree, ["ls-files", "--others", "--exclude-standard", "-z"], project.env),
    // The sessions folder is usually excluded from git in a worktree: listed on its own, ignored files included.
    sessionsRel
      ? gitRaw(worktree, ["ls-files", "--others", "-z", "--", sessionsRel], project.env)
      : Promise.resolve(null),
  ]);
  if (r.code !== 0) return;
  const manifest = { ...readManifest(worktree) };
  const listed = `${r.stdout}\0${sessions?.code === 0 ? sessions.stdout : ""}`;
  for (const rel of listed.split("\0").filter(Boolean)) manifest[rel] ??= fileHash(join(worktree, rel)) ?? "";
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify({ copied: manifest }, null, 2)}\n`);
}

/** Runs the `parallel.setup.run` commands in the worktree (through `sh -c`: they are the project's own config), output to a log. */
export async function runSetupCommands(
  project: ParallelProject,
  worktree: string,
  env: Record<string, string | undefined>,
): Promise<Pick<SetupResult, "ran" | "log">> {
  const { install, run } = project.config.parallel.setup;
  const commands = install ? [install, ...run] : run;
  if (commands.length === 0) return { ran: [], log: null };
  const log = join(worktreeGitDir(worktree) ?? worktree, "wf-task-setup.log");
  const ran: { command: string; code: number }[] = [];
  for (const command of commands) {
    appendFileSync(log, `$ ${command}\n`);
    const r = await runProgram("sh", ["-c", command], { cwd: worktree, env, appendTo: log });
    const code = r.missing ? 127 : r.code === -1 ? 1 : r.code;
    appendFileSync(log, `[exit ${code}]\n`);
    ran.push({ command, code });
    if (code !== 0) break;
  }
  return { ran, log };
}

/** The whole per-worktree setup: copy, arm the guards, then run the install and setup commands. */
export async function setupWorktree(
  project: ParallelProject,
  worktree: string,
  env: Record<string, string | undefined>,
  listings: SetupListings = setupListings(project),
): Promise<SetupResult> {
  const copied = await copySetupFiles(project, worktree, listings);
  const armed = await armWorktree(project, worktree, listings.tracked, listings.hooks);
  const { ran, log } = await runSetupCommands(project, worktree, env);
  return {
    copied: [...copied, ...armed.copied],
    linked: armed.linked,
    warnings: armed.warnings,
    ran,
    log,
    ok: ran.every((r) => r.code === 0),
  };
}
