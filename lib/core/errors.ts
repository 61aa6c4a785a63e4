/** Exit codes shared by every command. */
export const EXIT = {
  /** Everything went as asked. */
  ok: 0,
  /** A check said no: a violation, not compliant, not auto-approvable. */
  check: 1,
  /** Bad usage or bad input. */
  usage: 2,
  /** A missing prerequisite (git, tmux, …). */
  prereq: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const brand = Symbol.for("wf-task.error");

/** How an error ends the process: the exit code of its class. */
export const EXIT_CLASS = { check: EXIT.check, usage: EXIT.usage, prereq: EXIT.prereq, interrupt: 130 } as const;
export type ExitClass = keyof typeof EXIT_CLASS;

/**
 * Every error code wf-task throws, with its exit class: `check` (1) a check or an operation said
 * no (a conflict, a busy port, a failed git command), `usage` (2) bad usage or input, `prereq` (3)
 * something the environment lacks (a program, a repository, a lock another process holds),
 * `interrupt` (130) the user stopped it. docs/cli.md lists them.
 */
export const ERROR_CODES = {
  E_CHECK: "check",
  E_CHECK_BASE_DIRTY: "check",
  E_CHECK_EDITED: "check",
  E_CHECK_MANIFEST: "check",
  E_CHECK_MCP: "check",
  E_CHECK_PORTS: "check",
  E_CHECK_SESSION_EXISTS: "check",
  E_CHECK_WORKTREE: "check",
  E_GIT: "check",
  E_TMUX: "check",
  E_MCP_RUNNING: "check",
  E_INTERVIEW_CANCELLED: "check",
  E_INTERVIEW_INTERRUPTED: "interrupt",
  E_PREREQ: "prereq",
  E_PREREQ_BUILD: "prereq",
  E_PREREQ_GIT: "prereq",
  E_PREREQ_GIT_REPO: "prereq",
  E_PREREQ_GIT_VERSION: "prereq",
  E_PREREQ_PARSER: "prereq",
  E_PREREQ_PROGRAM: "prereq",
  E_PREREQ_REPO: "prereq",
  E_PREREQ_SHELL: "prereq",
  E_PREREQ_TMUX: "prereq",
  E_PREREQ_TS_LOADER: "prereq",
  E_LOCK_BUSY: "prereq",
  E_CI_EXISTS: "usage",
  E_CLAUDE_SETTINGS: "usage",
  E_COMPOUND_CORRUPT: "usage",
  E_COMPOUND_MARKERS: "usage",
  E_CONFIG: "usage",
  E_CONFIG_ENV: "usage",
  E_CONFIG_EXISTS: "usage",
  E_CONFIG_LOAD: "usage",
  E_CONFIG_SYNTAX: "usage",
  E_CONFIG_TIMEOUT: "usage",
  E_CONFIG_VERSION: "usage",
  E_HOOK_FOREIGN: "usage",
  E_INTERNAL: "usage",
  E_INTERNAL_PARSE: "usage",
  E_INTERVIEW_INVALID: "usage",
  E_MCP_AUTH: "usage",
  E_MCP_AUTH_TIMEOUT: "usage",
  E_MCP_CONFIG: "usage",
  E_MCP_ENV: "usage",
  E_MCP_RENDER: "usage",
  E_MCP_START: "usage",
  E_MCP_STATE: "usage",
  E_MCP_TOKEN_STORE: "usage",
  E_MCP_UNKNOWN: "usage",
  E_PROGRESS_CORRUPT: "usage",
  E_PROGRESS_MISSING: "usage",
  E_PROGRESS_READ: "usage",
  E_SPEC_ALIAS_BOMB: "usage",
  E_SPEC_INVALID: "usage",
  E_SPEC_SCHEMA: "usage",
  E_SPEC_TOO_DEEP: "usage",
  E_SPEC_TOO_LARGE: "usage",
  E_SPEC_TOP_LEVEL: "usage",
  E_SPEC_YAML: "usage",
  E_STATE_CORRUPT: "usage",
  E_STATE_MISSING: "usage",
  E_TASK_LOAD: "usage",
  E_TASK_SHAPE: "usage",
  E_TDD_RUNS_CORRUPT: "usage",
  E_TRUST_MODEL: "usage",
  E_UNKNOWN_COMMAND: "usage",
  E_UNKNOWN_TASK: "usage",
  E_USAGE: "usage",
  E_USAGE_ANSWERS: "usage",
  E_USAGE_BASE: "usage",
  E_USAGE_BRANCH: "usage",
  E_USAGE_BUDGET: "usage",
  E_USAGE_CHURN: "usage",
  E_USAGE_CI_TEMPLATES: "usage",
  E_USAGE_COMMIT: "usage",
  E_USAGE_DATE: "usage",
  E_USAGE_DAYS: "usage",
  E_USAGE_EMPTY: "usage",
  E_USAGE_EVENT: "usage",
  E_USAGE_EXISTS: "usage",
  E_USAGE_FEATURE_ID: "usage",
  E_USAGE_FILE: "usage",
  E_USAGE_HOOK: "usage",
  E_USAGE_JSON: "usage",
  E_USAGE_LANGUAGE: "usage",
  E_USAGE_LIMIT: "usage",
  E_USAGE_MAX_TOKENS: "usage",
  E_USAGE_MCP_AUTH: "usage",
  E_USAGE_MCP_JSON: "usage",
  E_USAGE_MCP_START: "usage",
  E_USAGE_NAME: "usage",
  E_USAGE_NOT_FOUND: "usage",
  E_USAGE_NO_LEGACY: "usage",
  E_USAGE_NO_PANE: "usage",
  E_USAGE_NO_RUN: "usage",
  E_USAGE_NO_SESSION: "usage",
  E_USAGE_NO_WORKTREE: "usage",
  E_USAGE_OUTSIDE_ROOT: "usage",
  E_USAGE_PATH: "usage",
  E_USAGE_PERCENT: "usage",
  E_USAGE_ROLE: "usage",
  E_USAGE_STATUS: "usage",
  E_USAGE_TASK: "usage",
  E_USAGE_TEXT: "usage",
  E_USAGE_THRESHOLD: "usage",
  E_USAGE_TRANSCRIPT: "usage",
  E_USAGE_TYPE: "usage",
} as const satisfies Record<string, ExitClass>;

/**
 * File system errors keep the system's code (`E_FS_EISDIR`): a path that is the wrong kind of
 * thing is bad input (2); permissions, space and limits are the environment's (3).
 */
type FsCode = `E_FS_${string}`;
const FS_USAGE = new Set(["EISDIR", "ENOTDIR", "EEXIST", "ENOTEMPTY", "ENOENT", "ELOOP", "ENAMETOOLONG"]);

export type ErrorCode = keyof typeof ERROR_CODES | FsCode;

/** The exit code of an error code. */
export function exitOf(code: ErrorCode | string): number {
  const known = (ERROR_CODES as Record<string, ExitClass>)[code];
  if (known) return EXIT_CLASS[known];
  if (code.startsWith("E_FS_")) return FS_USAGE.has(code.slice(5)) ? EXIT.usage : EXIT.prereq;
  // A code a user task made up: its prefix says the class.
  if (code.startsWith("E_PREREQ")) return EXIT.prereq;
  if (code.startsWith("E_CHECK")) return EXIT.check;
  return EXIT.usage;
}

export interface WfErrorOptions {
  /** What to do about it, printed on its own line after the message. */
  hint?: string;
  /** The underlying error. */
  cause?: unknown;
  /** Where: a file:line:col or a key path. */
  where?: string;
  /** Further problems of the same kind, one line each (all config errors at once). */
  details?: string[];
}

/**
 * The one error type of wf-task. `code` is stable and says the exit code (`ERROR_CODES`),
 * `message` says what was expected and what was got, `hint` what to do.
 */
export class WfError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly exitCode: number;
  readonly where?: string;
  readonly details: string[];
  readonly [brand] = true;

  constructor(code: ErrorCode, message: string, options: WfErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "WfError";
    this.code = code;
    this.hint = options.hint;
    this.where = options.where;
    this.details = options.details ?? [];
    this.exitCode = exitOf(code);
  }
}

/** True for a WfError, also one thrown by another copy of wf-task. */
export function isWfError(value: unknown): value is WfError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/** Shorthand for the common bad-input error (exit 2). */
export function usageError(message: string, hint?: string, where?: string): WfError {
  return new WfError("E_USAGE", message, { hint, where });
}

/** Formats an error as the one line (plus hint line) the CLI prints. */
export function formatError(error: WfError): string {
  const where = error.where ? `${error.where}: ` : "";
  const lines = [
    `error ${error.code}: ${where}${error.message}`,
    ...error.details.map((d) => `error ${error.code}: ${d}`),
  ];
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return lines.join("\n");
}
