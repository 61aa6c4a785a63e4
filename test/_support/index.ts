// Test helpers: real temp dirs, real git repos, the CLI in-process and built.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync, mkdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { main } from "../../lib/cli/main.ts";

/** This repository's root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The built CLI (`npm test` builds it first). */
export const CLI = join(ROOT, "dist/cli.js");

const made: string[] = [];
process.on("exit", () => {
  if (process.env.WF_KEEP_TMP) return;
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder (real path), removed when the test process exits. */
export function tempDir(prefix = "wf-test-"): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

/** Runs git in `cwd`; throws with git's message when it fails. */
export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, ...GIT_ENV } });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** An environment that makes git deterministic and quiet in tests. */
export const GIT_ENV = {
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
};

/** A temp git repo on `main` with one commit (README.md). */
export function gitRepo(files: Record<string, string> = { "README.md": "# demo\n" }): string {
  const dir = tempDir("wf-repo-");
  git(dir, "init", "-q", "-b", "main");
  git(dir, "config", "user.name", "Test");
  git(dir, "config", "user.email", "test@example.com");
  git(dir, "config", "commit.gpgsign", "false");
  writeFiles(dir, files);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "initial");
  return dir;
}

/** Installs this wf-task into `dir` as `npm i -D wf-task` lays it out: node_modules/wf-task and node_modules/.bin/wf-task. */
export function installWfTask(dir: string): string {
  mkdirSync(join(dir, "node_modules/.bin"), { recursive: true });
  symlinkSync(ROOT, join(dir, "node_modules/wf-task"), "dir");
  symlinkSync("../wf-task/dist/wf-task.cjs", join(dir, "node_modules/.bin/wf-task"));
  return join(dir, "node_modules/.bin/wf-task");
}

/** PATH without any folder that holds a wf-task (nor this repo's node_modules/.bin). */
export function pathWithoutWfTask(): string {
  return (process.env.PATH ?? "/usr/bin:/bin")
    .split(":")
    .filter((d) => d && !d.includes("node_modules") && !d.startsWith(ROOT))
    .join(":");
}

/** Writes files (creating folders) under `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process (fast): `main({ argv, cwd, env })` with captured output. */
export async function runCli(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {},
): Promise<RunResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += d));
  stderr.on("data", (d) => (err += d));
  const code = await main({
    argv,
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    stdin: Readable.from(options.input === undefined ? [] : [options.input]),
    stdout,
    stderr,
  });
  return { code, stdout: out, stderr: err };
}

/** Runs the built CLI (`node dist/cli.js`) as a user would. */
export function runBuilt(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; input?: string; timeout?: number } = {},
): RunResult {
  return runNode([CLI, ...argv], options);
}

/** Runs `node <args>` and captures the result. */
export function runNode(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; input?: string; timeout?: number } = {},
): RunResult {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: "1", ...options.env } as NodeJS.ProcessEnv,
    input: options.input,
    encoding: "utf8",
    timeout: options.timeout ?? 60_000,
  };
  const r = spawnSync(process.execPath, args, spawnOptions);
  return { code: r.status ?? -1, stdout: String(r.stdout ?? ""), stderr: String(r.stderr ?? "") };
}

/** Parses stdout as JSON, with the output in the error when it is not. */
export function json<T = any>(r: RunResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`expected JSON on stdout, got:\n${r.stdout}\nstderr:\n${r.stderr}`);
  }
}

/** What `node <file> <args>` loaded by the time it exited: Node's built-in modules and the CommonJS files required. */
export function runRecordingLoads(
  file: string,
  args: string[],
  options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv },
): { code: number | null; stdout: string; stderr: string; builtins: string[]; files: string[] } {
  const dir = tempDir();
  const log = join(dir, "loaded.json");
  writeFileSync(
    join(dir, "record.cjs"),
    `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(log)}, ` +
      `JSON.stringify({ builtins: process.moduleLoadList, files: Object.keys(require.cache) })));\n`,
  );
  const r = spawnSync(process.execPath, ["-r", join(dir, "record.cjs"), file, ...args], {
    cwd: options.cwd,
    input: options.input,
    env: options.env ?? process.env,
    encoding: "utf8",
  });
  const loaded = JSON.parse(readFileSync(log, "utf8")) as { builtins: string[]; files: string[] };
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    builtins: loaded.builtins,
    files: loaded.files.filter((f) => !f.startsWith(dir)),
  };
}
