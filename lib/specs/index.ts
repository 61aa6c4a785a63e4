// Public API of the specs layer (re-exported by lib/index.ts).
export {
  FeatureSpecSchema,
  ApiContractSchema,
  TaskSpecSchema,
  SPEC_KINDS,
  specSchemas,
  detectKind,
  type SpecKind,
  type FeatureSpec,
  type ApiContract,
  type TaskSpec,
  type Task as SpecTask,
} from "./schemas/index.ts";
export { validateSpec, validateSpecText, loadSpec, type SpecValidation, type ValidateOptions } from "./validate.ts";
export { formatProblem, formatPath, type SpecProblem } from "./problem.ts";
export {
  DEFAULT_LIMITS as SPEC_YAML_LIMITS,
  parseYamlSource,
  type YamlLimits,
  type YamlSource,
} from "./yaml-source.ts";
export {
  checkCompliance,
  findIds,
  type ComplianceReport,
  type ComplianceOptions,
  type RequirementCompliance,
  type Reference as ComplianceReference,
} from "./compliance.ts";
export { generateTasks } from "./tasks.ts";
export { specJsonSchema, specSchemaFiles } from "./json-schemas.ts";
export { TEMPLATES as SPEC_TEMPLATES, type TemplateName } from "./templates.ts";
export { checkFeatureId, specPathFor } from "./feature-id.ts";
export { nextSteps } from "./interview/next-steps.ts";
export { runInterview, parseAnswers, type InterviewOptions, type InterviewResult } from "./interview/run.ts";
export {
  QUESTIONS as INTERVIEW_QUESTIONS,
  AnswersSchema as InterviewAnswersSchema,
  type Answers as InterviewAnswers,
  type Question as InterviewQuestion,
} from "./interview/questions.ts";
export { buildSpec, specToYaml } from "./interview/build-spec.ts";
