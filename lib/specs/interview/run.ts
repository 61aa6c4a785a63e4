import { existsSync, mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Readable, Writable } from "node:stream";
import * as v from "valibot";
import { WfError } from "../../core/errors.ts";
import { atomicWrite } from "../../util/atomic-write.ts";
import { withLock } from "../../util/lock.ts";
import { readStream } from "../../util/read-stream.ts";
import { specPathFor } from "../feature-id.ts";
import { issuesToProblems } from "../issues.ts";
import type { FeatureSpec } from "../schemas/index.ts";
import { validateSpecText } from "../validate.ts";
import { parseYamlSource } from "../yaml-source.ts";
import { buildSpec, specToYaml } from "./build-spec.ts";
import { askMissing, terminalAsker } from "./prompt.ts";
import { AnswersSchema, QUESTIONS, type Answers } from "./questions.ts";

export interface InterviewOptions {
  feature: string;
  /** Where feature workspaces live (`specs.featuresDir`, absolute). */
  featuresDir: string;
  /** An answers file (YAML); `-` reads stdin. */
  answersFile?: string;
  /** Overwrite an existing spec. */
  force?: boolean;
  /** quick: only name, goal, acceptance criteria and requirements are asked; api: the API too, and an API contract is written. */
  mode?: "full" | "quick" | "api";
  input: Readable;
  output: Writable;
  /** The input is a terminal: ask what the answers leave out. */
  interactive: boolean;
  /** Prints a line of conversation (questions go straight to `output`). */
  say(text: string): void;
  now?: Date;
}

/** What an interview produced. */
export interface InterviewResult {
  feature: string;
  /** Absolute path of the spec written. */
  spec: string;
  overwritten: boolean;
  /** Where the answers came from. */
  source: "file" | "stdin" | "terminal" | "file+terminal";
  requirements: string[];
  warnings: number;
  value: FeatureSpec;
  /** With mode api: the API contract written (absolute path). */
  contract?: string;
}

/** The questions each mode asks (the rest take their defaults). */
const MODE_KEYS: Record<"quick" | "api", readonly string[]> = {
  quick: ["name", "goal", "acceptance_criteria", "requirements"],
  api: ["name", "goal", "apis", "requirements"],
};

/** Parses and checks an answers document; errors name the file, line, column and key. */
export async function parseAnswers(text: string, file: string): Promise<Answers> {
  const source = await parseYamlSource(text);
  const where = (p: { line: number; col: number }) => `${file}:${p.line}:${p.col}`;
  if (source.errors.length) {
    const [first] = source.errors;
    throw new WfError("E_USAGE_ANSWERS", first!.message, {
      where: where(first!),
      hint: "the answers file is YAML: `goal: …`, `requirements: [ … ]`",
    });
  }
  if (source.value === null || source.value === undefined) return {};
  const parsed = v.safeParse(AnswersSchema, source.value, { abortEarly: false });
  if (!parsed.success) {
    const problems = issuesToProblems(parsed.issues, AnswersSchema, source.position);
    const line = (p: (typeof problems)[number]) => `${p.path ? `${p.path}: ` : ""}${p.message}`;
    throw new WfError("E_USAGE_ANSWERS", line(problems[0]!), {
      where: where(problems[0]!),
      details: problems.slice(1).map((p) => `${where(p)}: ${line(p)}`),
      hint: `answer keys: ${QUESTIONS.map((q) => q.key).join(", ")}`,
    });
  }
  return parsed.output;
}

/**
 * Runs the interview for a feature: answers from a file, stdin or the terminal, then writes
 * `<featuresDir>/<feature>/spec.yaml` (validated) and the feature workspace. Saves nothing
 * when the input stops half-way (E_INTERVIEW_CANCELLED).
 */
export async function runInterview(options: InterviewOptions): Promise<InterviewResult> {
  const specPath = specPathFor(options.featuresDir, options.feature);
  const exists = existsSync(specPath);
  if (exists && !options.force) {
    throw new WfError("E_USAGE_EXISTS", `a spec for ${options.feature} exists: ${specPath}`, {
      hint: "pass --force to replace it, or edit it and run `wf-task spec validate`",
    });
  }
  let answers: Answers = {};
  let source: InterviewResult["source"] = "terminal";
  if (options.answersFile === "-" || (!options.answersFile && !options.interactive)) {
    answers = await parseAnswers(
      await readStream(options.input, {
        maxBytes: 1_000_000,
        tooLarge: () => new WfError("E_USAGE_ANSWERS", "answers on stdin are larger than 1 MB; refused"),
      }),
      "<stdin>",
    );
    source = "stdin";
  } else if (options.answersFile) {
    let text: string;
    try {
      text = await readFile(options.answersFile, "utf8");
    } catch {
      throw new WfError("E_USAGE_NOT_FOUND", `no answers file ${options.answersFile}`, {
        hint: "give a YAML file with keys like goal, name, requirements",
      });
    }
    answers = await parseAnswers(text, options.answersFile);
    source = "file";
  }
  const canAsk = options.interactive && options.answersFile !== "-";
  const mode = options.mode ?? "full";
  const asked = mode === "full" ? QUESTIONS : QUESTIONS.filter((q) => MODE_KEYS[mode].includes(q.key));
  const unanswered = asked.filter((q) => answers[q.key] === undefined);
  if (canAsk && unanswered.length) {
    if (source === "file") source = "file+terminal";
    options.say(
      `Interview for ${options.feature}: ${unanswered.length} question(s). Enter takes the [default]; Ctrl-D stops without saving.`,
    );
    const asker = await terminalAsker(options.input, options.output);
    try {
      const got = await askMissing(asker, asked, options.feature, answers, options.say);
      if (!got) {
        options.say("");
        throw new WfError(
          asker.stopped === "interrupt" ? "E_INTERVIEW_INTERRUPTED" : "E_INTERVIEW_CANCELLED",
          `interview stopped (${asker.stopped === "interrupt" ? "Ctrl-C" : "end of input"}): nothing saved`,
          {
            hint: `run \`wf-task interview ${options.feature}\` again, or answer from a file with --answers`,
          },
        );
      }
      answers = got;
    } finally {
      asker.close();
    }
  }
  if (!answers.goal) {
    throw new WfError("E_USAGE_ANSWERS", "missing `goal`: the primary goal of the feature has no default", {
      hint: "add `goal: …` to the answers, or run the interview at a terminal",
    });
  }
  for (const q of QUESTIONS) {
    if (answers[q.key] === undefined && q.default) {
      const fallback = q.default({ feature: options.feature, answers });
      if (fallback !== "" && !(Array.isArray(fallback) && !fallback.length))
        (answers as Record<string, unknown>)[q.key] = fallback;
    }
  }
  if (mode === "api" && !answers.apis?.length) {
    throw new WfError(
      "E_USAGE_ANSWERS",
      "missing `apis`: an API interview needs at least one endpoint (`POST /auth/login Sign in`) or function",
      {
        hint: 'add `apis: ["POST /auth/login Sign in"]` to the answers',
      },
    );
  }
  const spec = buildSpec(options.feature, { ...answers, goal: answers.goal }, options.now);
  let contract: { path: string; text: string } | undefined;
  if (mode === "api") {
    const { buildContract } = await import("./api-contract.ts");
    const { stringify } = await import("yaml");
    const value = buildContract(
      options.feature,
      spec.feature.name,
      answers.apis!,
      spec.requirements.functional.map((r) => r.id),
    );
    const path = join(dirname(specPath), "contracts", "api_contract.yaml");
    const text =
      `# API contract for ${options.feature}, written by \`wf-task interview --api\`. Fill in requests and responses.\n` +
      `${stringify(value, { lineWidth: 0 })}`;
    const ok = await validateSpecText(text, { kind: "api_contract", file: path });
    if (!ok.valid)
      throw new WfError(
        "E_INTERVIEW_INVALID",
        `the API answers make an invalid contract: ${ok.errors[0]!.path}: ${ok.errors[0]!.message}`,
        { hint: "write endpoints as `METHOD /path summary`" },
      );
    contract = { path, text };
  }
  const text = await specToYaml(spec);
  const check = await validateSpecText(text, { kind: "feature_spec", file: specPath });
  if (!check.valid) {
    const [e] = check.errors;
    throw new WfError("E_INTERVIEW_INVALID", `the answers make an invalid spec: ${e!.path}: ${e!.message}`, {
      hint: "fix the answer and run the interview again",
    });
  }
  await withLock(specPath, async () => {
    if (existsSync(specPath) && !options.force && !exists) {
      throw new WfError("E_USAGE_EXISTS", `a spec for ${options.feature} was written meanwhile: ${specPath}`, {
        hint: "pass --force to replace it",
      });
    }
    mkdirSync(join(dirname(specPath), "contracts"), { recursive: true });
    await atomicWrite(specPath, text);
    if (contract) await atomicWrite(contract.path, contract.text);
  });
  return {
    feature: options.feature,
    spec: specPath,
    overwritten: exists,
    source,
    requirements: spec.requirements.functional.map((r) => r.id),
    warnings: check.warnings.length,
    value: spec,
    ...(contract ? { contract: contract.path } : {}),
  };
}
