import { readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, join, relative } from "node:path";
import * as v from "valibot";
import type { ProjectPaths } from "../config/paths.ts";
import type { Config } from "../config/types.ts";
import { WfError } from "../core/errors.ts";
import { atomicWrite } from "../util/atomic-write.ts";
import { withLock } from "../util/lock.ts";
import { gitBranch } from "./init.ts";
import { ROLE_NAME as ROLE_PATTERN, checkName } from "../core/names.ts";
import { readProgressFile } from "./progress.ts";
import { randomHex } from "../util/hash.ts";

const Strings = v.array(v.string());

/** The agent state file, `.ai/project/sessions/agents/<role>.af` (after the Letta Agent File format). */
export const AgentStateSchema = v.looseObject({
  version: v.string(),
  agent: v.looseObject({
    id: v.string(),
    role: v.pipe(
      v.string(),
      v.regex(ROLE_PATTERN),
      v.check((r) => !r.includes(".."), "a role never contains `..`"),
    ),
    created: v.string(),
  }),
  memory: v.looseObject({
    short_term: v.looseObject({
      current_task: v.nullable(v.string()),
      recent_files: Strings,
      recent_decisions: Strings,
    }),
    long_term: v.looseObject({ project_patterns: Strings, learned_preferences: Strings }),
  }),
  context: v.looseObject({
    feature: v.nullable(v.string()),
    workspace: v.nullable(v.string()),
    worktree: v.nullable(v.string()),
    branch: v.optional(v.nullable(v.string())),
  }),
  state: v.looseObject({
    status: v.string(),
    iteration_count: v.pipe(v.number(), v.integer(), v.minValue(0)),
    max_iterations: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
  tools: v.looseObject({ allowed: Strings, mcp_servers: Strings }),
  saved: v.optional(v.string()),
});
export type AgentState = v.InferOutput<typeof AgentStateSchema>;

export const AF_VERSION = "1.0";
const DEFAULT_MAX_ITERATIONS = 10;

export interface StateOptions {
  paths: Pick<ProjectPaths, "root" | "progressFile" | "agentsDir" | "historyDir" | "featuresDir">;
  config: Pick<Config, "harness" | "integrations">;
  now?: () => Date;
}

/** The .af file of a role. */
export function stateFile(paths: Pick<ProjectPaths, "agentsDir">, role: string): string {
  return join(paths.agentsDir, `${checkName("role", role)}.af`);
}

/** Parses and checks .af text; E_STATE_CORRUPT (exit 2) naming the file and the key path. */
export function parseState(text: string, file: string): AgentState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new WfError("E_STATE_CORRUPT", `not JSON: ${(error as Error).message}`, {
      where: file,
      hint: "fix or remove the file; `wf-task state save` writes a new one",
    });
  }
  const r = v.safeParse(AgentStateSchema, data);
  if (!r.success) {
    const issue = r.issues[0];
    const path = issue.path?.map((p) => p.key).join(".") || "(top level)";
    throw new WfError("E_STATE_CORRUPT", `${path}: ${issue.message}`, {
      where: file,
      hint: "fix the file; it was left unchanged",
    });
  }
  return r.output;
}

/** The saved state of a role, or null when there is none. */
export function loadState(paths: Pick<ProjectPaths, "agentsDir">, role: string): AgentState | null {
  const file = stateFile(paths, role);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return parseState(text, file);
}

/** Builds a role's state from the progress file, git and the config, carrying long-term memory and the count over. */
export async function buildState(
  role: string,
  options: StateOptions,
  previous: AgentState | null,
): Promise<AgentState> {
  const now = (options.now ?? (() => new Date()))().toISOString();
  const p = await readProgressFile(options.paths.progressFile);
  const feature = p?.feature ?? previous?.context.feature ?? null;
  return {
    version: AF_VERSION,
    agent: {
      id: previous?.agent.id ?? `${role}-${randomHex(4)}`,
      role,
      created: previous?.agent.created ?? now,
    },
    memory: {
      short_term: {
        current_task: p?.current_task ?? null,
        recent_files: (p?.files ?? []).slice(-20),
        recent_decisions: (p?.decisions ?? []).slice(-20),
      },
      long_term: {
        project_patterns: previous?.memory.long_term.project_patterns ?? [],
        learned_preferences: previous?.memory.long_term.learned_preferences ?? [],
      },
    },
    context: {
      feature,
      workspace: feature ? relative(options.paths.root, join(options.paths.featuresDir, feature)) : null,
      worktree: options.paths.root,
      branch: await gitBranch(options.paths.root),
    },
    state: {
      status: p?.status ?? "pending",
      iteration_count: (previous?.state.iteration_count ?? 0) + 1,
      max_iterations: previous?.state.max_iterations ?? DEFAULT_MAX_ITERATIONS,
    },
    tools: {
      allowed: previous?.tools.allowed ?? [],
      mcp_servers: options.config.integrations.mcp.servers.map((s) => s.name),
    },
    saved: now,
  };
}

/**
 * Snapshots a role's state to `agents/<role>.af` and `history/<role>-<time>.af`, keeping the
 * last `harness.maxHistoryEntries` snapshots of the role. A corrupt .af stops it (exit 2).
 */
export async function saveState(
  role: string,
  options: StateOptions,
): Promise<{ file: string; snapshot: string | null; pruned: string[]; state: AgentState }> {
  const file = stateFile(options.paths, role);
  return withLock(file, async () => {
    const state = await buildState(role, options, loadState(options.paths, role));
    const text = `${JSON.stringify(state, null, 2)}\n`;
    await atomicWrite(file, text);
    const keep = options.config.harness.maxHistoryEntries;
    let snapshot: string | null = null;
    if (keep > 0) {
      snapshot = join(
        options.paths.historyDir,
        `${role}-${state.saved!.replace(/[-:.]/g, "")}-${String(state.state.iteration_count).padStart(4, "0")}.af`,
      );
      await atomicWrite(snapshot, text);
    }
    const all = history(options.paths, role);
    const pruned = all.slice(0, Math.max(0, all.length - keep));
    for (const old of pruned) rmSync(old, { force: true });
    return { file, snapshot, pruned, state };
  });
}

/** A role's snapshots under sessions/history/, oldest first. */
export function history(paths: Pick<ProjectPaths, "historyDir">, role: string): string[] {
  let names: string[];
  try {
    names = readdirSync(paths.historyDir);
  } catch {
    return [];
  }
  // `<role>-<yyyymmddThhmmssmmmZ>-<count>.af`: the whole rest is matched, so `qa` never takes `qa-2`'s snapshots.
  const own = /^\d{8}T\d{9}Z-\d{4,}\.af$/;
  return names
    .filter((n) => n.startsWith(`${role}-`) && own.test(n.slice(role.length + 1)))
    .sort()
    .map((n) => join(paths.historyDir, n));
}

/** Restores a state from a file (an export or a history snapshot) as the role's current .af. */
export async function importState(
  from: string,
  paths: Pick<ProjectPaths, "agentsDir">,
  role?: string,
): Promise<{ file: string; state: AgentState }> {
  let text: string;
  try {
    text = readFileSync(from, "utf8");
  } catch (error) {
    throw new WfError(
      "E_USAGE_FILE",
      `cannot read ${from}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { hint: "give the path of an exported .af file" },
    );
  }
  const state = parseState(text, basename(from));
  const target = role ?? state.agent.role;
  if (target !== state.agent.role) {
    throw new WfError("E_USAGE_ROLE", `the file holds role ${state.agent.role}, not ${target}`, {
      hint: `load it as ${state.agent.role}, or omit the role`,
    });
  }
  const file = stateFile(paths, target);
  await withLock(file, () => atomicWrite(file, `${JSON.stringify(state, null, 2)}\n`));
  return { file, state };
}
