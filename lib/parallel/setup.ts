import { createHash } from "node:crypto";
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { dirname, join, relative, resolve } from "node:path";
import { gitRaw } from "./git.ts";
import type { ParallelProject } from "./project.ts";

/** What the per-worktree setup did. */
export interface SetupResult {
  /** Files and folders copied from the main checkout (relative paths). */
  copied: string[];
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
    return createHash("sha1").update(readFileSync(file)).digest("hex");
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

/**
 * Copies the main checkout's untracked and ignored files that match the copy patterns
 * (gitignore-like: a pattern without `/` matches a name at any depth) into the worktree.
 */
export async function copySetupFiles(project: ParallelProject, worktree: string): Promise<string[]> {
  const patterns = copyPatterns(project);
  if (patterns.length === 0) return [];
  const listed = await gitRaw(project.root, ["ls-files", "--others", "--directory", "-z"], project.env);
  if (listed.code !== 0) return [];
  const { default: picomatch } = await import("picomatch");
  const matchers = patterns.map((p) => {
    const pattern = p.replace(/^\//, "").replace(/\/$/, "");
    const isMatch = picomatch(pattern, { dot: true, basename: !pattern.includes("/") });
    return isMatch;
  });
  const base = relative(project.root, project.paths.worktreeBase);
  const copied: string[] = [];
  for (const entry of listed.stdout.split("\0")) {
    const rel = entry.replace(/\/$/, "");
    if (!rel || rel === base || rel.startsWith(`${base}/`) || rel === ".git") continue;
    if (!matchers.some((m) => m(rel))) continue;
    const to = join(worktree, rel);
    if (existsSync(to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    cpSync(join(project.root, rel), to, { recursive: true, preserveTimestamps: true });
    copied.push(rel);
  }
  const dir = worktreeGitDir(worktree);
  if (dir && copied.length) {
    const manifest = { ...readManifest(worktree) };
    for (const rel of copied) manifest[rel] = fileHash(join(worktree, rel)) ?? "";
    writeFileSync(join(dir, MANIFEST), `${JSON.stringify({ copied: manifest }, null, 2)}\n`);
  }
  return copied;
}

/** Records the worktree's untracked files as wf-task's own (setup and init output), so cleanup does not count them as work while unchanged. */
export async function recordSetupFiles(project: ParallelProject, worktree: string): Promise<void> {
  const dir = worktreeGitDir(worktree);
  if (!dir) return;
  const r = await gitRaw(worktree, ["ls-files", "--others", "--exclude-standard", "-z"], project.env);
  if (r.code !== 0) return;
  const manifest = { ...readManifest(worktree) };
  for (const rel of r.stdout.split("\0").filter(Boolean)) manifest[rel] ??= fileHash(join(worktree, rel)) ?? "";
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify({ copied: manifest }, null, 2)}\n`);
}

/** Runs the `parallel.setup.run` commands in the worktree (through `sh -c`: they are the project's own config), output to a log. */
export async function runSetupCommands(project: ParallelProject, worktree: string, env: Record<string, string | undefined>): Promise<Pick<SetupResult, "ran" | "log">> {
  const commands = project.config.parallel.setup.run;
  if (commands.length === 0) return { ran: [], log: null };
  const log = join(worktreeGitDir(worktree) ?? worktree, "wf-task-setup.log");
  const ran: { command: string; code: number }[] = [];
  for (const command of commands) {
    appendFileSync(log, `$ ${command}\n`);
    const code = await new Promise<number>((done) => {
      const child = spawn("sh", ["-c", command], { cwd: worktree, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
      child.stdout.on("data", (d) => appendFileSync(log, d));
      child.stderr.on("data", (d) => appendFileSync(log, d));
      child.on("error", () => done(127));
      child.on("close", (c) => done(c ?? 1));
    });
    appendFileSync(log, `[exit ${code}]\n`);
    ran.push({ command, code });
    if (code !== 0) break;
  }
  return { ran, log };
}

/** The whole per-worktree setup: copy, then run. */
export async function setupWorktree(project: ParallelProject, worktree: string, env: Record<string, string | undefined>): Promise<SetupResult> {
  const copied = await copySetupFiles(project, worktree);
  const { ran, log } = await runSetupCommands(project, worktree, env);
  return { copied, ran, log, ok: ran.every((r) => r.code === 0) };
}
