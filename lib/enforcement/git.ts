import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkoutAt, findTop } from "../core/checkout.ts";
import { WfError } from "../core/errors.ts";
import { runSync, runSyncBytesToFile, startToFile } from "../core/run.ts";
import { nodeCrypto, nodeZlib } from "../util/hash.ts";

/** Where and how git runs: the repo folder and the environment (a hook's GIT_INDEX_FILE stays). */
export interface GitEnv {
  cwd: string;
  env?: Record<string, string | undefined>;
}

/** One changed path, from `--name-status`: A added, M modified, D deleted, R renamed, C copied, T type changed. */
export interface Change {
  status: string;
  path: string;
  /** The old path of a rename or copy. */
  from?: string;
  /** Similarity of a rename or copy (0–100). */
  score?: number;
  /** Blob ids from `--raw` output: the base (before) and the staged/after object; all zeros when absent. */
  oldId?: string;
  newId?: string;
}

/** Runs git with an argument array and returns stdout; throws E_GIT with git's message on failure. */
export function runGit(g: GitEnv, args: string[], input?: string): string {
  const r = runSync("git", args, { cwd: g.cwd, env: g.env ?? process.env, input });
  if (r.missing || (r.code === -1 && !r.timedOut)) {
    throw new WfError("E_PREREQ_GIT", `cannot run git: ${r.stderr}`, {
      hint: "install git and make sure it is on PATH",
    });
  }
  if (r.code !== 0) {
    const message = r.stderr.trim().split("\n")[0] || `git ${args[0]} exited ${r.code}`;
    throw new WfError(/not a git repository/.test(r.stderr) ? "E_PREREQ_REPO" : "E_GIT", message, {
      hint: /not a git repository/.test(r.stderr)
        ? "run wf-task inside a git repository"
        : /bad revision|unknown revision|ambiguous argument/.test(r.stderr)
          ? "check that the commits exist: git log --oneline"
          : `git ${args.join(" ")}`,
    });
  }
  return r.stdout;
}

/** Parses `--name-status -z` output. */
export function parseNameStatus(out: string): Change[] {
  const fields = out.split("\0");
  const changes: Change[] = [];
  for (let i = 0; i + 1 < fields.length;) {
    const code = fields[i++]!;
    if (!code) continue;
    const status = code[0]!;
    if (status === "R" || status === "C") {
      const from = fields[i++]!;
      const path = fields[i++]!;
      changes.push({ status, path, from, score: Number(code.slice(1)) || 0 });
    } else {
      changes.push({ status, path: fields[i++]! });
    }
  }
  return changes;
}

/** Parses `--raw -z --no-abbrev` output: `:<mode> <mode> <old id> <new id> <status>\0<path>[\0<path>]\0`. */
export function parseRaw(out: string): Change[] {
  const fields = out.split("\0");
  const changes: Change[] = [];
  for (let i = 0; i + 1 < fields.length;) {
    const head = fields[i++]!;
    if (!head.startsWith(":")) continue;
    const parts = head.split(" ");
    const code = parts[4] ?? "";
    const status = code[0]!;
    const oldId = parts[2]!;
    const newId = parts[3]!;
    if (status === "R" || status === "C") {
      const from = fields[i++]!;
      const path = fields[i++]!;
      changes.push({ status, path, from, score: Number(code.slice(1)) || 0, oldId, newId });
    } else {
      changes.push({ status, path: fields[i++]!, oldId, newId });
    }
  }
  return changes;
}

/** The staged changes: one `git diff --cached --name-status -z -M`. */
export function stagedChanges(g: GitEnv): Change[] {
  return parseNameStatus(runGit(g, ["diff", "--cached", "--name-status", "-z", "-M", "--no-ext-diff"]));
}

/** The staged changes with base and staged blob ids (`oldId`, `newId`): one `git diff --cached --raw -z -M`. */
export function stagedChangesWithIds(g: GitEnv): Change[] {
  return parseRaw(runGit(g, ["diff", "--cached", "--raw", "-z", "-M", "--no-abbrev", "--no-ext-diff"]));
}

/**
 * The blob specs that read the changes' before and after contents by object id (no tree walk in
 * `cat-file`); falls back to `HEAD:path` / `:path` where an id is unknown.
 */
export function blobIdSpecs(changes: Change[]): { before: (path: string) => string; after: (path: string) => string } {
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  for (const c of changes) {
    if (c.oldId && !/^0+$/.test(c.oldId)) before.set(c.from ?? c.path, c.oldId);
    if (c.newId && !/^0+$/.test(c.newId)) after.set(c.path, c.newId);
  }
  return { before: (p) => before.get(p) ?? `HEAD:${p}`, after: (p) => after.get(p) ?? `:${p}` };
}

/** The changes between two revisions. */
export function diffChanges(g: GitEnv, from: string, to: string): Change[] {
  return parseNameStatus(runGit(g, ["diff", "--name-status", "-z", "-M", "--no-ext-diff", from, to, "--"]));
}

/**
 * Reads many blobs in one `git cat-file --batch`: `HEAD:path`, `:path` (the index), `<rev>:path`.
 * A spec that does not exist maps to null.
 */
export function readBlobs(g: GitEnv, specs: string[]): Map<string, string | null> {
  const wanted = batchSpecs(specs);
  if (!wanted.length) return new Map();
  return parseBatch(
    wanted,
    runSyncBytesToFile("git", ["cat-file", "--batch"], {
      cwd: g.cwd,
      env: g.env ?? process.env,
      input: `${wanted.join("\n")}\n`,
    }),
  );
}

/** readBlobs with git running beside this process (stdin and stdout are files): it reads while the caller works. */
export async function readBlobsBeside(g: GitEnv, specs: string[]): Promise<Map<string, string | null>> {
  const wanted = batchSpecs(specs);
  if (!wanted.length) return new Map();
  return parseBatch(
    wanted,
    await startToFile("git", ["cat-file", "--batch"], {
      cwd: g.cwd,
      env: g.env ?? process.env,
      input: `${wanted.join("\n")}\n`,
    }),
  );
}

const batchSpecs = (specs: string[]) => [...new Set(specs)].filter((s) => !s.includes("\n"));

/** `git cat-file --batch` output: `<id> <type> <size>\n<bytes>\n` per spec, or `<spec> missing\n`. */
function parseBatch(
  wanted: string[],
  r: { code: number; stdout: Buffer; stderr: string; missing: boolean },
): Map<string, string | null> {
  if (r.missing)
    throw new WfError("E_PREREQ_GIT", `cannot run git: ${r.stderr}`, {
      hint: "install git and make sure it is on PATH",
    });
  if (r.code !== 0) throw new WfError("E_GIT", `git cat-file failed: ${r.stderr.trim()}`);
  const out = new Map<string, string | null>();
  const buf = r.stdout;
  let pos = 0;
  for (const spec of wanted) {
    const nl = buf.indexOf(10, pos);
    const header = buf.toString("utf8", pos, nl);
    pos = nl + 1;
    if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
      out.set(spec, null);
      continue;
    }
    const size = Number(header.slice(header.lastIndexOf(" ") + 1));
    out.set(spec, buf.toString("utf8", pos, pos + size));
    pos += size + 1;
  }
  return out;
}

/** The id git gives `bytes` as a blob, in the hash function of `like` (a sha1 id has 40 hex digits, a sha256 id 64). */
export function blobIdOf(bytes: Buffer, like: string): string {
  return nodeCrypto()
    .createHash(like.length === 64 ? "sha256" : "sha1")
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest("hex");
}

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

const looseFile = (objects: string, id: string) => `${objects}/${id.slice(0, 2)}/${id.slice(2)}`;

/**
 * A blob's contents from an unpacked object file (`objects/ab/cdef…`, a zlib stream of `blob <size>\0<bytes>`),
 * or undefined when there is none or it is not exactly that blob (its bytes must hash to its id).
 */
function looseBlob(objects: string, id: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = nodeZlib().inflateSync(readFileSync(looseFile(objects, id)));
  } catch {
    return undefined;
  }
  const nul = data.indexOf(0);
  if (nul < 0 || !data.subarray(0, nul).toString("latin1").startsWith("blob ")) return undefined;
  const hash = nodeCrypto()
    .createHash(id.length === 64 ? "sha256" : "sha1")
    .update(data)
    .digest("hex");
  return hash === id ? data.subarray(nul + 1) : undefined;
}

/**
 * readBlobs for the staged changes, with as little of git's object reading as can be (docs/performance.md, TDD
 * enforcement; an unpacked object costs `cat-file` about three opens and maps):
 * - a staged blob from its worktree file, when the file's bytes hash to the blob's id (the file then holds exactly
 *   that blob);
 * - a blob given by id from its unpacked object file, checked against its id the same way;
 * - the rest (packed objects, `rev:path`) in one `git cat-file --batch` started first, which runs beside the reads
 *   above; the staged blobs whose files differ (edited after `git add`, a hook's own index, a clean filter, CRLF
 *   conversion, a symlink) and have no unpacked object in a second one.
 * `fromWorktree` lists the paths read from the worktree, `fromGit` the specs read through git.
 */
export async function readStagedBlobs(
  g: GitEnv,
  changes: Change[],
  specs: string[],
): Promise<{ blobs: Map<string, string | null>; fromWorktree: string[]; fromGit: string[] }> {
  const staged = new Map<string, string>();
  for (const c of changes) if (c.newId && c.status !== "D" && !/^0+$/.test(c.newId)) staged.set(c.newId, c.path);
  const wanted = [...new Set(specs)];
  const top = wanted.some((s) => OBJECT_ID.test(s)) ? (findTop(g.cwd) ?? g.cwd) : g.cwd;
  const env = g.env ?? process.env;
  const common = env.GIT_OBJECT_DIRECTORY ? null : checkoutAt(top).commonDir;
  const objects = env.GIT_OBJECT_DIRECTORY
    ? resolve(g.cwd, env.GIT_OBJECT_DIRECTORY)
    : common && join(common, "objects");
  const isLoose = (spec: string) => objects !== null && OBJECT_ID.test(spec) && existsSync(looseFile(objects, spec));
  const base = wanted.filter((s) => !staged.has(s));
  const packed = new Set(base.filter((s) => !isLoose(s)));
  const reading = readBlobsBeside(g, [...packed]);
  const blobs = new Map<string, string | null>();
  const fromWorktree: string[] = [];
  const rest: string[] = [];
  for (const spec of wanted) {
    const path = staged.get(spec);
    if (path !== undefined) {
      let bytes: Buffer | undefined;
      try {
        bytes = readFileSync(`${top}/${path}`);
      } catch {
        bytes = undefined;
      }
      if (bytes && blobIdOf(bytes, spec) === spec) {
        blobs.set(spec, bytes.toString("utf8"));
        fromWorktree.push(path);
        continue;
      }
    } else if (packed.has(spec)) continue;
    const object = objects && OBJECT_ID.test(spec) ? looseBlob(objects, spec) : undefined;
    if (object) blobs.set(spec, object.toString("utf8"));
    else rest.push(spec);
  }
  for (const [spec, text] of await reading) blobs.set(spec, text);
  for (const [spec, text] of readBlobs(g, rest)) blobs.set(spec, text);
  return { blobs, fromWorktree, fromGit: [...packed, ...rest] };
}

/** Which of these paths are in the index (staged or committed), in one `git cat-file --batch-check`. */
export function inIndex(g: GitEnv, paths: string[]): Set<string> {
  const found = new Set<string>();
  const wanted = [...new Set(paths)].filter((p) => !p.includes("\n"));
  if (!wanted.length) return found;
  const out = runGit(g, ["cat-file", "--batch-check"], wanted.map((p) => `:${p}`).join("\n") + "\n").split("\n");
  wanted.forEach((p, i) => {
    if (out[i] && !out[i]!.endsWith(" missing")) found.add(p);
  });
  return found;
}

/** Rejects a revision that git could read as an option, or that holds odd characters. */
export function checkRevision(rev: string, what = "revision"): string {
  if (!rev || rev.startsWith("-") || /[\s\0]/.test(rev)) {
    throw new WfError("E_USAGE", `expected a git ${what}, got ${JSON.stringify(rev)}`, {
      hint: "give a commit, a branch or a range like main..HEAD",
    });
  }
  return rev;
}
