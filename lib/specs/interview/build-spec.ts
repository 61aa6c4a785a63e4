import type { FeatureSpec } from "../schemas/index.ts";
import type { Answers } from "./questions.ts";

/** The feature spec an interview's answers describe; every answer lands in a field. */
export function buildSpec(
  feature: string,
  answers: Required<Pick<Answers, "goal">> & Answers,
  today: Date = new Date(),
): FeatureSpec {
  const priority = answers.priority ?? "medium";
  const titles = answers.requirements?.length ? answers.requirements : [answers.goal];
  const spec: FeatureSpec = {
    version: "1.0",
    feature: { id: feature, name: answers.name ?? feature, priority, status: "planning" },
    metadata: { created: today.toISOString().slice(0, 10) },
    objective: {
      summary: answers.goal,
      ...(answers.acceptance_criteria?.length ? { acceptance_criteria: answers.acceptance_criteria } : {}),
    },
    ...(answers.users || answers.similar_features?.length
      ? {
          context: {
            ...(answers.users ? { users: answers.users } : {}),
            ...(answers.similar_features?.length ? { similar_features: answers.similar_features } : {}),
          },
        }
      : {}),
    requirements: {
      functional: titles.map((item, i) => {
        const req = typeof item === "string" ? { title: item } : item;
        return {
          id: `FR-${101 + i}`,
          title: req.title,
          ...(req.description ? { description: req.description } : {}),
          priority,
          acceptance_criteria: req.acceptance_criteria ?? [],
          test_coverage: "required" as const,
        };
      }),
      ...(answers.constraints?.length
        ? {
            non_functional: answers.constraints.map((requirement, i) => ({
              id: `NFR-${101 + i}`,
              type: "constraint",
              requirement,
            })),
          }
        : {}),
    },
  };
  if (answers.apis?.length) spec.contracts = { apis: answers.apis };
  if (answers.risks?.length) spec.risks = answers.risks.map((description) => ({ description }));
  return spec;
}

/** The spec as YAML with a header saying where it came from and how to check it. */
export async function specToYaml(spec: FeatureSpec): Promise<string> {
  const { stringify } = await import("yaml");
  const header = [
    `# Feature spec for ${spec.feature.id}, written by \`wf-task interview\`.`,
    `# Edit freely; check with \`wf-task spec validate ${spec.feature.id}\`.`,
    "# Schema: .ai/workflow/specs/schema/feature_spec.json",
  ].join("\n");
  return `${header}\n${stringify(spec, { lineWidth: 0 })}`;
}
