import * as v from "valibot";
import { Priority, Text, TextList, doc } from "../schemas/common.ts";

/** A requirement in an answers file: a title, or a mapping with more detail. */
const RequirementAnswer = v.union([
  Text,
  v.strictObject({ title: Text, description: v.optional(v.string()), acceptance_criteria: v.optional(TextList) }),
]);

/** The keys of an answers file (`--answers FILE`, or YAML on stdin); every key optional. */
export const AnswersSchema = v.strictObject({
  name: v.optional(doc(v.pipe(Text, v.maxLength(120)), "Human name of the feature")),
  priority: v.optional(Priority),
  goal: v.optional(doc(Text, "The primary goal")),
  users: v.optional(doc(v.string(), "Who uses the feature")),
  acceptance_criteria: v.optional(doc(TextList, "How we know the feature works")),
  apis: v.optional(doc(TextList, "APIs needed")),
  constraints: v.optional(doc(TextList, "Constraints")),
  similar_features: v.optional(doc(TextList, "Similar features")),
  risks: v.optional(doc(TextList, "Risks")),
  requirements: v.optional(
    doc(v.array(RequirementAnswer), "First functional requirements (titles), numbered FR-101, FR-102, …"),
  ),
});

export type Answers = v.InferOutput<typeof AnswersSchema>;
export type AnswerKey = keyof Answers;

/** One question of the interview. */
export interface Question {
  key: AnswerKey;
  prompt: string;
  /** text: one line · list: one item per line, an empty line ends · choice: one of `choices`. */
  kind: "text" | "list" | "choice";
  choices?: readonly string[];
  /** Must be answered (no default). */
  required?: boolean;
  /** Shown in brackets and used on an empty answer. */
  default?: (context: { feature: string; answers: Answers }) => string | string[];
}

const titleCase = (id: string) =>
  id
    .split("-")
    .filter(Boolean)
    .join(" ")
    .replace(/^./, (c) => c.toUpperCase());

/** The interview: name, priority, the bash workflow's seven questions, and the first requirements. */
export const QUESTIONS: readonly Question[] = [
  { key: "name", prompt: "Feature name", kind: "text", default: ({ feature }) => titleCase(feature) },
  { key: "priority", prompt: "Priority", kind: "choice", choices: Priority.options, default: () => "medium" },
  { key: "goal", prompt: "1/7 What is the primary goal of this feature?", kind: "text", required: true },
  { key: "users", prompt: "2/7 Who are the users?", kind: "text", default: () => "" },
  {
    key: "acceptance_criteria",
    prompt: "3/7 How will we know it works? (acceptance criteria)",
    kind: "list",
    default: () => [],
  },
  { key: "apis", prompt: "4/7 Which APIs does it need or expose?", kind: "list", default: () => [] },
  {
    key: "constraints",
    prompt: "5/7 Constraints (performance, security, compatibility)?",
    kind: "list",
    default: () => [],
  },
  { key: "similar_features", prompt: "6/7 Similar features to learn from?", kind: "list", default: () => [] },
  { key: "risks", prompt: "7/7 What could go wrong? (risks)", kind: "list", default: () => [] },
  {
    key: "requirements",
    prompt: "First functional requirements (FR-101, FR-102, …)",
    kind: "list",
    default: ({ answers }) => (answers.goal ? [answers.goal] : []),
  },
];

/** Checks one typed answer; returns the value or the reason to ask again. */
export function checkAnswer(
  question: Question,
  raw: string,
): { ok: true; value: string } | { ok: false; reason: string } {
  // eslint-disable-next-line no-control-regex
  const value = raw.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (question.kind === "choice") {
    const lower = value.toLowerCase();
    const byPrefix = question.choices!.filter((c) => lower && c.startsWith(lower));
    const match = question.choices!.includes(lower) ? lower : byPrefix.length === 1 ? byPrefix[0] : undefined;
    if (!match)
      return { ok: false, reason: `expected one of ${question.choices!.join("|")}, got ${JSON.stringify(value)}` };
    return { ok: true, value: match };
  }
  if (value.length > 500) return { ok: false, reason: `at most 500 characters, got ${value.length}` };
  if (question.key === "name" && value.length > 120) return { ok: false, reason: "a name of at most 120 characters" };
  return { ok: true, value };
}
