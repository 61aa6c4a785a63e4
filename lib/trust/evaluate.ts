// The evaluator: level, auto-approval, supervision and reasons for paths and task types.
import { isAbsolute, relative } from "node:path";
import { normalizeTaskType } from "./build.ts";
import { normalizePath } from "./glob.ts";
import { modelMatcher } from "./matcher.ts";
import {
  ruleMatches,
  type Level,
  type PathAssessment,
  type Supervision,
  type TaskEvaluation,
  type TrustModel,
  type TrustRule,
} from "./model.ts";

/** A path as the model matches it: relative to the root, `/`-separated, normalized. */
export function modelPath(model: TrustModel, path: string): string {
  let p = path;
  if (isAbsolute(p)) {
    const rel = relative(model.root, p);
    if (rel && !rel.startsWith("..") && !isAbsolute(rel)) p = rel;
  }
  return normalizePath(p);
}

/** True when an absolute path lies outside the model's root. */
export function isOutsideRoot(model: TrustModel, path: string): boolean {
  if (!isAbsolute(path)) return normalizePath(path).startsWith("../") || normalizePath(path) === "..";
  const rel = relative(model.root, path);
  return rel === "" ? false : rel.startsWith("..") || isAbsolute(rel);
}

/** Trust level, auto-approval, supervision and the deciding pattern of one path. */
export function assessPath(model: TrustModel, path: string): PathAssessment {
  const p = modelPath(model, path);
  return decided(model, p, firstMatch(model, model.caseSensitive ? p : p.toLowerCase()));
}

/**
 * The deciding rule of a folded, root-relative path as an index: below `model.forbidden.length`
 * a forbidden rule, then `model.ordered` from there on; -1 when no rule matches.
 */
export function firstMatch(model: TrustModel, key: string): number {
  return modelMatcher(model).first(key);
}

/** The assessment of a (root-relative) path whose deciding rule is `index` (from `firstMatch`). */
export function decided(model: TrustModel, path: string, index: number): PathAssessment {
  if (index < 0) return result(model, path, model.defaultLevel, undefined, false);
  const forbidden = model.forbidden[index];
  if (forbidden) return result(model, path, "low", forbidden, true);
  const rule = model.ordered[index - model.forbidden.length]!;
  return result(model, path, rule.level, rule, false);
}

function result(
  model: TrustModel,
  path: string,
  level: Level,
  rule: TrustRule | undefined,
  forbidden: boolean,
): PathAssessment {
  const info = model.levels[level];
  return {
    path,
    level,
    auto_approve: !forbidden && model.autoApprove && info.auto_approve,
    supervision: info.supervision,
    reason: rule ? ruleReason(rule) : `no rule matches; default level ${level}`,
    matched: rule ? rule.value : null,
    escalation: info.escalation,
    forbidden,
  };
}

function ruleReason(rule: TrustRule): string {
  const except = rule.exclude?.length ? ` except ${rule.exclude.join(", ")}` : "";
  return rule.reason ? `${rule.reason} (${rule.value}${except})` : `matches ${rule.value}${except}`;
}

/** high | medium | low for a path. */
export function getLevel(model: TrustModel, path: string): Level {
  return assessPath(model, path).level;
}

/** True when an agent may change the path without a human's approval. */
export function canAutoApprove(model: TrustModel, path: string): boolean {
  return assessPath(model, path).auto_approve;
}

/** minimal | code_review_required | pair_programming for a path. */
export function getSupervision(model: TrustModel, path: string): Supervision {
  return assessPath(model, path).supervision;
}

/** Level, auto-approval and supervision of a task type; an unknown type gets the default level and a warning. */
export function evaluateTask(model: TrustModel, type: string): TaskEvaluation {
  const task_type = normalizeTaskType(type);
  const rule = model.tasks.get(task_type);
  const level = rule?.level ?? model.defaultLevel;
  const info = model.levels[level];
  const evaluation: TaskEvaluation = {
    task_type,
    level,
    auto_approve: model.autoApprove && info.auto_approve,
    supervision: info.supervision,
    reason: rule
      ? (rule.reason ?? `task type ${task_type}: ${info.description}`)
      : `unknown task type; default level ${level}`,
    escalation: info.escalation,
  };
  if (!rule) {
    const known = [...model.tasks.keys()].sort();
    evaluation.warning = `unknown task type \`${type}\`; known types: ${known.join(", ")}`;
  }
  return evaluation;
}

/** One rule that matched, in `explainPath`. */
export interface RuleMatch {
  level: Level;
  pattern: string;
  reason: string | null;
  source: string;
  priority: number;
  forbidden: boolean;
}

/** Every rule that matches a path, the winner and why it won (`trust explain`). */
export interface PathExplanation extends PathAssessment {
  matches: RuleMatch[];
  /** How the winner was chosen, in words. */
  why: string;
  priorities: Record<Level, number>;
  base: TrustModel["base"];
}

/** Explains the decision for a path: every matching rule and the reason the winner won. */
export function explainPath(model: TrustModel, path: string): PathExplanation {
  const assessment = assessPath(model, path);
  const key = model.caseSensitive ? assessment.path : assessment.path.toLowerCase();
  const toMatch = (rule: TrustRule, forbidden: boolean): RuleMatch => ({
    level: rule.level,
    pattern: rule.value,
    reason: rule.reason ?? null,
    source: rule.source,
    priority: model.priorities[rule.level],
    forbidden,
  });
  const matches = [
    ...model.forbidden.filter((r) => r.glob!.test(key)).map((r) => toMatch(r, true)),
    ...model.rules.filter((r) => r.kind === "pattern" && ruleMatches(r, key)).map((r) => toMatch(r, false)),
  ];
  const order = orderText(model);
  let why: string;
  if (assessment.forbidden) why = `\`${assessment.matched}\` is in trust.forbidden: agents may never write this path`;
  else if (!matches.length)
    why = `no rule matches, so the default level applies (trust.defaultLevel: ${model.defaultLevel})`;
  else if (matches.length === 1) why = `only \`${assessment.matched}\` matches`;
  else if (new Set(matches.map((m) => m.level)).size === 1)
    why = `every match is ${assessment.level}; the first defined, \`${assessment.matched}\`, is named`;
  else why = `several levels match; ${assessment.level} wins (${order})`;
  return { ...assessment, matches, why, priorities: model.priorities, base: model.base };
}

/** `low > medium > high` (the default), or the configured priorities, in words. */
export function orderText(model: TrustModel): string {
  const levels = (["low", "medium", "high"] as const).slice().sort((a, b) => model.priorities[b] - model.priorities[a]);
  const custom = model.priorities.low !== 3 || model.priorities.medium !== 2 || model.priorities.high !== 1;
  return custom ? `trust.priorities: ${levels.join(" > ")}` : `the most restrictive wins: ${levels.join(" > ")}`;
}

/** The overall verdict of several assessments and a task: the level with the highest priority wins. */
export function combine(
  model: TrustModel,
  files: PathAssessment[],
  task?: TaskEvaluation,
): { level: Level; auto_approve: boolean; supervision: Supervision; escalation: boolean; reason: string } {
  const items: { level: Level; auto_approve: boolean; reason: string; label: string }[] = [
    ...files.map((f) => ({ level: f.level, auto_approve: f.auto_approve, reason: f.reason, label: f.path })),
    ...(task
      ? [{ level: task.level, auto_approve: task.auto_approve, reason: task.reason, label: `task ${task.task_type}` }]
      : []),
  ];
  if (!items.length) {
    const info = model.levels[model.defaultLevel];
    return {
      level: info.level,
      auto_approve: model.autoApprove && info.auto_approve,
      supervision: info.supervision,
      escalation: info.escalation,
      reason: "nothing to assess",
    };
  }
  let worst = items[0]!;
  for (const item of items) if (model.priorities[item.level] > model.priorities[worst.level]) worst = item;
  const info = model.levels[worst.level];
  return {
    level: worst.level,
    auto_approve: items.every((i) => i.auto_approve),
    supervision: info.supervision,
    escalation: info.escalation,
    reason: `${worst.label}: ${worst.reason}`,
  };
}
