import { runSync } from "../core/run.ts";

/** How recently and how often git commits touched a file. */
export interface FileActivity {
  /** Commits touching the file among the last ones read. */
  commits: number;
  /** Unix time (s) of the newest such commit. */
  last: number;
}

/** Per-file commit counts and last-commit times over the last `limit` commits; empty outside git. */
export function gitActivity(root: string, limit = 300): Map<string, FileActivity> {
  const out = new Map<string, FileActivity>();
  const r = runSync("git", ["log", `-n${limit}`, "--no-merges", "--relative", "--format=%x00%ct", "--name-only"], {
    cwd: root,
  });
  if (r.code !== 0) return out;
  let time = 0;
  for (const line of r.stdout.split("\n")) {
    if (line.startsWith("\0")) time = Number(line.slice(1));
    else if (line.trim()) {
      const prev = out.get(line);
      if (prev) prev.commits++;
      else out.set(line, { commits: 1, last: time });
    }
  }
  return out;
}
