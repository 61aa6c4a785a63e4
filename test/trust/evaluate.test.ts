import { suite } from "uvu";
import * as assert from "uvu/assert";
import {
  assessPath,
  canAutoApprove,
  combine,
  evaluateTask,
  explainPath,
  getLevel,
  getSupervision,
} from "../../lib/trust/evaluate.ts";
import type { Level } from "../../lib/trust/model.ts";
import { defaultModel, seedModel } from "./_models.ts";

const def = await defaultModel();
const seed = await seedModel();

// path → [level under the built-in default, level under the seed's trust_model.yaml]
const TABLE: [string, Level, Level][] = [
  // TypeScript / JavaScript
  ["src/User.ts", "medium", "medium"],
  ["src/user.test.ts", "high", "medium"],
  ["src/components/Button.spec.tsx", "high", "medium"],
  ["test/unit/user.test.js", "high", "medium"],
  ["__tests__/App.test.jsx", "high", "medium"],
  ["tests/e2e/login.spec.ts", "high", "high"],
  ["tests/user.test.ts", "high", "high"],
  ["lib/utils/format.ts", "medium", "medium"],
  ["index.ts", "medium", "medium"],
  ["package.json", "medium", "medium"],
  ["src/auth/session.ts", "low", "low"],
  ["src/middleware/authenticate.ts", "low", "medium"],
  ["src/payments/stripe.ts", "low", "low"],
  ["src/services/PaymentService.ts", "low", "medium"],
  ["src/lib/crypto/aes.ts", "low", "medium"],
  ["src/components/AuthorCard.tsx", "low", "medium"],
  ["SRC/AUTH/Login.ts", "low", "low"],
  // secrets
  [".env", "low", "low"],
  [".env.production", "low", "low"],
  ["config/.env.local", "low", "low"],
  ["config/secrets.yml", "low", "low"],
  ["app/config/secrets.json", "low", "low"],
  ["src/config/secrets.ts", "low", "low"],
  ["src/credentials/store.ts", "low", "low"],
  ["certs/server.pem", "low", "medium"],
  // docs
  ["docs/guide.md", "high", "high"],
  ["docs/api/index.html", "high", "high"],
  ["docs/security.md", "low", "high"],
  ["README.md", "high", "high"],
  ["CHANGELOG.md", "high", "high"],
  ["packages/core/README.md", "high", "high"],
  ["CONTRIBUTING.md", "high", "medium"],
  ["notes/todo.md", "high", "medium"],
  // Python
  ["tests/test_models.py", "high", "medium"],
  ["app/test_views.py", "high", "medium"],
  ["app/models_test.py", "high", "medium"],
  ["conftest.py", "high", "medium"],
  ["app/models.py", "medium", "medium"],
  ["app/auth/views.py", "low", "low"],
  ["app/migrations/0001_initial.py", "low", "medium"],
  // PHP
  ["tests/Unit/UserTest.php", "high", "medium"],
  ["tests/Feature/LoginTest.php", "high", "medium"],
  ["tests/user.test.php", "high", "high"],
  ["src/Controller/UserController.php", "medium", "medium"],
  ["src/Security/AuthService.php", "low", "low"],
  ["app/Http/Middleware/Authenticate.php", "low", "medium"],
  ["database/migrations/2024_01_01_create_users_table.php", "low", "medium"],
  // Go
  ["internal/user/user_test.go", "high", "medium"],
  ["internal/user/user.go", "medium", "medium"],
  ["cmd/server/main.go", "medium", "medium"],
  ["internal/auth/jwt.go", "low", "low"],
  ["pkg/payment/charge_test.go", "low", "low"],
  // Java
  ["src/main/java/com/acme/UserService.java", "medium", "medium"],
  ["src/test/java/com/acme/UserServiceTest.java", "high", "medium"],
  ["src/test/java/com/acme/UserServiceIT.java", "high", "medium"],
  ["src/main/java/com/acme/security/JwtFilter.java", "low", "low"],
  // Ruby
  ["spec/models/user_spec.rb", "high", "medium"],
  ["test/models/user_test.rb", "high", "medium"],
  ["app/models/user.rb", "medium", "medium"],
  ["app/controllers/sessions_controller.rb", "medium", "medium"],
  ["db/migrate/20240101_create_users.rb", "low", "medium"],
  ["lib/payment-gateway/client.rb", "low", "low"],
  // C#
  ["tests/Api.Tests/UserServiceTests.cs", "high", "medium"],
  ["src/Api/Services/UserService.cs", "medium", "medium"],
  // infrastructure
  ["infra/main.tf", "low", "medium"],
  ["terraform/modules/vpc/variables.tf", "low", "medium"],
  ["k8s/deployment.yaml", "low", "medium"],
  ["helm/app/values.yaml", "low", "medium"],
  [".github/workflows/ci.yml", "low", "medium"],
  [".gitlab-ci.yml", "low", "medium"],
  ["Dockerfile", "low", "medium"],
  ["docker-compose.yml", "low", "medium"],
];

const SUPERVISION = { high: "minimal", medium: "code_review_required", low: "pair_programming" } as const;

// ---
const plan = suite("the seed's trust evaluator tests (BE-005)");

plan("a test file is high", () => {
  for (const model of [def, seed]) assert.is(getLevel(model, "tests/user.test.ts"), "high");
});

plan("a security file is low", () => {
  for (const model of [def, seed]) assert.is(getLevel(model, "src/security/TokenStore.ts"), "low");
});

plan("a normal file is medium", () => {
  for (const model of [def, seed]) assert.is(getLevel(model, "src/User.ts"), "medium");
});

plan("only high trust can auto-approve", () => {
  for (const [path] of TABLE) {
    for (const model of [def, seed]) assert.is(canAutoApprove(model, path), getLevel(model, path) === "high", path);
  }
});

plan("supervision matches the level", () => {
  for (const [path] of TABLE) {
    for (const model of [def, seed]) assert.is(getSupervision(model, path), SUPERVISION[getLevel(model, path)], path);
  }
});

plan("the manual examples: src/Security/AuthService.php is low, tests/Unit/UserTest.php is high", () => {
  assert.is(getLevel(def, "src/Security/AuthService.php"), "low");
  assert.is(getLevel(def, "tests/Unit/UserTest.php"), "high");
  assert.is(getLevel(seed, "src/Security/AuthService.php"), "low");
});

// ---
const table = suite("a table of paths across languages");

table(`has at least 60 paths (${TABLE.length})`, () => {
  assert.ok(TABLE.length >= 60);
});

table("every path gets its level under the built-in default model", () => {
  const wrong = TABLE.filter(([p, level]) => getLevel(def, p) !== level).map(
    ([p, level]) => `${p}: expected ${level}, got ${getLevel(def, p)} (${assessPath(def, p).matched})`,
  );
  assert.equal(wrong, []);
});

table("every path gets its level under the seed's trust_model.yaml", () => {
  const wrong = TABLE.filter(([p, , level]) => getLevel(seed, p) !== level).map(
    ([p, , level]) => `${p}: expected ${level}, got ${getLevel(seed, p)} (${assessPath(seed, p).matched})`,
  );
  assert.equal(wrong, []);
});

// ---
const assess = suite("assessPath");

assess("names the pattern that decided, the reason and escalation", () => {
  const a = assessPath(def, "src/payments/stripe.ts");
  assert.equal(a, {
    path: "src/payments/stripe.ts",
    level: "low",
    auto_approve: false,
    supervision: "pair_programming",
    reason: "payment code (*payment*)",
    matched: "*payment*",
    escalation: true,
    forbidden: false,
  });
});

assess("says when no rule matched and the default level applied", () => {
  const a = assessPath(def, "src/User.ts");
  assert.is(a.matched, null);
  assert.match(a.reason, /default level medium/);
});

assess("makes an absolute path under the root relative before matching", () => {
  assert.is(assessPath(def, `${def.root}/tests/a.test.ts`).path, "tests/a.test.ts");
  assert.is(getLevel(def, `${def.root}/src/auth/x.ts`), "low");
});

assess("the most restrictive level wins when several match", () => {
  const a = assessPath(def, "tests/auth/login.test.ts");
  assert.is(a.level, "low");
  assert.is(a.matched, "*auth*");
});

// ---
const tasks = suite("evaluateTask");

tasks("classifies the plan's task types", () => {
  const expected: Record<string, Level> = {
    boilerplate: "high",
    documentation: "high",
    unit_tests: "high",
    formatting: "high",
    refactoring_simple: "high",
    feature_implementation: "medium",
    api_endpoints: "medium",
    ui_components: "medium",
    bug_fix: "medium",
    refactoring_complex: "medium",
    security: "low",
    authentication: "low",
    authorization: "low",
    payment: "low",
    migration: "low",
    infrastructure: "low",
    deployment: "low",
    cryptography: "low",
  };
  for (const [type, level] of Object.entries(expected)) {
    const t = evaluateTask(def, type);
    assert.is(t.level, level, type);
    assert.is(t.auto_approve, level === "high", type);
    assert.is(t.supervision, SUPERVISION[level], type);
    assert.is(t.warning, undefined);
  }
});

tasks("reads the seed's task types", () => {
  assert.is(evaluateTask(seed, "unit_tests").level, "high");
  assert.is(evaluateTask(seed, "api_endpoints").level, "medium");
  assert.is(evaluateTask(seed, "migration").level, "low");
});

tasks("spells task types loosely: Unit-Tests is unit_tests", () => {
  assert.is(evaluateTask(def, "Unit-Tests").level, "high");
});

tasks("gives an unknown task type the default level with a warning", () => {
  const t = evaluateTask(def, "interpretive_dance");
  assert.is(t.level, "medium");
  assert.match(t.warning!, /unknown task type `interpretive_dance`/);
});

// ---
const explain = suite("explainPath");

explain("lists every matching rule with its source and says why the winner won", () => {
  const e = explainPath(def, "tests/auth/login.test.ts");
  assert.equal(
    e.matches.map((m) => [m.level, m.pattern]),
    [
      ["high", "*.test.*"],
      ["high", "tests/"],
      ["low", "*auth*"],
    ],
  );
  assert.ok(e.matches.every((m) => m.source === "built-in"));
  assert.match(e.why, /low wins \(the most restrictive wins: low > medium > high\)/);
});

explain("says the default applied when nothing matches", () => {
  const e = explainPath(def, "src/User.ts");
  assert.equal(e.matches, []);
  assert.match(e.why, /default level/);
});

// ---
const both = suite("combine");

both("the most restrictive of files and task type wins", () => {
  const files = [assessPath(def, "docs/a.md"), assessPath(def, "tests/a.test.ts")];
  assert.is(combine(def, files).level, "high");
  const overall = combine(def, files, evaluateTask(def, "payment"));
  assert.is(overall.level, "low");
  assert.is(overall.auto_approve, false);
  assert.match(overall.reason, /task payment/);
});

plan.run();
table.run();
assess.run();
tasks.run();
explain.run();
both.run();
