// The conflict radar: for each pair of agents of a run, and each agent against the base, the
// files both changed and the conflicts git itself predicts (`git merge-tree --write-tree`,
// git ≥ 2.38). Results are cached by the commit ids involved, so a redraw of `monitor --watch`
// only asks git about tips that moved.
import { existsSync, readFileSync, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { atomicWrite } from "../util/atomic-write.ts";
import { withLock } from "../util/lock.ts";
import type { RunResult as ExecResult } from "../core/run.ts";
import { gitRaw } from "./git.ts";
import { gitEach } from "./git-batch.ts";
import type { ParallelProject } from "./project.ts";
import type { RunState } from "./runs.ts";
import { withMergeDrivers } from "./merge-drivers.ts";
import { excludeState } from "./git-info.ts";

/** One conflicted path of a predicted merge, with the line ranges of its conflict hunks in the merged file. */
export interface RadarConflict {
  path: string;
  /** git's kinds, e.g. `contents`, `modify/delete`, `add/add`. */
  types: string[];
  /** 1-based line ranges between `<<<<<<<` and `>>>>>>>` in the would-be merged file (at most 20). */
  hunks: { start: number; end: number }[];
}

/** Two agents, or an agent and the base (`against: "base"`, `b` the base branch). */
export interface RadarPair {
  feature: string;
  a: string;
  b: string;
  against: "agent" | "base";
  tip_a: string | null;
  tip_b: string | null;
  /** Paths both sides changed since they forked. For `base`: the base's commits since the agent forked. */
  files_both_changed: string[];
  /** What `merge-tree` predicts; empty when it merges cleanly (or when the radar is unavailable). */
  conflicts: RadarConflict[];
}

/** An agent whose branch lacks base commits that touch the files it changed. */
export interface RadarBehind {
  feature: string;
  role: string;
  base: string;
  /** Commits on the base since the agent forked. */
  behind: number;
  /** Of those, the commits that touch a file the agent changed. */
  commits_touching: number;
  /** The agent's files those commits touch. */
  files: string[];
}

/** The radar of one or more runs (`monitor --json` → `radar`). */
export interface RadarReport {
  /** False on git < 2.38: only the files both changed are shown, no predicted conflicts. */
  available: boolean;
  git_version: string | null;
  /** Why conflicts are not predicted, when `available` is false. */
  message: string | null;
  pairs: RadarPair[];
  behind: RadarBehind[];
  /** Questions asked of git this time, and answers reused from the cache. */
  computed: number;
  reused: number;
  warnings: string[];
}

/** `merge-tree --write-tree` exists from git 2.38. */
export const MERGE_TREE_MIN = [2, 38] as const;

/** `git version 2.39.5` → [2, 39, 5]; null when it does not parse. */
export function parseGitVersion(text: string): number[] | null {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

/** True when `version` has `merge-tree --write-tree`. */
export function hasMergeTree(version: number[] | null): boolean {
  if (!version) return false;
  const [maj = 0, min = 0] = version;
  return maj > MERGE_TREE_MIN[0] || (maj === MERGE_TREE_MIN[0] && min >= MERGE_TREE_MIN[1]);
}

/** The installed git's version (text and parsed). */
export async function gitVersion(
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<{ text: string | null; parsed: number[] | null }> {
  const r = await gitRaw(cwd, ["version"], env);
  const text = r.code === 0 ? (parseGitVersion(r.stdout)?.join(".") ?? null) : null;
  return { text, parsed: text ? parseGitVersion(text) : null };
}

/** The git executable on PATH and what identifies its build (path, size, mtime), or null. */
function gitBinary(env: Record<string, string | undefined>): string | null {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    let st;
    try {
      st = statSync(join(dir, "git"), { throwIfNoEntry: false });
    } catch {
      // not readable here
    }
    if (st?.isFile()) return `${join(dir, "git")}:${st.size}:${st.mtimeMs}`;
  }
  return null;
}

/**
 * `gitVersion`, remembered per git executable (`sessions/radar/git.json`, keyed by its path,
 * size and mtime) so a `--watch` redraw does not start a process to learn it again.
 */
async function cachedGitVersion(project: ParallelProject): Promise<{ text: string | null; parsed: number[] | null }> {
  const key = gitBinary(project.env);
  const file = join(project.paths.sessionsDir, "radar", "git.json");
  if (key) {
    try {
      const known = JSON.parse(readFileSync(file, "utf8")) as { key?: string; version?: string };
      if (known.key === key && typeof known.version === "string")
        return { text: known.version, parsed: parseGitVersion(known.version) };
    } catch {
      // not known yet (or unreadable: asked again below, and rewritten only when it parses)
    }
  }
  const v = await gitVersion(project.root, project.env);
  if (key && v.text && (!existsSync(file) || isJsonFile(file))) {
    excludeState(project.root, dirname(file), true);
    await withLock(file, () => atomicWrite(file, `${JSON.stringify({ key, version: v.text })}\n`)).catch(() => {});
  }
  return v;
}

function isJsonFile(file: string): boolean {
  try {
    JSON.parse(readFileSync(file, "utf8"));
    return true;
  } catch {
    return false;
  }
}

/** The outcome of a predicted merge. */
export interface MergePrediction {
  clean: boolean;
  /** The merged tree (with conflict markers in conflicted files). */
  tree: string | null;
  conflicts: RadarConflict[];
}

/** Parses `git merge-tree --write-tree -z --name-only` output (the tree, conflicted paths, then messages). */
export function parseMergeTree(out: string): { tree: string | null; paths: string[]; types: Map<string, string[]> } {
  const f = out.split("\0");
  const tree = f[0] ? f[0].trim() : null;
  let i = 1;
  const paths: string[] = [];
  while (i < f.length && f[i] !== "") paths.push(f[i++]!);
  i++; // the empty field ending the paths
  const types = new Map<string, string[]>();
  while (i < f.length) {
    const n = Number(f[i]);
    if (!Number.isInteger(n) || f[i] === "") break;
    const named = f.slice(i + 1, i + 1 + n);
    const type = f[i + 1 + n] ?? "";
    i += n + 3; // count, paths, type, message
    const m = /^CONFLICT \((.+)\)$/.exec(type);
    if (!m) continue;
    for (const p of named) {
      const list = types.get(p) ?? [];
      if (!list.includes(m[1]!)) list.push(m[1]!);
      types.set(p, list);
    }
  }
  return { tree, paths: [...new Set(paths)], types };
}

/** Line ranges between conflict markers. */
export function conflictHunks(text: string, max = 20): { start: number; end: number }[] {
  const hunks: { start: number; end: number }[] = [];
  let open = 0;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length && hunks.length < max; i++) {
    if (lines[i]!.startsWith("<<<<<<< ")) open = i + 1;
    else if (open && lines[i]!.startsWith(">>>>>>> ")) {
      hunks.push({ start: open, end: i + 1 });
      open = 0;
    }
  }
  return hunks;
}

/** One `git merge-tree --write-tree` of `theirs` into `ours`, parsed; the conflicted files' texts are not read. */
async function mergeTree(
  cwd: string,
  ours: string,
  theirs: string,
  env: Record<string, string | undefined>,
): Promise<ParsedMerge> {
  return mergeTreeResult(await gitRaw(cwd, mergeTreeArgs(ours, theirs), env), ours, theirs);
}

type ParsedMerge = { clean: boolean; tree: string | null; paths: string[]; types: Map<string, string[]> };
const mergeTreeArgs = (ours: string, theirs: string) => [
  "merge-tree",
  "--write-tree",
  "-z",
  "--name-only",
  ours,
  theirs,
];

function mergeTreeResult(r: ExecResult, ours: string, theirs: string): ParsedMerge {
  if (r.code === 0) return { clean: true, tree: r.stdout.split("\0")[0]!.trim() || null, paths: [], types: new Map() };
  if (r.code !== 1)
    throw new Error(
      `git merge-tree ${ours} ${theirs} failed: ${r.stderr.trim().split("\n").at(-1) ?? `exit ${r.code}`}`,
    );
  return { clean: false, ...parseMergeTree(r.stdout) };
}

/** The conflicts of parsed merge-tree outputs, the hunks of all of them read in one `git cat-file --batch`. */
async function conflictsOf(
  cwd: string,
  merges: { tree: string | null; paths: string[]; types: Map<string, string[]> }[],
  env: Record<string, string | undefined>,
): Promise<RadarConflict[][]> {
  const specs = merges.flatMap((m) => (m.tree ? m.paths.map((p) => `${m.tree}:${p}`) : []));
  const texts = specs.length ? await blobs(cwd, specs, env) : [];
  let at = 0;
  return merges.map((m) => {
    const mine = m.tree ? texts.slice(at, (at += m.paths.length)) : [];
    return m.paths.map((path, i) => ({
      path,
      types: m.types.get(path) ?? ["contents"],
      hunks: mine[i] ? conflictHunks(mine[i]!) : [],
    }));
  });
}

/** Predicts merging `theirs` into `ours` with `git merge-tree --write-tree` (git ≥ 2.38); nothing is written to any branch. */
export async function predictMerge(
  cwd: string,
  ours: string,
  theirs: string,
  env: Record<string, string | undefined>,
): Promise<MergePrediction> {
  const parsed = await mergeTree(cwd, ours, theirs, env);
  if (parsed.clean) return { clean: true, tree: parsed.tree, conflicts: [] };
  const [conflicts] = await conflictsOf(cwd, [parsed], env);
  return { clean: false, tree: parsed.tree, conflicts: conflicts! };
}

/** Reads blobs by spec in one `git cat-file --batch`; null for a missing one. */
async function blobs(
  cwd: string,
  specs: string[],
  env: Record<string, string | undefined>,
): Promise<(string | null)[]> {
  const r = await gitRaw(cwd, ["cat-file", "--batch"], env, `${specs.join("\n")}\n`);
  const buf = Buffer.from(r.stdout, "utf8");
  const out: (string | null)[] = [];
  let at = 0;
  for (let n = 0; n < specs.length; n++) {
    const nl = buf.indexOf(10, at);
    if (nl < 0) break;
    const header = buf.subarray(at, nl).toString("utf8");
    const m = /^\S+ (\S+) (\d+)$/.exec(header);
    if (!m) {
      out.push(null);
      at = nl + 1;
      continue;
    }
    const size = Number(m[2]);
    out.push(m[1] === "blob" ? buf.subarray(nl + 1, nl + 1 + size).toString("utf8") : null);
    at = nl + 1 + size + 1;
  }
  return out;
}

const splitZ = (s: string) => s.split("\0").filter(Boolean);

/**
 * Where `tip` forked from `baseTip` and how far behind it is, from the output of `git rev-list --boundary
 * tip..base`: with one boundary commit that commit is the merge base (every merge base is a
 * boundary commit), with none and nothing behind the base is in the tip's history. Anything else
 * (criss-cross merges, unrelated histories) gives `fork: null`, and the caller asks git as before.
 */
function forkPoint(r: ExecResult, baseTip: string): { fork: string | null; behind: number } {
  if (r.code !== 0) return { fork: null, behind: 0 };
  let behind = 0;
  const boundary: string[] = [];
  for (const line of r.stdout.split("\n")) {
    if (line.startsWith("-")) boundary.push(line.slice(1).trim());
    else if (line.trim()) behind++;
  }
  if (boundary.length === 1) return { fork: boundary[0]!, behind };
  if (!boundary.length && !behind) return { fork: baseTip, behind };
  return { fork: null, behind };
}

/**
 * The files changed between each `[from, to]` commit pair, all in one `git diff-tree --stdin`
 * (what `git diff --name-only --no-renames from to` gives, pair by pair).
 */
async function changedBetween(
  cwd: string,
  pairs: [string, string][],
  env: Record<string, string | undefined>,
): Promise<string[][]> {
  const lines = [...new Set(pairs.map(([from, to]) => `${to} ${from}`))];
  if (!lines.length) return [];
  const r = await gitRaw(
    cwd,
    ["diff-tree", "--stdin", "-r", "--always", "--name-only", "-z", "--no-renames"],
    env,
    `${lines.join("\n")}\n`,
  );
  if (r.code !== 0)
    throw new Error(`git diff-tree --stdin failed: ${r.stderr.trim().split("\n").at(-1) ?? `exit ${r.code}`}`);
  // Each line's output is its commit id, then the paths, up to the next line's commit id.
  const fields = r.stdout.split("\0");
  const byLine = new Map<string, string[]>();
  let i = 0;
  lines.forEach((line, n) => {
    const head = line.slice(0, line.indexOf(" "));
    const next = lines[n + 1]?.slice(0, lines[n + 1]!.indexOf(" "));
    if (fields[i] === head) i++;
    const files: string[] = [];
    while (i < fields.length && fields[i] !== "" && !(next !== undefined && fields[i] === next))
      files.push(fields[i++]!);
    if (fields[i] === "" && next === undefined) i++;
    byLine.set(line, files.sort());
  });
  return pairs.map(([from, to]) => byLine.get(`${to} ${from}`)!);
}

/** What the cache keeps, keyed by the commit ids involved. */
interface RadarCache {
  version: 1;
  /** `<base>..<tip>` → files the tip changed since its merge base with base. */
  changed: Record<string, string[]>;
  /** `<tip>..<base>` → files and commit counts of the base since the tip forked. */
  upstream: Record<string, { files: string[]; behind: number }>;
  /** `<tip>..<base>|files` → commits touching. */
  touching: Record<string, number>;
  /** `<ours>..<theirs>` → predicted conflicts. */
  merges: Record<string, RadarConflict[]>;
}

const emptyCache = (): RadarCache => ({ version: 1, changed: {}, upstream: {}, touching: {}, merges: {} });

/** The radar cache file of a feature's run. */
export function radarCacheFile(project: ParallelProject, feature: string): string {
  return join(project.paths.sessionsDir, "radar", `${feature}.json`);
}

function readCache(file: string, warnings: string[]): { cache: RadarCache; writable: boolean } {
  if (!existsSync(file)) return { cache: emptyCache(), writable: true };
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as RadarCache;
    if (data?.version !== 1 || typeof data.changed !== "object" || typeof data.merges !== "object")
      throw new Error("unexpected content");
    return { cache: { ...emptyCache(), ...data }, writable: true };
  } catch (error) {
    warnings.push(
      `radar cache ${file} is unreadable (${(error as Error).message.split("\n")[0]}); ` +
        "computed without it, left as it is — remove it to let wf-task rebuild it",
    );
    return { cache: emptyCache(), writable: false };
  }
}

/** Runs `fns` at most `limit` at a time. */
async function pool<T>(fns: (() => Promise<T>)[], limit = 4): Promise<T[]> {
  const out: T[] = new Array(fns.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, fns.length) }, async () => {
      while (next < fns.length) {
        const i = next++;
        out[i] = await fns[i]!();
      }
    }),
  );
  return out;
}

export interface RadarOptions {
  /** Read and write the cache (default true). */
  cache?: boolean;
  /** Branch name → tip commit, when the caller has just read them (one `for-each-ref` less). */
  tips?: Map<string, string>;
}

/** The radar of the given runs. Never throws for a broken agent: its problem becomes a warning. */
export async function radar(
  project: ParallelProject,
  runs: RunState[],
  options: RadarOptions = {},
): Promise<RadarReport> {
  // the progress file, learnings and CLAUDE.md merge as parallel merge would merge them (merge-drivers.ts)
  const env = withMergeDrivers(project, project.env, { record: false });
  const cwd = project.root;
  const warnings: string[] = [];
  const [version, refs] = await Promise.all([
    cachedGitVersion(project),
    options.tips
      ? Promise.resolve({ stdout: "" })
      : gitRaw(cwd, ["for-each-ref", "--format=%(objectname) %(refname)", "refs/heads/"], env),
  ]);
  const available = hasMergeTree(version.parsed);
  const report: RadarReport = {
    available,
    git_version: version.text,
    message: available
      ? null
      : `git ${version.text ?? "(unknown version)"} cannot predict conflicts ` +
        `(\`git merge-tree --write-tree\` needs git ≥ ${MERGE_TREE_MIN.join(".")}); ` +
        "showing the files both sides changed only — upgrade git for the full radar",
    pairs: [],
    behind: [],
    computed: 0,
    reused: 0,
    warnings,
  };
  const tips = new Map<string, string>(options.tips ?? []);
  for (const line of refs.stdout.split("\n")) {
    const sp = line.indexOf(" ");
    if (sp > 0) tips.set(line.slice(sp + 1).replace(/^refs\/heads\//, ""), line.slice(0, sp));
  }
  const tipOf = async (ref: string): Promise<string | null> => {
    if (tips.has(ref)) return tips.get(ref)!;
    const r = await gitRaw(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], env);
    return r.code === 0 ? r.stdout.trim() : null;
  };

  for (const run of runs) {
    const file = radarCacheFile(project, run.feature);
    const { cache: old, writable } =
      options.cache === false ? { cache: emptyCache(), writable: false } : readCache(file, warnings);
    const fresh = emptyCache();
    const use =
      <K extends keyof Omit<RadarCache, "version">>(
        kind: K,
        key: string,
        compute: () => Promise<RadarCache[K][string]>,
      ) =>
      async (): Promise<RadarCache[K][string]> => {
        const had = (old[kind] as Record<string, RadarCache[K][string]>)[key];
        if (had !== undefined) {
          report.reused++;
          (fresh[kind] as Record<string, unknown>)[key] = had;
          return had;
        }
        report.computed++;
        const value = await compute();
        (fresh[kind] as Record<string, unknown>)[key] = value;
        return value;
      };
    const baseTip = await tipOf(run.base);
    if (!baseTip) {
      warnings.push(`${run.feature}: base \`${run.base}\` names no commit; no radar for this run`);
      continue;
    }
    const agents = await Promise.all(
      run.agents.map(async (a) => ({ role: a.role, branch: a.branch, tip: await tipOf(a.branch) })),
    );
    for (const a of agents)
      if (!a.tip) warnings.push(`${run.feature}: ${a.role}'s branch \`${a.branch}\` names no commit`);
    const live = agents.filter((a): a is typeof a & { tip: string } => Boolean(a.tip));

    // What each agent changed, and what the base changed since it forked: one `rev-list` per agent
    // the cache does not answer for, then one `diff-tree` for all of their diffs.
    const changedKey = (a: { tip: string }) => `${baseTip}..${a.tip}`;
    const upstreamKey = (a: { tip: string }) => `${a.tip}..${baseTip}`;
    const missing = live.filter(
      (a) => old.changed[changedKey(a)] === undefined || old.upstream[upstreamKey(a)] === undefined,
    );
    const forks = (
      await gitEach(
        missing.map((a) => ({ cwd, args: ["rev-list", "--boundary", `${a.tip}..${baseTip}`] })),
        env,
      )
    ).map((r) => forkPoint(r, baseTip));
    const known = new Map<string, { files: string[]; upstream: string[]; behind: number }>();
    const simple = missing
      .map((a, i) => ({ a, ...forks[i]! }))
      .filter((m): m is typeof m & { fork: string } => m.fork !== null);
    const diffs = await changedBetween(
      cwd,
      simple.flatMap((m): [string, string][] => [
        [m.fork, m.a.tip],
        [m.fork, baseTip],
      ]),
      env,
    );
    simple.forEach((m, i) =>
      known.set(m.a.role, { files: diffs[2 * i]!, upstream: diffs[2 * i + 1]!, behind: m.behind }),
    );
    const changed = await pool(
      live.map((a) =>
        use(
          "changed",
          changedKey(a),
          async () =>
            known.get(a.role)?.files ??
            splitZ(
              (await gitRaw(cwd, ["diff", "--name-only", "-z", "--no-renames", `${baseTip}...${a.tip}`, "--"], env))
                .stdout,
            ).sort(),
        ),
      ),
    );
    const upstream = await pool(
      live.map((a) =>
        use("upstream", upstreamKey(a), async () => {
          const got = known.get(a.role);
          if (got) return { files: got.upstream, behind: got.behind };
          const [files, count] = await Promise.all([
            gitRaw(cwd, ["diff", "--name-only", "-z", "--no-renames", `${a.tip}...${baseTip}`, "--"], env),
            gitRaw(cwd, ["rev-list", "--count", `${a.tip}..${baseTip}`], env),
          ]);
          return { files: splitZ(files.stdout).sort(), behind: Number(count.stdout.trim()) || 0 };
        }),
      ),
    );
    const mine = new Map(live.map((a, i) => [a.role, new Set(changed[i]!)]));

    // The questions the cache cannot answer (base checks, merge predictions) go to git together
    // (gitEach, a few processes); the conflicted files of all predictions are read at the end in one `cat-file`.
    const calls: { args: string[]; done: (r: ExecResult) => void }[] = [];
    const pending: { pair: RadarPair; key: string; parsed: ParsedMerge }[] = [];
    const predict = (pair: RadarPair, key: string, ours: string, theirs: string) => {
      const had = old.merges[key];
      if (had !== undefined) {
        report.reused++;
        fresh.merges[key] = had;
        pair.conflicts = had;
        return;
      }
      report.computed++;
      calls.push({
        args: mergeTreeArgs(ours, theirs),
        done: (r) => void pending.push({ pair, key, parsed: mergeTreeResult(r, ours, theirs) }),
      });
    };
    live.forEach((a, i) => {
      const both = upstream[i]!.files.filter((f) => mine.get(a.role)!.has(f));
      const pair: RadarPair = {
        feature: run.feature,
        a: a.role,
        b: run.base,
        against: "base",
        tip_a: a.tip,
        tip_b: baseTip,
        files_both_changed: both,
        conflicts: [],
      };
      report.pairs.push(pair);
      const behind: RadarBehind = {
        feature: run.feature,
        role: a.role,
        base: run.base,
        behind: upstream[i]!.behind,
        commits_touching: 0,
        files: both,
      };
      report.behind.push(behind);
      if (!both.length) return;
      const key = `${a.tip}..${baseTip}|${both.join("\0")}`;
      const had = old.touching[key];
      if (had !== undefined) {
        report.reused++;
        fresh.touching[key] = behind.commits_touching = had;
      } else {
        report.computed++;
        calls.push({
          args: ["rev-list", "--count", `${a.tip}..${baseTip}`, "--", ...both],
          done: (r) => void (fresh.touching[key] = behind.commits_touching = Number(r.stdout.trim()) || 0),
        });
      }
      if (available) predict(pair, `${baseTip}..${a.tip}`, baseTip, a.tip);
    });
    for (let i = 0; i < live.length; i++) {
      for (let j = i + 1; j < live.length; j++) {
        const a = live[i]!;
        const b = live[j]!;
        const setB = mine.get(b.role)!;
        const both = [...mine.get(a.role)!].filter((f) => setB.has(f)).sort();
        const pair: RadarPair = {
          feature: run.feature,
          a: a.role,
          b: b.role,
          against: "agent",
          tip_a: a.tip,
          tip_b: b.tip,
          files_both_changed: both,
          conflicts: [],
        };
        report.pairs.push(pair);
        if (!both.length || !available || a.tip === b.tip) continue;
        predict(pair, `${a.tip}..${b.tip}`, a.tip, b.tip);
      }
    }
    try {
      const answers = await gitEach(
        calls.map((c) => ({ cwd, args: c.args })),
        env,
      );
      let failed: Error | undefined;
      calls.forEach((c, i) => {
        try {
          c.done(answers[i]!);
        } catch (error) {
          failed ??= error as Error;
        }
      });
      if (failed) throw failed;
    } catch (error) {
      warnings.push(`${run.feature}: ${(error as Error).message.split("\n")[0]}`);
    }
    try {
      const found = await conflictsOf(
        cwd,
        pending.map((p) => p.parsed),
        env,
      );
      pending.forEach((p, i) => {
        p.pair.conflicts = found[i]!;
        fresh.merges[p.key] = found[i]!;
      });
    } catch (error) {
      warnings.push(`${run.feature}: ${(error as Error).message.split("\n")[0]}`);
    }
    if (writable && options.cache !== false && JSON.stringify(fresh) !== JSON.stringify(old)) {
      excludeState(project.root, dirname(file), true);
      await withLock(file, () => atomicWrite(file, `${JSON.stringify(fresh)}\n`)).catch((e: Error) =>
        warnings.push(`radar cache not saved: ${e.message}`),
      );
    }
  }
  // Agent pairs first (run order), then each agent against the base.
  report.pairs.sort((x, y) =>
    x.feature === y.feature
      ? x.against === y.against
        ? 0
        : x.against === "agent"
          ? -1
          : 1
      : x.feature < y.feature
        ? -1
        : 1,
  );
  return report;
}

/** The radar lines of the dashboard: conflicts first (⚠), then overlaps that merge cleanly, then agents behind the base. */
export function renderRadar(r: RadarReport, feature?: string): string[] {
  const out: string[] = [];
  const pairs = r.pairs.filter((p) => !feature || p.feature === feature);
  const name = (p: RadarPair) => (p.against === "base" ? `${p.b} (base)` : p.b);
  for (const p of pairs.filter((p) => p.conflicts.length)) {
    const conflicts = p.conflicts.map((c) => {
      const lines = c.hunks.map((h) => `${h.start}-${h.end}`).join(", ");
      return `${c.path}${c.hunks.length ? ` (${lines})` : ""}`;
    });
    out.push(`⚠ ${p.a} ↔ ${name(p)}: ${conflicts.join(", ")}`);
  }
  for (const p of pairs.filter((p) => !p.conflicts.length && p.files_both_changed.length && p.against === "agent")) {
    out.push(
      `~ ${p.a} ↔ ${name(p)}: both changed ${p.files_both_changed.join(", ")}${r.available ? " (merges cleanly)" : ""}`,
    );
  }
  for (const b of r.behind.filter((b) => (!feature || b.feature === feature) && b.commits_touching > 0)) {
    out.push(
      `↓ ${b.role} is behind ${b.base} by ${b.commits_touching} commit(s) touching its files: ${b.files.join(", ")} — \`wf-task worktree sync ${b.role}\``,
    );
  }
  if (!r.available && r.message) out.push(`radar: ${r.message}`);
  for (const w of r.warnings.filter((w) => !feature || w.includes(feature))) out.push(`radar: ${w}`);
  return out;
}
