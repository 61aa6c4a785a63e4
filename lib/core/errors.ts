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

export interface WfErrorOptions {
  /** What to do about it, printed on its own line after the message. */
  hint?: string;
  /** Process exit code; defaults from the code's prefix (E_USAGE → 2, E_PREREQ → 3). */
  exitCode?: number;
  /** The underlying error. */
  cause?: unknown;
  /** Where: a file:line:col or a key path. */
  where?: string;
  /** Further problems of the same kind, one line each (all config errors at once). */
  details?: string[];
}

/**
 * The one error type of wf-task. `code` is stable (E_USAGE, E_CONFIG, E_PREREQ, …),
 * `message` says what was expected and what was got, `hint` what to do.
 */
export class WfError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly exitCode: number;
  readonly where?: string;
  readonly details: string[];
  readonly [brand] = true;

  constructor(code: string, message: string, options: WfErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "WfError";
    this.code = code;
    this.hint = options.hint;
    this.where = options.where;
    this.details = options.details ?? [];
    this.exitCode = options.exitCode ?? defaultExit(code);
  }
}

function defaultExit(code: string): number {
  if (code.startsWith("E_PREREQ")) return EXIT.prereq;
  if (code.startsWith("E_CHECK")) return EXIT.check;
  return EXIT.usage;
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
  const lines = [`error ${error.code}: ${where}${error.message}`, ...error.details.map((d) => `error ${error.code}: ${d}`)];
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return lines.join("\n");
}
