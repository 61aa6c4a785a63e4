import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { basename, join } from "node:path";
import { commandOnce, ratioPair, timeCommand, timePair, type Bench, type BenchRow } from "./_harness.ts";

/** Extensions both tools read in the trees below. */
const EXTENSIONS = ["ts", "js", "py", "h", "c", "go", "php", "rs", "java", "rb", "cs", "kt", "swift", "cpp"];

/** Where npm's own node-gyp keeps gyp (Python, shipped with every npm). */
function npmGyp(): string | undefined {
  const npm = spawnSync("npm", ["root", "-g"], { encoding: "utf8" }).stdout.trim();
  const dir = join(npm, "npm/node_modules/node-gyp/gyp/pylib");
  return existsSync(dir) ? dir : undefined;
}

/** A corpus: folders copied under src/<name>, tests and .d.ts left out. */
interface Corpus {
  name: string;
  /** goal for time and for tokens (ratio to repomix) */
  timeGoal: number;
  tokenGoal: number;
  parts: [string, string | undefined][];
}

function corpora(root: string): Corpus[] {
  const gyp = npmGyp();
  return [
    { name: "ajv/lib (TS)", timeGoal: 1, tokenGoal: 1, parts: [["ts", join(root, "node_modules/ajv/lib")]] },
    { name: "zod/src (TS)", timeGoal: 1, tokenGoal: 1, parts: [["ts", join(root, "node_modules/zod/src")]] },
    { name: "execa/lib (JS)", timeGoal: 0.5, tokenGoal: 0.8, parts: [["js", join(root, "node_modules/execa/lib")]] },
    {
      // Python (gyp), C (the system's headers), JS, TS, and this repo's fixtures of the other languages
      name: "multi-language",
      timeGoal: 0.5,
      tokenGoal: 0.8,
      parts: [
        ["python", gyp],
        ["c", existsSync("/usr/include/stdio.h") ? "/usr/include" : undefined],
        ["js", join(root, "node_modules/execa/lib")],
        ["ts", join(root, "node_modules/zod/src/v4/core")],
        ["fixtures", join(root, "test/context/fixtures")],
      ],
    },
  ];
}

/** One real file per language: a TypeScript module from zod, a Python module from gyp. */
function singleFiles(root: string): [string, string][] {
  const gyp = npmGyp();
  const fixtures = join(root, "test/context/fixtures");
  return [
    ["TypeScript", join(root, "node_modules/zod/src/v4/core/util.ts")],
    ["TypeScript", join(fixtures, "complex.ts")],
    ["Python", gyp ? join(gyp, "gyp/common.py") : ""],
    ["Python", join(fixtures, "service.py")],
  ].filter(([, f]) => existsSync(f!)) as [string, string][];
}

/**
 * `context skeleton` of one file against `node -e 0` (cold start: parser runtime, one grammar),
 * then against `repomix --compress` (tree-sitter) on the same trees, in the same run: wall time
 * and output tokens (o200k). `WF_BENCH_ONE_FILE=1` runs only the one-file rows (the corpora take minutes).
 */
const bench: Bench = async ({ root, cli, runs, tempDir }) => {
  const { countTokens } = await import("gpt-tokenizer/encoding/o200k_base");
  const repomix = join(root, "node_modules/.bin/repomix");
  const rows: BenchRow[] = [];
  const seen = new Set<string>();
  for (const [language, from] of singleFiles(root)) {
    if (seen.has(language)) continue; // the first file found per language
    seen.add(language);
    const dir = tempDir();
    const file = join(dir, basename(from));
    cpSync(from, file);
    const lines = readFileSync(file, "utf8").split("\n").length;
    const node = process.execPath;
    const time = ratioPair(
      commandOnce(node, [cli, "context", "skeleton", file], { cwd: dir }),
      commandOnce(node, ["-e", "0"], { cwd: dir }),
      5 * runs,
    );
    rows.push({
      name: `context skeleton, one ${language} file (${basename(from)}, ${lines} lines), cold`,
      baseline: "node -e 0",
      ...time,
      goal: 2,
    });
  }
  for (const corpus of process.env.WF_BENCH_ONE_FILE ? [] : corpora(root)) {
    const parts = corpus.parts.filter((p): p is [string, string] => !!p[1] && existsSync(p[1]));
    if (!parts.length) continue;
    // A copy outside node_modules, so neither tool's ignore rules hide it.
    const dir = tempDir();
    for (const [name, from] of parts) {
      const skip = (p: string) => /(^|\/)(tests?|__tests__|node_modules)(\/|$)|\.d\.ts$/.test(p.slice(from.length));
      if (from === "/usr/include") {
        // the top level's C headers only (sub-folders hold C++ and generated files)
        mkdirSync(join(dir, "src", name), { recursive: true });
        for (const f of readdirSync(from).filter((f) => f.endsWith(".h")))
          cpSync(join(from, f), join(dir, "src", name, f));
      } else
        cpSync(from, join(dir, "src", name), {
          recursive: true,
          filter: (p) => !skip(p) && (statSync(p).isDirectory() || EXTENSIONS.some((e) => p.endsWith(`.${e}`))),
        });
    }
    spawnSync("git", ["init", "-q"], { cwd: dir });
    const ours = [cli, "context", "skeleton", "src"];
    const theirs = [
      "--compress",
      "--stdout",
      "--style",
      "plain",
      "--no-file-summary",
      "--no-directory-structure",
      "--no-security-check",
      "--include",
      `src/**/*.{${EXTENSIONS.join(",")}}`,
      "--ignore",
      "**/*.d.ts",
      ".",
    ];
    const subject = () => timeCommand(process.execPath, ours, { cwd: dir, runs: Math.max(3, runs >> 1) });
    const baseline = () => timeCommand(repomix, theirs, { cwd: dir, runs: Math.max(3, runs >> 1) });
    const time = timePair(subject, baseline, 3);
    const out = (cmd: string, args: string[]) =>
      spawnSync(cmd, args, { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 }).stdout;
    const ourText = out(process.execPath, ours);
    const theirText = out(repomix, theirs);
    const sources = spawnSync("git", ["ls-files", "--others", "--", "src"], {
      cwd: dir,
      encoding: "utf8",
      maxBuffer: 1 << 28,
    })
      .stdout.split("\n")
      .filter((f) => EXTENSIONS.some((e) => f.endsWith(`.${e}`)) && !f.endsWith(".d.ts"));
    const source = sources.map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
    const [ourTokens, theirTokens, sourceTokens] = [countTokens(ourText), countTokens(theirText), countTokens(source)];
    const files = (ourText.match(/^(\/\/|#) ── /gm) ?? []).length;
    const languages = new Set(sources.map((f) => f.split(".").at(-1))).size;
    rows.push({
      name: `context skeleton ${corpus.name} (${files} files, ${languages} extensions), time`,
      baseline: "repomix --compress",
      ...time,
      goal: corpus.timeGoal,
    });
    rows.push({
      name: `context skeleton ${corpus.name}, output tokens`,
      baseline: "repomix --compress",
      subjectMs: ourTokens,
      baselineMs: theirTokens,
      goal: corpus.tokenGoal,
      note:
        `tokens, not ms: source ${sourceTokens} → skeleton ${ourTokens} ` +
        `(${Math.round((ourTokens / sourceTokens) * 100)}%) vs repomix ${theirTokens} ` +
        `(${Math.round((theirTokens / sourceTokens) * 100)}%)`,
    });
  }
  return rows;
};
export default bench;
