import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { defineTask } from "../lib/index.ts";
import type { Bench, BenchRow } from "../bench/_harness.ts";

export default defineTask({
  name: "bench",
  description: "Build, then run bench/*.bench.ts; each prints subject vs baseline as a ratio measured in the same run",
  args: {
    filter: {
      type: "positional",
      description: "Only benchmarks whose file name contains one of these",
      multiple: true,
    },
    runs: { type: "number", description: "Repetitions per measurement (median)", default: 10 },
  },
  async run(ctx) {
    const root = ctx.cwd;
    if (spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" }).status !== 0) return 1;
    const files = readdirSync(join(root, "bench"))
      .filter((f) => f.endsWith(".bench.ts"))
      .filter((f) => !ctx.args.filter.length || ctx.args.filter.some((x) => f.includes(x)))
      .sort();
    const temps: string[] = [];
    const rows: (BenchRow & { file: string })[] = [];
    try {
      for (const file of files) {
        const bench = (await import(pathToFileURL(join(root, "bench", file)).href)).default as Bench;
        ctx.print(`running ${file} …`, true);
        const got = await bench({
          root,
          cli: join(root, "dist/wf-task.cjs"),
          runs: ctx.args.runs ?? 10,
          tempDir: () => {
            const dir = realpathSync(mkdtempSync(join(tmpdir(), "wf-bench-")));
            temps.push(dir);
            return dir;
          },
        });
        rows.push(...got.map((r) => ({ ...r, file })));
      }
    } finally {
      for (const dir of temps) rmSync(dir, { recursive: true, force: true });
    }
    const results = rows.map((r) => {
      const ratio = r.ratio ?? r.subjectMs / r.baselineMs;
      return { ...r, ratio, ok: ratio <= r.goal };
    });
    ctx.emit(results, () => {
      const lines = [
        "",
        "| benchmark | baseline | subject ms | baseline ms | ratio | goal | |",
        "|---|---|---:|---:|---:|---:|---|",
      ];
      for (const r of results) {
        lines.push(
          `| ${r.name} | ${r.baseline} | ${r.subjectMs.toFixed(1)} | ${r.baselineMs.toFixed(1)} | ` +
            `${r.ratio.toFixed(2)}× | ≤ ${r.goal}× | ${r.ok ? "ok" : "OVER"} |`,
        );
        if (r.note) lines.push(`|  ↳ ${r.note} | | | | | | |`);
      }
      return lines.join("\n");
    });
    return results.every((r) => r.ok) ? 0 : 1;
  },
});
