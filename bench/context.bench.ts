import { cpSync, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { timeCommand, timePair, type Bench, type BenchRow } from "./_harness.ts";

/**
 * `context skeleton` against `repomix --compress` (tree-sitter) on the same real TypeScript
 * codebases from node_modules, in the same run: wall time and output tokens (o200k).
 */
const bench: Bench = async ({ root, cli, runs, tempDir }) => {
  const { countTokens } = await import("gpt-tokenizer/encoding/o200k_base");
  const repomix = join(root, "node_modules/.bin/repomix");
  const rows: BenchRow[] = [];
  for (const [name, from] of [["ajv/lib", "node_modules/ajv/lib"], ["zod/src", "node_modules/zod/src"]] as const) {
    if (!existsSync(join(root, from))) continue;
    // A copy outside node_modules, so neither tool's ignore rules hide it; tests and .d.ts skipped alike.
    const dir = tempDir();
    cpSync(join(root, from), join(dir, "src"), { recursive: true, filter: (p) => !/(^|\/)(tests?|__tests__)(\/|$)|\.d\.ts$/.test(p.slice(join(root, from).length)) });
    spawnSync("git", ["init", "-q"], { cwd: dir });
    const ours = [cli, "context", "skeleton", "src"];
    const theirs = ["--compress", "--stdout", "--style", "plain", "--no-file-summary", "--no-directory-structure", "--no-security-check", "--include", "src/**/*.ts", "--ignore", "**/*.d.ts,**/test/**,**/tests/**,**/__tests__/**", "."];
    const subject = () => timeCommand(process.execPath, ours, { cwd: dir, runs: Math.max(3, runs >> 1) });
    const baseline = () => timeCommand(repomix, theirs, { cwd: dir, runs: Math.max(3, runs >> 1) });
    const time = timePair(subject, baseline, 3);
    const out = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 }).stdout;
    const ourText = out(process.execPath, ours);
    const theirText = out(repomix, theirs);
    const source = out("sh", ["-c", "find src -name '*.ts' ! -name '*.d.ts' -exec cat {} +"]);
    const [ourTokens, theirTokens, sourceTokens] = [countTokens(ourText), countTokens(theirText), countTokens(source)];
    const files = (ourText.match(/^(\/\/|#) ── /gm) ?? []).length;
    rows.push({ name: `context skeleton ${name} (${files} files), time`, baseline: "repomix --compress", ...time, goal: 1 });
    rows.push({
      name: `context skeleton ${name}, output tokens`,
      baseline: "repomix --compress",
      subjectMs: ourTokens,
      baselineMs: theirTokens,
      goal: 1,
      note: `tokens, not ms: source ${sourceTokens} → skeleton ${ourTokens} (${Math.round((ourTokens / sourceTokens) * 100)}%) vs repomix ${theirTokens} (${Math.round((theirTokens / sourceTokens) * 100)}%)`,
    });
  }
  return rows;
};
export default bench;
