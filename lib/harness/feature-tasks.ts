import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A task found in a feature's workspace (spec.yaml, tasks/plan Markdown). */
export interface FeatureTask {
  id: string;
  title?: string;
  /** The file it came from, relative to the workspace. */
  source: string;
}

const MD_TASK = /^(?:#{2,4}\s+|\s*[-*]\s+\[ \]\s+)([A-Z][A-Z0-9]*-[\w.]+):\s*(.+?)\s*$/;

/**
 * Open tasks listed in a feature workspace, in file order: `tasks:` of spec.yaml (the role's
 * list first), then `### BE-001: title` headings and `- [ ] BE-001: title` items of its
 * Markdown files. Read with plain pattern matching, so it costs no YAML parser at session start.
 */
export function featureTasks(workspace: string, role?: string): FeatureTask[] {
  let names: string[];
  try {
    names = readdirSync(workspace).sort();
  } catch {
    return [];
  }
  const out: FeatureTask[] = [];
  const add = (t: FeatureTask) => {
    if (!out.some((o) => o.id === t.id)) out.push(t);
  };
  for (const name of names.filter((n) => /^spec\.ya?ml$/.test(n))) {
    for (const t of specTasks(readFileSync(join(workspace, name), "utf8"), role)) add({ ...t, source: name });
  }
  for (const name of names.filter((n) => n.endsWith(".md"))) {
    for (const line of readFileSync(join(workspace, name), "utf8").split(/\r?\n/)) {
      const m = MD_TASK.exec(line);
      if (m) add({ id: m[1]!, title: m[2]!, source: name });
    }
  }
  return out;
}

/** `- id: BE-001` / `title: …` pairs under the top-level `tasks:` key, the role's list first. */
function specTasks(text: string, role?: string): Omit<FeatureTask, "source">[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^tasks:\s*(#.*)?$/.test(l));
  if (start < 0) return [];
  const mine: Omit<FeatureTask, "source">[] = [];
  const others: Omit<FeatureTask, "source">[] = [];
  let group: string | undefined;
  let last: Omit<FeatureTask, "source"> | undefined;
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const g = /^ {1,3}([\w-]+):\s*(#.*)?$/.exec(line);
    if (g) {
      group = g[1];
      continue;
    }
    const id = /^\s+-\s+id:\s*["']?([\w./-]+)["']?/.exec(line);
    if (id) {
      last = { id: id[1]! };
      (role && group === role ? mine : others).push(last);
      continue;
    }
    const title = /^\s+title:\s*["']?(.*?)["']?\s*$/.exec(line);
    if (title && last && !last.title) last.title = title[1];
  }
  return [...mine, ...others];
}
