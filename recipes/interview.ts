// The interview recipe (replaces the bash workflow's specs/interview.sh): ask, write the spec, say
// what comes next. Copy it into tasks/ with `wf-task tasks eject interview` to change a step.
import { relative, resolve } from "node:path";
import { defineCommand } from "../lib/core/command.ts";

export default defineCommand({
  meta: {
    name: "interview",
    description: "Interview for a feature and write .ai/project/features/<feature>/spec.yaml",
    details: [
      "Asks name, priority, the seven questions (goal, users, acceptance criteria, APIs, constraints,",
      "similar features, risks) and the first functional requirements, one at a time, with defaults.",
      "Answers come from --answers FILE (YAML; `-` for stdin), from stdin when it is not a terminal, or",
      "from the terminal (which also asks what a file leaves out). Ctrl-D stops and saves nothing (exit 1).",
      "Answer keys: name, priority, goal, users, acceptance_criteria, apis, constraints, similar_features,",
      "risks, requirements (titles, numbered FR-101, FR-102, …). Unknown keys are an error.",
      "--quick asks only name, goal, acceptance criteria and requirements (the others take their defaults);",
      "--api asks name, goal, APIs (`POST /auth/login Sign in`, one a line) and requirements, and also writes",
      "contracts/api_contract.yaml, a valid API contract of those endpoints.",
      "JSON: {feature, spec, overwritten, source, requirements:[ids], warnings, next:[commands], contract? (with --api)}",
    ].join("\n"),
    examples: ["wf-task interview user-auth", "wf-task interview user-auth --answers answers.yaml --json"],
  },
  args: {
    feature: { type: "positional", required: true, description: "Feature id: lowercase letters, digits and -" },
    answers: { type: "string", description: "YAML answers file (`-` reads stdin)", valueHint: "file" },
    force: { type: "boolean", alias: "f", description: "Replace an existing spec" },
    quick: { type: "boolean", description: "Ask only the essentials: name, goal, acceptance criteria, requirements" },
    api: { type: "boolean", description: "An API interview: also write contracts/api_contract.yaml from the APIs" },
  },
  async run(ctx) {
    const { checkFeatureId } = await import("../lib/specs/feature-id.ts");
    const { runInterview } = await import("../lib/specs/interview/run.ts");
    const { nextSteps } = await import("../lib/specs/interview/next-steps.ts");

    // 1. The feature and where its spec goes.
    const feature = checkFeatureId(ctx.args.feature);
    const project = await ctx.project();

    // 2. The questions, one at a time (from --answers, piped stdin or the terminal); the spec is
    //    built, validated and written (with --api, the API contract too).
    const result = await runInterview({
      feature,
      featuresDir: project.paths.featuresDir,
      answersFile:
        ctx.args.answers === "-" || !ctx.args.answers ? ctx.args.answers : resolve(ctx.cwd, ctx.args.answers),
      force: ctx.args.force,
      mode: ctx.args.api ? "api" : ctx.args.quick ? "quick" : "full",
      input: ctx.stdin,
      output: ctx.json ? ctx.stderr : ctx.stdout,
      interactive: Boolean((ctx.stdin as { isTTY?: boolean }).isTTY),
      say: (text) => (ctx.json ? ctx.warn(text) : ctx.print(text, true)),
    });

    // 3. What was written and what to do next.
    const spec = relative(ctx.cwd, result.spec);
    const next = nextSteps(result);
    const { value: _value, ...shown } = result;
    const contract = result.contract ? relative(ctx.cwd, result.contract) : undefined;
    ctx.emit({ ...shown, spec, next, ...(contract ? { contract } : {}) }, () =>
      [
        `${result.overwritten ? "replaced" : "wrote"} ${spec}: ${result.requirements.length} requirement(s) ${result.requirements.join(", ")}`,
        ...(contract ? [`wrote ${contract}`] : []),
        "next:",
        ...next.map((n) => `  ${n}`),
      ].join("\n"),
    );
  },
});
