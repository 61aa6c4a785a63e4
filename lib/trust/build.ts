// Compiles a base model and the config's `trust` section into a TrustModel.
import type { Config } from "../config/types.ts";
import { WfError } from "../core/errors.ts";
import { LEVEL_DEFAULTS, type RawContext, type RawModel } from "./defaults.ts";
import { GlobError, compileGlob } from "./glob.ts";
import {
  DEFAULT_PRIORITIES,
  LEVELS,
  type Level,
  type TrustLevelInfo,
  type TrustModel,
  type TrustRule,
} from "./model.ts";

type TrustSection = Config["trust"];

/** Task types compare as lower-case words joined by `_`: `Unit-Tests` → `unit_tests`. */
export function normalizeTaskType(type: string): string {
  return type
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** Options of `buildModel`: where the config lives, for messages. */
export interface BuildOptions {
  root: string;
  /** Shown before key paths of the config's entries, e.g. `workflow.config.ts`. */
  configName?: string;
}

/** Builds the resolved model: base (unless `replaceDefaults`), minus `remove`, plus the config's levels. */
export function buildModel(base: RawModel | undefined, trust: TrustSection, options: BuildOptions): TrustModel {
  const configName = options.configName ?? "config";
  const caseSensitive = trust.caseSensitive;
  const useBase = trust.replaceDefaults ? undefined : base;
  const warnings: string[] = [...(useBase?.warnings ?? [])];
  const fold = (s: string) => (caseSensitive ? s : s.toLowerCase());

  // Remove entries of the base: a pattern as written, or a task type.
  const used = new Set<string>();
  const removes = (ctx: RawContext) =>
    trust.remove.find((r) =>
      ctx.pattern !== undefined
        ? fold(ctx.pattern) === fold(r)
        : ctx.task_type !== undefined && normalizeTaskType(ctx.task_type) === normalizeTaskType(r),
    );
  const contexts: (RawContext & { level: Level })[] = [];
  for (const level of LEVELS) {
    for (const ctx of useBase?.levels[level]?.contexts ?? []) {
      const hit = removes(ctx);
      if (hit === undefined) contexts.push({ ...ctx, level });
      else used.add(hit);
    }
  }
  for (const r of trust.remove)
    if (!used.has(r)) warnings.push(`${configName} trust.remove: \`${r}\` is not in the base model; nothing removed`);

  // Level settings: defaults < base < config.
  const levels = {} as Record<Level, TrustLevelInfo>;
  for (const level of LEVELS) {
    const b = useBase?.levels[level];
    const c = trust.levels[level];
    const d = LEVEL_DEFAULTS[level];
    const review = b?.require_human_review ?? d.require_human_review;
    const supervision = c?.supervision ?? b?.supervision ?? d.supervision;
    levels[level] = {
      level,
      description: c?.description ?? b?.description ?? d.description,
      // require_human_review: a human sees every change, so no auto-approval and at least a code review.
      auto_approve: !review && (c?.autoApprove ?? c?.auto_approve ?? b?.auto_approve ?? d.auto_approve),
      supervision: review && supervision === "minimal" ? "code_review_required" : supervision,
      escalation: c?.escalation ?? b?.escalation ?? d.escalation,
      escalate_to: b?.escalate_to ?? d.escalate_to,
      require_human_review: review,
      max_consecutive_changes: b?.max_consecutive_changes ?? d.max_consecutive_changes,
    };
    // The config's additions.
    const at = (key: string) => `${configName} trust.levels.${level}.${key}`;
    (c?.patterns ?? []).forEach((pattern, i) => contexts.push({ level, pattern, source: at(`patterns[${i}]`) }));
    (c?.taskTypes ?? []).forEach((task_type, i) => contexts.push({ level, task_type, source: at(`taskTypes[${i}]`) }));
    (c?.contexts ?? []).forEach((ctx, i) => {
      const task_type = ctx.task_type ?? ctx.taskType;
      contexts.push({ level, pattern: ctx.pattern, task_type, reason: ctx.reason, source: at(`contexts[${i}]`) });
    });
  }

  const problems: { message: string; where: string }[] = [];
  const rules: TrustRule[] = [];
  for (const ctx of contexts) {
    if (ctx.pattern === undefined && ctx.task_type === undefined) {
      problems.push({ where: ctx.source, message: "expected `pattern` or `task_type` in this entry, got neither" });
      continue;
    }
    if (ctx.pattern !== undefined && ctx.task_type !== undefined) {
      problems.push({
        where: ctx.source,
        message: "expected either `pattern` or `task_type` in this entry, got both (split it into two entries)",
      });
      continue;
    }
    if (ctx.task_type !== undefined) {
      const value = normalizeTaskType(ctx.task_type);
      if (!value) problems.push({ where: ctx.source, message: "expected a task type, got an empty string" });
      else rules.push({ level: ctx.level, kind: "task_type", value, reason: ctx.reason, source: ctx.source });
      continue;
    }
    const glob = compile(ctx.pattern!, caseSensitive, ctx.source, problems);
    const excludeGlobs = (ctx.exclude ?? []).map((x) => compile(x, caseSensitive, `${ctx.source}.exclude`, problems));
    if (!glob || excludeGlobs.some((g) => !g)) continue;
    const rule: TrustRule = {
      level: ctx.level,
      kind: "pattern",
      value: ctx.pattern!,
      reason: ctx.reason,
      source: ctx.source,
      glob,
    };
    if (ctx.exclude?.length) Object.assign(rule, { exclude: ctx.exclude, excludeGlobs });
    rules.push(rule);
  }
  const forbidden: TrustRule[] = [];
  trust.forbidden.forEach((pattern, i) => {
    const source = `${configName} trust.forbidden[${i}]`;
    const glob = compile(pattern, caseSensitive, source, problems);
    if (glob)
      forbidden.push({
        level: "low",
        kind: "pattern",
        value: pattern,
        reason: "forbidden by trust.forbidden",
        source,
        glob,
      });
  });
  if (problems.length) {
    const [first, ...rest] = problems;
    throw new WfError("E_TRUST_MODEL", first!.message, {
      where: first!.where,
      details: rest.map((p) => `${p.where}: ${p.message}`),
      hint: "fix the trust model entry (see `wf-task trust --help` for the pattern syntax)",
    });
  }

  const priorities = { ...DEFAULT_PRIORITIES, ...(trust.priorities ?? {}) } as Record<Level, number>;
  const ordered = rules.filter((r) => r.kind === "pattern").sort((a, b) => priorities[b.level] - priorities[a.level]);
  const tasks = new Map<string, TrustRule>();
  for (const rule of rules) {
    if (rule.kind !== "task_type") continue;
    const prev = tasks.get(rule.value);
    if (!prev || priorities[rule.level] > priorities[prev.level]) tasks.set(rule.value, rule);
  }
  return {
    version: base?.version ?? "1.0",
    root: options.root,
    base: useBase ? useBase.base : { kind: "none" },
    // The file's default_level applies unless the config chose another level than the default.
    defaultLevel: trust.defaultLevel !== "medium" ? trust.defaultLevel : (useBase?.defaultLevel ?? trust.defaultLevel),
    caseSensitive,
    autoApprove: trust.autoApprove,
    levels,
    priorities,
    rules,
    ordered,
    forbidden,
    tasks,
    warnings,
  };
}

function compile(
  pattern: string,
  caseSensitive: boolean,
  where: string,
  problems: { message: string; where: string }[],
) {
  try {
    return compileGlob(pattern, caseSensitive);
  } catch (error) {
    if (!(error instanceof GlobError)) throw error;
    problems.push({ where, message: `bad pattern \`${pattern}\`: ${error.message} (at character ${error.index + 1})` });
    return undefined;
  }
}
