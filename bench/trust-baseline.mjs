// Baseline for bench/trust.bench.ts: the same paths, the same patterns in the same deciding
// order, matched with picomatch directly. Usage: node trust-baseline.mjs <patterns.json> < paths
import { readFileSync } from "node:fs";
import picomatch from "picomatch";

const rules = JSON.parse(readFileSync(process.argv[2], "utf8")).map((r) => ({ ...r, isMatch: picomatch(r.globs, { dot: true, nocase: true }) }));
const paths = readFileSync(0, "utf8").split("\n");
const out = [];
for (const path of paths) {
  if (!path) continue;
  let hit;
  for (const rule of rules) {
    if (rule.isMatch(path)) {
      hit = rule;
      break;
    }
  }
  out.push(`${path}\t${hit ? hit.level : "medium"}\t${hit ? hit.pattern : "-"}`);
}
process.stdout.write(`${out.join("\n")}\n`);
