// Synchronous reads: validating files one after another, a thread-pool round trip per call
// costs more than the read itself (it was most of the time for 1,000 specs).
import { readFileSync, statSync } from "node:fs";
import * as v from "valibot";
import { issuesToProblems } from "./issues.ts";
import type { SpecProblem } from "./problem.ts";
import { SPEC_KINDS, detectKind, specSchemas, type SpecKind } from "./schemas/index.ts";
import { specWarnings } from "./warnings.ts";
import { DEFAULT_LIMITS, parseYamlSource, type YamlLimits } from "./yaml-source.ts";
import { WfError } from "../core/errors.ts";

/** The verdict on one spec file: `{valid, errors[], warnings[]}` plus which file and kind. */
export interface SpecValidation {
  file: string;
  kind: SpecKind;
  valid: boolean;
  errors: SpecProblem[];
  warnings: SpecProblem[];
}

export interface ValidateOptions {
  /** The kind of spec; guessed from its top-level keys when absent. */
  kind?: SpecKind;
  /** Name shown in results (default the path as given). */
  file?: string;
  limits?: Partial<YamlLimits>;
}

/** Validates a spec given as text (YAML or JSON). Also returns the parsed value when it is valid. */
export async function validateSpecText(
  text: string,
  options: ValidateOptions = {},
): Promise<SpecValidation & { value?: unknown }> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const file = options.file ?? "<input>";
  const source = await parseYamlSource(text, limits);
  const kind = options.kind ?? detectKind(source.value);
  const result = (errors: SpecProblem[], warnings: SpecProblem[], value?: unknown) => ({
    file,
    kind,
    valid: errors.length === 0,
    errors,
    warnings,
    ...(errors.length === 0 ? { value } : {}),
  });
  if (source.errors.length) return result(source.errors, source.warnings);
  const value = source.value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const got =
      value === null || value === undefined
        ? "an empty document"
        : Array.isArray(value)
          ? "a list"
          : `a ${typeof value}`;
    return result(
      [
        {
          code: "E_SPEC_TOP_LEVEL",
          path: "",
          ...source.position([]),
          message: `expected a mapping at the top level (a ${kind}), got ${got}`,
        },
      ],
      source.warnings,
    );
  }
  const schema = specSchemas[kind];
  const parsed = v.safeParse(schema, value, { abortEarly: false });
  if (!parsed.success) return result(issuesToProblems(parsed.issues, schema, source.position), source.warnings);
  return result([], [...source.warnings, ...specWarnings(kind, value, source.position)], value);
}

/** Validates a spec file: `validate(path)`. A missing file is bad input (E_USAGE_NOT_FOUND). */
export async function validateSpec(path: string, options: ValidateOptions = {}): Promise<SpecValidation> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const file = options.file ?? path;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new WfError("E_USAGE_NOT_FOUND", `no spec file ${file}`, {
      hint: "give the path of a spec.yaml (features live in .ai/project/features/<id>/spec.yaml)",
    });
  }
  if (size > limits.maxBytes) {
    return {
      file,
      kind: options.kind ?? "feature_spec",
      valid: false,
      errors: [
        {
          code: "E_SPEC_TOO_LARGE",
          path: "",
          line: 1,
          col: 1,
          message: `file is ${size} bytes, more than the ${limits.maxBytes} a spec may have; refused without reading`,
        },
      ],
      warnings: [],
    };
  }
  const { value: _value, ...result } = await validateSpecText(readFileSync(path, "utf8"), { ...options, file, limits });
  return result;
}

/** Reads and validates a spec, throwing a WfError (exit 2) that lists every error when it is invalid. */
export async function loadSpec(
  path: string,
  options: ValidateOptions = {},
): Promise<{ value: any; validation: SpecValidation }> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const file = options.file ?? path;
  let text: string;
  try {
    if (statSync(path).size > limits.maxBytes)
      throw new WfError("E_SPEC_TOO_LARGE", `${file} is larger than ${limits.maxBytes} bytes; refused`);
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as WfError).code === "E_SPEC_TOO_LARGE") throw error;
    throw new WfError("E_USAGE_NOT_FOUND", `no spec file ${file}`, {
      hint: "give the path of a spec.yaml, or a feature id",
    });
  }
  const validation = await validateSpecText(text, { ...options, file, limits });
  if (!validation.valid) {
    const [first, ...rest] = validation.errors;
    throw new WfError("E_SPEC_INVALID", first!.message, {
      where: `${validation.file}:${first!.line}:${first!.col}`,
      details: rest.map((e) => `${validation.file}:${e.line}:${e.col}: ${e.path ? `${e.path}: ` : ""}${e.message}`),
      hint: `fix the spec (\`wf-task spec validate ${validation.file}\`)`,
    });
  }
  const { value, ...rest } = validation;
  return { value, validation: rest };
}

export { SPEC_KINDS };
