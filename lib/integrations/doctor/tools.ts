import { runSync } from "../../core/run.ts";
import type { Finding } from "./finding.ts";

/** `[major, minor, patch]` of the first version number in `text`. */
export function parseVersion(text: string): number[] | undefined {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** `a >= b` for version triples. */
export function atLeast(a: number[], b: number[]): boolean {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

function run(command: string, args: string[], env: Record<string, string | undefined>): string | undefined {
  const r = runSync(command, args, { env, timeoutMs: 10_000 });
  if (r.code !== 0) return undefined;
  return `${r.stdout}${r.stderr}`;
}

interface ToolSpec {
  id: string;
  title: string;
  command: string;
  args: string[];
  min: number[];
  /** Missing is a warning (an optional tool) rather than a failure. */
  optional: boolean;
  why: string;
  install: string;
}

const TOOLS: ToolSpec[] = [
  {
    id: "git",
    title: "git ≥ 2.30",
    command: "git",
    args: ["--version"],
    min: [2, 30, 0],
    optional: false,
    why: "worktrees for parallel agents, hooks, TDD checks",
    install: "install git 2.30 or newer (apt install git / brew install git)",
  },
  {
    id: "tmux",
    title: "tmux ≥ 3.0",
    command: "tmux",
    args: ["-V"],
    min: [3, 0, 0],
    optional: true,
    why: "panes for parallel agents",
    install: "install tmux 3.0 or newer (apt install tmux / brew install tmux)",
  },
  {
    id: "deno",
    title: "deno ≥ 2 (optional)",
    command: "deno",
    args: ["--version"],
    min: [2, 0, 0],
    optional: true,
    why: "running the generated scripts under Deno",
    install: "install Deno 2 (https://deno.land) — optional",
  },
];

/** Node, git, tmux and deno versions. */
export function checkTools(env: Record<string, string | undefined>): Finding[] {
  const node = parseVersion(process.versions.node)!;
  const findings: Finding[] = [
    atLeast(node, [20, 5, 0])
      ? { id: "node", title: "node ≥ 20.5", status: "ok", message: `node ${process.versions.node}` }
      : {
          id: "node",
          title: "node ≥ 20.5",
          status: "fail",
          message: `node ${process.versions.node} is too old`,
          fix: "install Node.js 20.5 or newer (nvm install 20)",
        },
  ];
  for (const tool of TOOLS) {
    const out = run(tool.command, tool.args, env);
    const version = out ? parseVersion(out) : undefined;
    if (!out || !version) {
      findings.push({
        id: tool.id,
        title: tool.title,
        status: tool.optional ? "warn" : "fail",
        message: `${tool.command} not found (needed for ${tool.why})`,
        fix: tool.install,
      });
    } else if (!atLeast(version, tool.min)) {
      findings.push({
        id: tool.id,
        title: tool.title,
        status: "fail",
        message: `${tool.command} ${version.join(".")} is older than ${tool.min.join(".")}`,
        fix: tool.install,
      });
    } else {
      findings.push({ id: tool.id, title: tool.title, status: "ok", message: `${tool.command} ${version.join(".")}` });
    }
  }
  return findings;
}
