import type { Document, LineCounter } from "yaml";
import { WfError, type ErrorCode } from "../core/errors.ts";

/** The limits every YAML reader of wf-task shares (a state or config file is small and plain). */
export const YAML_LIMITS = {
  /** Bigger files are refused before parsing. */
  maxBytes: 2_000_000,
  /** Alias expansions when building the value: more is a "billion laughs" bomb. */
  maxAliasCount: 100,
} as const;

export interface ReadYamlOptions {
  /** The file as shown in errors (relative to the project root). */
  file: string;
  /** Error code: E_CONFIG_SYNTAX, E_MCP_CONFIG, … */
  code: ErrorCode;
  /** What to do about a syntax error. */
  hint?: string;
  uniqueKeys?: boolean;
}

/**
 * Parses YAML text under the shared limits: a syntax error, a file too large and an alias bomb
 * are each one WfError (exit 2) with `file:line:col`, never an internal error or a hang.
 */
export async function readYaml(
  text: string,
  options: ReadYamlOptions,
): Promise<{ data: unknown; doc: Document; lineCounter: LineCounter }> {
  const { parseDocument, LineCounter } = await import("yaml");
  if (text.length > YAML_LIMITS.maxBytes) {
    throw new WfError(
      options.code,
      `file is ${text.length} bytes, more than the ${YAML_LIMITS.maxBytes} wf-task reads; refused without parsing`,
      { where: options.file, hint: "this file should be small; check what wrote it" },
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: options.uniqueKeys ?? true, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    throw new WfError(options.code, err.message.split("\n")[0]!, {
      where: `${options.file}:${pos?.line ?? 1}:${pos?.col ?? 1}`,
      hint: options.hint ?? "fix the YAML syntax",
    });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (error) {
    // The yaml package refuses excessive alias expansion with a ReferenceError.
    const anchor = /&/.exec(text);
    const at = anchor ? lineCounter.linePos(anchor.index) : { line: 1, col: 1 };
    throw new WfError(
      options.code,
      `refused: more than ${YAML_LIMITS.maxAliasCount} alias expansions (an alias bomb) — ${(error as Error).message.split("\n")[0]}`,
      {
        where: `${options.file}:${at.line}:${at.col}`,
        hint: "write the values out instead of nesting aliases",
      },
    );
  }
  return { data, doc, lineCounter };
}
