// The shapes of the trust model: plain types, no runtime imports (the PreToolUse hook loads this).
import type { CompiledGlob } from "./glob.ts";

/** How much an agent may do alone. */
export type Level = "high" | "medium" | "low";
/** What a human does alongside. */
export type Supervision = "minimal" | "code_review_required" | "pair_programming";

export const LEVELS: readonly Level[] = ["high", "medium", "low"];
/** Default priorities: the most restrictive level wins. */
export const DEFAULT_PRIORITIES: Readonly<Record<Level, number>> = { low: 3, medium: 2, high: 1 };

/** What a level means for an agent. */
export interface TrustLevelInfo {
  level: Level;
  description: string;
  auto_approve: boolean;
  supervision: Supervision;
  escalation: boolean;
  /** Whom to escalate to (trust_model.yaml `escalation: security-team` or `{to: …}`), or null. */
  escalate_to: string | null;
  /** `require_human_review`: no auto-approval; at least code review. */
  require_human_review: boolean;
  /** `max_consecutive_changes`: the PreToolUse hook asks after this many auto-approved changes in one session. */
  max_consecutive_changes: number | null;
}

/** One entry of a level: a path pattern or a task type, with where it was defined. */
export interface TrustRule {
  level: Level;
  kind: "pattern" | "task_type";
  /** The pattern as written, or the normalized task type. */
  value: string;
  reason?: string;
  /** `built-in`, `trust_model.yaml:12`, `workflow.config.ts trust.levels.low.patterns[0]`. */
  source: string;
  /** Compiled pattern (patterns only). */
  glob?: CompiledGlob;
  /** `exclude` globs as written: a path they match is taken back out of this rule. */
  exclude?: string[];
  /** Compiled `exclude` globs. */
  excludeGlobs?: CompiledGlob[];
}

/** A resolved, compiled trust model: the base (file or built-in) with the config on top. */
export interface TrustModel {
  version: string;
  /** Project root; absolute paths under it are made relative before matching. */
  root: string;
  /** Where the base came from: the built-in default, a trust_model.yaml, or none (replaceDefaults). */
  base: { kind: "built-in" | "file" | "none"; path?: string };
  defaultLevel: Level;
  caseSensitive: boolean;
  /** `trust.autoApprove`: false turns auto-approval off for every level. */
  autoApprove: boolean;
  levels: Record<Level, TrustLevelInfo>;
  /** Higher wins when several levels match. */
  priorities: Record<Level, number>;
  /** Every rule, in the order defined. */
  rules: TrustRule[];
  /** Pattern rules in deciding order: priority (highest first), then definition order. */
  ordered: TrustRule[];
  /** Paths agents may never write. */
  forbidden: TrustRule[];
  /** Task type → deciding rule. */
  tasks: Map<string, TrustRule>;
  /** Where the hook keeps its per-session counts of auto-approved changes (max_consecutive_changes). */
  changesDir?: string;
  /** Soft problems (a `remove` entry that removed nothing, an unknown key in trust_model.yaml …). */
  warnings: string[];
}

/** True when a pattern rule matches a (case-folded, root-relative) path: its glob, minus its `exclude` globs. */
export function ruleMatches(rule: TrustRule, key: string): boolean {
  return rule.glob!.test(key) && !(rule.excludeGlobs ?? []).some((g) => g.test(key));
}

/** The result of assessing one path (`trust assess --json`). */
export interface PathAssessment {
  path: string;
  level: Level;
  auto_approve: boolean;
  supervision: Supervision;
  reason: string;
  /** The pattern that decided, or null when the default level applied. */
  matched: string | null;
  escalation: boolean;
  /** The path is in `trust.forbidden`. */
  forbidden: boolean;
}

/** The result of evaluating a task type (`trust task --json`). */
export interface TaskEvaluation {
  task_type: string;
  level: Level;
  auto_approve: boolean;
  supervision: Supervision;
  reason: string;
  escalation: boolean;
  /** Set when the task type is unknown and the default level applied. */
  warning?: string;
}
