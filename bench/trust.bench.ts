import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultConfig } from "../lib/config/defaults.ts";
import { loadTrustModel } from "../lib/trust/load.ts";
import { median, timeCommand, timePair, type Bench } from "./_harness.ts";

const PATHS = 300_000;

/** The I/O floor of a batch: read stdin, split lines, write one line per path (no matching). */
const FLOOR_SCRIPT = `import { readFileSync } from "node:fs";
const out = [];
for (const path of readFileSync(0, "utf8").split("\\n")) if (path) out.push(path + "\\tmedium\\tfalse\\tcode_review_required\\t-");
process.stdout.write(out.join("\\n") + "\\n");
`;

/** The picomatch globs equivalent to one gitignore-like pattern (what the baseline matches with). */
export function picomatchGlobs(pattern: string): string[] {
  let p = pattern;
  const dirOnly = p.endsWith("/");
  if (dirOnly) p = p.slice(0, -1);
  const anchored = p.startsWith("/") || p.includes("/");
  if (p.startsWith("/")) p = p.slice(1);
  if (!anchored) p = `**/${p}`;
  if (p.endsWith("/**")) return [p];
  return dirOnly ? [`${p}/**`] : [p, `${p}/**`];
}

/** A deterministic spread of repository paths across languages. */
function makePaths(n: number): string[] {
  const dirs = [
    "src",
    "lib",
    "app",
    "internal",
    "pkg",
    "tests",
    "test",
    "docs",
    "spec",
    "src/main/java/com/acme",
    "src/components",
    "src/services",
    "db/migrations",
    "infra",
    "k8s",
    "config",
    "src/auth",
    "src/payments",
    ".github/workflows",
  ];
  const names = [
    "User.ts",
    "user.test.ts",
    "Button.spec.tsx",
    "index.js",
    "models.py",
    "test_models.py",
    "UserTest.php",
    "user_test.go",
    "UserService.java",
    "UserServiceTest.java",
    "user_spec.rb",
    "README.md",
    "main.tf",
    "deployment.yaml",
    "Dockerfile",
    ".env.local",
    "secrets.yml",
    "AuthService.php",
    "PaymentService.ts",
    "utils.rs",
  ];
  const out: string[] = [];
  let seed = 42;
  const next = (m: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % m;
  for (let i = 0; i < n; i++) out.push(`${dirs[next(dirs.length)]}/module${next(500)}/${names[next(names.length)]}`);
  return out;
}

/** `trust batch` over 100,000 paths against picomatch with the same patterns; the PreToolUse hook's cold start. */
const bench: Bench = async ({ cli, root, runs, tempDir }) => {
  const dir = tempDir();
  const node = process.execPath;
  const model = await loadTrustModel({ root: dir, config: defaultConfig() });
  const rules = model.ordered.map((r) => ({ level: r.level, pattern: r.value, globs: picomatchGlobs(r.value) }));
  const patternsFile = join(dir, "patterns.json");
  writeFileSync(patternsFile, JSON.stringify(rules));
  const input = `${makePaths(PATHS).join("\n")}\n`;
  const baselineScript = join(root, "bench/trust-baseline.mjs");
  const floorScript = join(dir, "floor.mjs");
  writeFileSync(floorScript, FLOOR_SCRIPT);
  const rounds = Math.max(3, Math.min(runs, 5));
  // The batch, its I/O floor and picomatch, interleaved round by round.
  const times = { batch: [] as number[], floor: [] as number[], picomatch: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    times.floor.push(timeCommand(node, [floorScript], { cwd: dir, input, runs: 1 }));
    times.picomatch.push(timeCommand(node, [baselineScript, patternsFile], { cwd: dir, input, runs: 1 }));
    times.batch.push(timeCommand(node, [cli, "trust", "batch"], { cwd: dir, input, runs: 1 }));
  }
  const batch = { subjectMs: median(times.batch), baselineMs: median(times.picomatch) };
  const floor = { subjectMs: batch.subjectMs, baselineMs: median(times.floor) };
  const hookInput = JSON.stringify({
    session_id: "b",
    hook_event_name: "PreToolUse",
    cwd: dir,
    tool_name: "Edit",
    tool_input: { file_path: join(dir, "src/auth/login.ts"), old_string: "a", new_string: "b" },
  });
  const hook = timePair(
    () => timeCommand(node, [cli, "trust", "hook", "claude"], { cwd: dir, input: hookInput, runs }),
    () => timeCommand(node, ["-e", "0"], { runs }),
  );
  // The bash workflow's trust_model.yaml: max_consecutive_changes makes each allowed call read and write its session's count.
  // Projects are git checkouts: the hook keeps its caches (the config's, the model file's) in .git/wf-task/.
  const checkout = () => {
    const d = tempDir();
    spawnSync("git", ["init", "-q", d]);
    return d;
  };
  const legacyDir = checkout();
  mkdirSync(join(legacyDir, ".ai/workflow"), { recursive: true });
  copyFileSync(
    join(root, "test/trust/fixtures/legacy_trust_model.yaml"),
    join(legacyDir, ".ai/workflow/trust_model.yaml"),
  );
  const legacyInput = JSON.stringify({
    session_id: "b",
    hook_event_name: "PreToolUse",
    cwd: legacyDir,
    tool_name: "Write",
    tool_input: { file_path: join(legacyDir, "tests/a.test.ts"), content: "x" },
  });
  const legacyHook = timePair(
    () => timeCommand(node, [cli, "trust", "hook", "claude"], { cwd: legacyDir, input: legacyInput, runs }),
    () => timeCommand(node, ["-e", "0"], { runs }),
  );
  // The same hook with the seed's trust_model.yaml (no legacy keys): what any model file costs.
  const seedDir = checkout();
  mkdirSync(join(seedDir, ".ai/workflow"), { recursive: true });
  copyFileSync(join(root, "test/trust/fixtures/seed_trust_model.yaml"), join(seedDir, ".ai/workflow/trust_model.yaml"));
  const seedHook = timePair(
    () => timeCommand(node, [cli, "trust", "hook", "claude"], { cwd: legacyDir, input: legacyInput, runs }),
    () =>
      timeCommand(node, [cli, "trust", "hook", "claude"], {
        cwd: seedDir,
        input: legacyInput.replaceAll(legacyDir, seedDir),
        runs,
      }),
  );
  // Bash payloads: plain words (split without the parser) and a command the parser reads.
  const bash = (command: string) =>
    JSON.stringify({
      session_id: "b",
      hook_event_name: "PreToolUse",
      cwd: dir,
      tool_name: "Bash",
      tool_input: { command },
    });
  const bashPlain = timePair(
    () => timeCommand(node, [cli, "trust", "hook", "claude"], { cwd: dir, input: bash("rm -rf src/auth"), runs }),
    () => timeCommand(node, ["-e", "0"], { runs }),
  );
  const bashParsed = timePair(
    () =>
      timeCommand(node, [cli, "trust", "hook", "claude"], {
        cwd: dir,
        input: bash(
          "cd src && bash -c 'cat x > .env.local' && find . -name '*.ts' -exec sed -i 's/a/b/' {} + | tee log.txt",
        ),
        runs,
      }),
    () => timeCommand(node, ["-e", "0"], { runs }),
  );
  const perPath = (ms: number) => ((ms * 1000) / PATHS).toFixed(2);
  return [
    {
      name: `trust batch, ${PATHS.toLocaleString("en")} paths`,
      baseline: "picomatch, same patterns",
      ...batch,
      goal: 0.25,
      note: `per path: ${perPath(batch.subjectMs)} µs (picomatch ${perPath(batch.baselineMs)} µs), ${rules.length} patterns, process start included`,
    },
    {
      name: `trust batch, ${PATHS.toLocaleString("en")} paths`,
      baseline: "I/O floor: read stdin, split lines, write one line per path",
      ...floor,
      goal: 3,
      note: `floor per path: ${perPath(floor.baselineMs)} µs, process start included`,
    },
    { name: "trust hook claude (cold)", baseline: "node -e 0", ...hook, goal: 2.5 },
    {
      name: "trust hook claude, original trust_model.yaml with max_consecutive_changes (cold)",
      baseline: "node -e 0",
      ...legacyHook,
      goal: 2.5,
      note: "YAML parse, unknown-key pass, the session's count read and written",
    },
    {
      name: "trust hook claude, original trust_model.yaml (cold)",
      baseline: "the same hook, the seed's trust_model.yaml",
      ...seedHook,
      goal: 1.2,
      note: "the cost of the legacy keys and the counter alone",
    },
    { name: "trust hook claude, Bash, plain words (cold)", baseline: "node -e 0", ...bashPlain, goal: 2.5 },
    {
      name: "trust hook claude, Bash, parsed (cold)",
      baseline: "node -e 0",
      ...bashParsed,
      goal: 2.5,
      note: "bash-parser loaded: cd, bash -c, find -exec sed -i, a pipeline into tee",
    },
  ];
};
export default bench;
