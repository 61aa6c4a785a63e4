import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { defineTask } from "../lib/index.ts";

interface FileResult {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  ms: number;
  output: string;
}

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name.startsWith("_") || name === "fixtures") continue;
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

function runFile(root: string, file: string, env: NodeJS.ProcessEnv): Promise<FileResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", file], { cwd: root, env });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 240_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      const num = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(output)?.[1] ?? NaN);
      const total = num("Total");
      const passed = num("Passed");
      const skipped = num("Skipped") || 0;
      const summary = Number.isFinite(total) && Number.isFinite(passed);
      // A file that died before its summary, or exited non-zero, counts as a failure.
      const failed = summary ? total - passed + (code !== 0 && total === passed ? 1 : 0) : 1;
      resolve({
        file: relative(root, file),
        passed: summary ? passed : 0,
        failed,
        skipped,
        ms: Date.now() - started,
        output,
      });
    });
  });
}

export default defineTask({
  name: "test",
  description: "Build, then run the uvu tests (each file in its own process); ends with `N passed, N failed`",
  args: {
    filter: { type: "positional", description: "Only test files whose path contains one of these", multiple: true },
    concurrency: { type: "number", description: "Files run at once", default: 3 },
    build: { type: "boolean", description: "Build dist/ first (--no-build to skip)", default: true },
    coverage: {
      type: "boolean",
      description: "Measure line coverage of lib/ and recipes/ (c8 over Node's V8 coverage; --no-coverage to skip)",
      default: true,
    },
  },
  async run(ctx) {
    const root = ctx.cwd;
    if (ctx.args.build) {
      const b = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
      if (b.status !== 0) {
        ctx.print("0 passed, 1 failed", true);
        return 1;
      }
    }
    const filters = ctx.args.filter;
    const files = findTests(join(root, "test")).filter(
      (f) => !filters.length || filters.some((x) => relative(root, f).includes(x)),
    );
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
    delete env.TMUX;
    const v8Dir = join(root, "coverage", ".v8");
    if (ctx.args.coverage) {
      rmSync(v8Dir, { recursive: true, force: true });
      // Writable by every user: a fault test runs the CLI as another user, and Node hands the variable on to it.
      mkdirSync(v8Dir, { recursive: true, mode: 0o777 });
      chmodSync(v8Dir, 0o777);
      env.NODE_V8_COVERAGE = v8Dir;
    }
    const results: FileResult[] = [];
    const queue = [...files];
    const workers = Array.from({ length: Math.max(1, ctx.args.concurrency ?? 3) }, async () => {
      while (queue.length) {
        const file = queue.shift()!;
        const r = await runFile(root, file, env);
        results.push(r);
        const mark = r.failed ? "✗" : "✓";
        ctx.print(
          `${mark} ${r.file}  ${r.passed} passed${r.failed ? `, ${r.failed} failed` : ""}` +
            `${r.skipped ? `, ${r.skipped} skipped` : ""}  (${(r.ms / 1000).toFixed(1)}s)`,
          true,
        );
        if (r.failed)
          ctx.print(
            r.output
              .split("\n")
              .map((l) => `    ${l}`)
              .join("\n"),
            true,
          );
      }
    });
    await Promise.all(workers);
    const passed = results.reduce((n, r) => n + r.passed, 0);
    const failed = results.reduce((n, r) => n + r.failed, 0);
    const skipped = results.reduce((n, r) => n + r.skipped, 0);
    ctx.print(`\n${files.length} test files`, true);
    if (ctx.args.coverage) ctx.print(coverageReport(root, v8Dir), true);
    ctx.print(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`, true);
    return failed || files.length === 0 ? 1 : 0;
  },
});

/** Line coverage of the sources the tests ran (in-process and the CLI processes they spawned), per layer. */
function coverageReport(root: string, v8Dir: string): string {
  const c8 = join(root, "node_modules/c8/bin/c8.js");
  if (!existsSync(c8) || !existsSync(v8Dir)) return "coverage: not measured (c8 missing or no data)";
  const r = spawnSync(
    process.execPath,
    [
      c8,
      "report",
      "--temp-directory",
      v8Dir,
      "--report-dir",
      join(root, "coverage"),
      "--reporter",
      "json-summary",
      "--include",
      "lib/**",
      "--include",
      "recipes/**",
      "--all",
      "--src",
      root,
    ],
    { cwd: root, encoding: "utf8" },
  );
  const file = join(root, "coverage/coverage-summary.json");
  if (r.status !== 0 || !existsSync(file))
    return `coverage: c8 report failed: ${(r.stderr || r.stdout).trim().split("\n")[0]}`;
  const summary = JSON.parse(readFileSync(file, "utf8")) as Record<
    string,
    { lines: { total: number; covered: number } }
  >;
  const layers = new Map<string, { total: number; covered: number }>();
  for (const [path, s] of Object.entries(summary)) {
    if (path === "total") continue;
    const rel = relative(root, path).split("/");
    const layer = rel[0] === "lib" ? `lib/${rel[1]!.endsWith(".ts") ? "(top)" : rel[1]}` : rel[0]!;
    const acc = layers.get(layer) ?? { total: 0, covered: 0 };
    acc.total += s.lines.total;
    acc.covered += s.lines.covered;
    layers.set(layer, acc);
  }
  const pct = (x: { total: number; covered: number }) => (x.total ? ((100 * x.covered) / x.total).toFixed(1) : "100.0");
  const parts = [...layers].sort(([a], [b]) => a.localeCompare(b)).map(([name, x]) => `${name} ${pct(x)}%`);
  return `line coverage: ${pct(summary.total!.lines)}% of lib/ and recipes/ (${parts.join(", ")}); details in coverage/coverage-summary.json`;
}
