// The built-in trust model: used when the project has no trust_model.yaml.
import type { Level, TrustLevelInfo } from "./model.ts";

/** One entry of a level before compiling: a pattern or a task type, and where it came from. */
export interface RawContext {
  pattern?: string;
  task_type?: string;
  reason?: string;
  /** Globs taken back out of `pattern` (the original's `exclude`). */
  exclude?: string[];
  source: string;
}

/** One level before compiling; settings left out fall back to LEVEL_DEFAULTS. */
export interface RawLevel {
  description?: string;
  auto_approve?: boolean;
  supervision?: TrustLevelInfo["supervision"];
  escalation?: boolean;
  escalate_to?: string | null;
  require_human_review?: boolean;
  max_consecutive_changes?: number | null;
  contexts: RawContext[];
}

/** A base model before compiling (the built-in default or a parsed trust_model.yaml). */
export interface RawModel {
  version: string;
  base: { kind: "built-in" | "file"; path?: string };
  levels: Partial<Record<Level, RawLevel>>;
  /** The file's `default_level` (the config's trust.defaultLevel wins when it is not the default). */
  defaultLevel?: Level;
  /** Soft problems found while reading (unknown keys …). */
  warnings?: string[];
}

/** What each level means when the model does not say. */
export const LEVEL_DEFAULTS: Readonly<Record<Level, Omit<TrustLevelInfo, "level">>> = {
  high: {
    description: "AI can work autonomously",
    auto_approve: true,
    supervision: "minimal",
    escalation: false,
    escalate_to: null,
    require_human_review: false,
    max_consecutive_changes: null,
  },
  medium: {
    description: "AI works, human reviews",
    auto_approve: false,
    supervision: "code_review_required",
    escalation: false,
    escalate_to: null,
    require_human_review: false,
    max_consecutive_changes: null,
  },
  low: {
    description: "AI suggests, human implements",
    auto_approve: false,
    supervision: "pair_programming",
    escalation: true,
    escalate_to: null,
    require_human_review: false,
    max_consecutive_changes: null,
  },
};

const TESTS = "test file";
const DOCS = "documentation";
const SECURITY = "security-sensitive path";
const SECRETS = "secrets or credentials";
const MIGRATION = "database migration";
const INFRA = "infrastructure or CI";

/** Built-in patterns per level, with the reason each gives. */
const PATTERNS: Record<Level, [string, string][]> = {
  high: [
    // Tests: TS/JS, Python, PHP, Go, Java/Kotlin, Ruby, C#, Rust, Elixir conventions.
    ["*.test.*", TESTS],
    ["*.spec.*", TESTS],
    ["test_*.py", TESTS],
    ["*_test.py", TESTS],
    ["conftest.py", TESTS],
    ["*Test.php", TESTS],
    ["*_test.go", TESTS],
    ["*Test.java", TESTS],
    ["*Tests.java", TESTS],
    ["*IT.java", TESTS],
    ["*Test.kt", TESTS],
    ["*_spec.rb", TESTS],
    ["*_test.rb", TESTS],
    ["*Tests.cs", TESTS],
    ["*Test.cs", TESTS],
    ["*_test.exs", TESTS],
    ["tests/", TESTS],
    ["test/", TESTS],
    ["__tests__/", TESTS],
    ["spec/", TESTS],
    ["__mocks__/", TESTS],
    ["testdata/", TESTS],
    ["fixtures/", TESTS],
    // Docs.
    ["docs/", DOCS],
    ["doc/", DOCS],
    ["*.md", DOCS],
    ["*.mdx", DOCS],
    ["*.rst", DOCS],
    ["*.adoc", DOCS],
    ["README*", DOCS],
    ["CHANGELOG*", DOCS],
    ["CONTRIBUTING*", DOCS],
  ],
  medium: [],
  low: [
    // Security, auth, payments, secrets: err on the side of caution (`*auth*` also catches `author`).
    ["*security*", SECURITY],
    ["*auth*", SECURITY],
    ["*permission*", SECURITY],
    ["*crypto*", SECURITY],
    ["*encrypt*", SECURITY],
    ["*password*", SECURITY],
    ["*payment*", "payment code"],
    ["*credential*", SECRETS],
    ["*secret*", SECRETS],
    [".env*", SECRETS],
    ["*.pem", SECRETS],
    ["*.key", SECRETS],
    ["*.p12", SECRETS],
    ["*.pfx", SECRETS],
    ["*.jks", SECRETS],
    ["*.keystore", SECRETS],
    ["id_rsa*", SECRETS],
    ["id_ed25519*", SECRETS],
    // Migrations.
    ["migrations/", MIGRATION],
    ["*migration*", MIGRATION],
    ["db/migrate/", MIGRATION],
    ["alembic/", MIGRATION],
    // Infrastructure: terraform, k8s, containers, CI.
    ["*.tf", INFRA],
    ["*.tfvars", INFRA],
    ["*.tfstate*", INFRA],
    ["terraform/", INFRA],
    ["k8s/", INFRA],
    ["kubernetes/", INFRA],
    ["helm/", INFRA],
    ["/charts/", INFRA],
    ["infra/", INFRA],
    ["infrastructure/", INFRA],
    ["deploy/", INFRA],
    ["ansible/", INFRA],
    ["Dockerfile*", INFRA],
    ["docker-compose*", INFRA],
    ["compose.y*ml", INFRA],
    [".github/workflows/", INFRA],
    [".gitlab-ci.yml", INFRA],
    [".circleci/", INFRA],
    [".buildkite/", INFRA],
    ["Jenkinsfile", INFRA],
    ["azure-pipelines.yml", INFRA],
    ["bitbucket-pipelines.yml", INFRA],
  ],
};

/** Built-in task types per level (the bash workflow's lists). */
export const TASK_TYPES: Record<Level, string[]> = {
  high: ["boilerplate", "documentation", "unit_tests", "formatting", "refactoring_simple"],
  medium: ["feature_implementation", "api_endpoints", "ui_components", "bug_fix", "refactoring_complex"],
  low: [
    "security",
    "authentication",
    "authorization",
    "payment",
    "migration",
    "infrastructure",
    "deployment",
    "cryptography",
  ],
};

/** The built-in default model. */
export function builtInModel(): RawModel {
  const levels: RawModel["levels"] = {};
  for (const level of ["high", "medium", "low"] as const) {
    levels[level] = {
      ...LEVEL_DEFAULTS[level],
      contexts: [
        ...PATTERNS[level].map(([pattern, reason]) => ({ pattern, reason, source: "built-in" })),
        ...TASK_TYPES[level].map((task_type) => ({ task_type, source: "built-in" })),
      ],
    };
  }
  return { version: "1.0", base: { kind: "built-in" }, levels };
}
