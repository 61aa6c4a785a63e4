/**
 * The legacy `.ai/project/config.yaml` (version 2.x, snake_case): its sections map onto the
 * config schema key by key (`port_range` → `portRange`). Keys wf-task does not know are kept
 * as they are and reported, never rejected, so a team's existing file keeps working.
 */

const SECTIONS = ["harness", "trust", "parallel", "specs", "enforcement", "compound", "integrations"];
/** Maps whose keys are data (env var names), not config keys. */
const DATA_MAPS = new Set(["env", "levels", "priorities"]);

export const snakeToCamel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
export const camelToSnake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function camelize(value: unknown, parentKey = ""): unknown {
  if (Array.isArray(value)) return value.map((item) => camelize(item, parentKey));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const keep = DATA_MAPS.has(parentKey) && parentKey === "env";
    const name = keep || key === "task_type" ? key : snakeToCamel(key);
    out[name] = camelize(inner, name);
  }
  return out;
}

export interface LegacyMapped {
  /** The part of the file that maps onto the config schema. */
  config: Record<string, unknown>;
  /** Top-level keys that are not config sections (project info, agents, …), untouched. */
  extra: Record<string, unknown>;
  version?: string;
}

/** Maps a parsed legacy config.yaml onto the config schema's shape. */
export function mapLegacy(data: Record<string, unknown>): LegacyMapped {
  const config: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === "version") continue;
    if (SECTIONS.includes(key)) config[key] = camelize(value, key);
    else extra[key] = value;
  }
  // enforcement.trust.model(_file) names the trust model file.
  const enforcement = config.enforcement as Record<string, any> | undefined;
  const model = enforcement?.trust?.modelFile ?? enforcement?.trust?.model;
  if (typeof model === "string") {
    config.trust = { ...(config.trust as object), modelFile: model };
    delete enforcement!.trust.modelFile;
    delete enforcement!.trust.model;
  }
  mapPlan21(config);
  // integrations.mcp.servers as a list of names refers to the YAML files: not inline servers.
  const mcp = (config.integrations as Record<string, any> | undefined)?.mcp;
  if (Array.isArray(mcp?.servers) && mcp.servers.some((s: unknown) => typeof s === "string")) {
    extra["integrations.mcp.servers"] = mcp.servers;
    delete mcp.servers;
  }
  return { config, extra, version: data.version === undefined ? undefined : String(data.version) };
}

/** Displays a camelCase key path the way the legacy file spells it. */
export function legacyPath(path: readonly (string | number)[]): (string | number)[] {
  return path.map((p) => (typeof p === "string" ? camelToSnake(p) : p));
}

/**
 * The plan's config.yaml 2.1 keys that have a wf-task equivalent under another name:
 * enforcement.trust.contexts.{high,medium,low}_trust (task types) → trust.levels.<level>.taskTypes,
 * compound.destinations.{claude_md, learnings} → compound.claudeMd / learningsFile,
 * compound.metrics.storage → compound.metricsDir, integrations.mcp.auth → integrations.mcp.authFile.
 * What has no equivalent stays where it is (reported as unused, kept).
 */
function mapPlan21(config: Record<string, any>): void {
  const trust = config.enforcement?.trust;
  const contexts = trust?.contexts;
  if (contexts && typeof contexts === "object" && !Array.isArray(contexts)) {
    for (const level of ["high", "medium", "low"] as const) {
      const list = contexts[`${level}Trust`] ?? contexts[level];
      if (!Array.isArray(list) || !list.every((t) => typeof t === "string")) continue;
      config.trust ??= {};
      config.trust.levels ??= {};
      const lv = (config.trust.levels[level] ??= {});
      lv.taskTypes = [...(lv.taskTypes ?? []), ...list];
      delete contexts[`${level}Trust`];
      delete contexts[level];
    }
    if (!Object.keys(contexts).length) delete trust.contexts;
  }
  const compound = config.compound;
  const dest = compound?.destinations;
  if (dest && typeof dest === "object") {
    if (typeof dest.claudeMd === "string") ((compound.claudeMd = dest.claudeMd), delete dest.claudeMd);
    if (typeof dest.learnings === "string") ((compound.learningsFile = dest.learnings), delete dest.learnings);
    if (!Object.keys(dest).length) delete compound.destinations;
  }
  const metrics = compound?.metrics;
  if (metrics && typeof metrics === "object" && typeof metrics.storage === "string") {
    compound.metricsDir = metrics.storage;
    delete metrics.storage;
    if (!Object.keys(metrics).length) delete compound.metrics;
  }
  const mcp = config.integrations?.mcp;
  if (mcp && typeof mcp.auth === "string") {
    mcp.authFile = mcp.auth;
    delete mcp.auth;
  }
}
