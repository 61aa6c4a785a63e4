// Deterministic path generation for the trust matcher tests: a seeded PRNG over folder and file
// names chosen to hit every pattern kind of the built-in model and of the user models in
// `USER_TRUST` (extensions, basenames, folder names, anchored paths, `**`, classes, braces,
// folder-only patterns, case folding), plus near misses of each.

/** mulberry32: a small seeded PRNG, the same sequence on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIRS = [
  // plain code folders
  "src",
  "lib",
  "app",
  "pkg",
  "internal",
  "cmd",
  "core",
  "utils",
  "components",
  "services",
  "main",
  "java",
  "com",
  "acme",
  "module1",
  "module42",
  "a",
  "b",
  "x",
  // test and doc folders (folder-only patterns) and near misses
  "tests",
  "test",
  "__tests__",
  "spec",
  "__mocks__",
  "stubs",
  "testdata",
  "fixtures",
  "docs",
  "doc",
  "contests",
  "testsuite",
  "docsy",
  "specs",
  // security and secrets (substring patterns)
  "auth",
  "oauth",
  "Security",
  "security",
  "permissions",
  "crypto",
  "encryption",
  "passwords",
  "payments",
  "credentials",
  "secrets",
  "secret-store",
  "authors",
  // migrations and infrastructure
  "migrations",
  "migration_tools",
  "db",
  "migrate",
  "alembic",
  "terraform",
  "k8s",
  "kubernetes",
  "helm",
  "charts",
  "infra",
  "infrastructure",
  "deploy",
  "ansible",
  ".github",
  "workflows",
  ".circleci",
  ".buildkite",
  // user model folders
  "billing",
  "config",
  "vendor",
  "generated",
  "api",
  "v1",
  "v2",
  "vx",
  "ops",
  "scripts",
  "examples",
  "__snapshots__",
  "node_modules",
  ".git",
  "out",
  "build",
];

const STEMS = [
  "User",
  "user",
  "index",
  "main",
  "models",
  "views",
  "Button",
  "AuthService",
  "PaymentService",
  "session",
  "login",
  "file1",
  "file12",
  "filex",
  "README",
  "CHANGELOG",
  "CONTRIBUTING",
  "Dockerfile",
  "docker-compose",
  "compose",
  "Jenkinsfile",
  ".env",
  ".gitlab-ci",
  "azure-pipelines",
  "bitbucket-pipelines",
  "id_rsa",
  "id_ed25519",
  "test_models",
  "models_test",
  "conftest",
  "UserTest",
  "UserTests",
  "UserIT",
  "user_spec",
  "user_test",
  "secrets",
  "package",
  "Makefile",
  "*",
  "deploy",
  "migration",
  "notes",
  "local",
  "locale",
];

const EXTS = [
  ".ts",
  ".tsx",
  ".js",
  ".jsx",
  ".test.ts",
  ".spec.tsx",
  ".spec.ts",
  ".test.js",
  ".py",
  ".php",
  ".go",
  ".java",
  ".kt",
  ".rb",
  ".cs",
  ".exs",
  ".rs",
  ".md",
  ".mdx",
  ".rst",
  ".adoc",
  ".tf",
  ".tfvars",
  ".tfstate",
  ".tfstate.backup",
  ".pem",
  ".key",
  ".p12",
  ".pfx",
  ".jks",
  ".keystore",
  ".yml",
  ".yaml",
  ".json",
  ".lock",
  ".snap",
  ".sh",
  ".txt",
  ".local",
  ".production",
  ".pub",
  ".ms",
  ".zs",
  "",
  "",
];

/** Folders at the root that anchored patterns name. */
const ANCHORS = [
  "src/billing",
  "src/generated",
  "Src/Generated",
  "src/Billing",
  "vendor",
  "api/v1",
  "api/vx",
  "infra",
  "ops",
  ".github/workflows",
  "db/migrate",
  "charts",
  "scripts",
  "examples",
  "build",
  ".git",
  "config",
];

/** Upper-cases some letters (case folding), one path in five. */
function mixCase(s: string, rand: () => number): string {
  if (rand() >= 0.2) return s;
  let out = "";
  for (const c of s) out += rand() < 0.4 ? c.toUpperCase() : c;
  return out;
}

/** `n` paths, the same ones for the same seed. */
export function generatePaths(n: number, seed = 19): string[] {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const depth = Math.floor(rand() * rand() * 6);
    const parts: string[] = rand() < 0.15 ? [pick(ANCHORS)] : [];
    for (let d = 0; d < depth; d++) parts.push(pick(DIRS));
    const r = rand();
    if (r < 0.08 && parts.length) {
      // a folder itself: folder-only patterns must not match it
    } else if (r < 0.12) parts.push(pick(DIRS));
    else parts.push(pick(STEMS) + pick(EXTS));
    out.push(mixCase(parts.join("/"), rand));
  }
  return out;
}

/** Paths the matcher does not index (empty segments, line breaks, absolute, `..`): they take the per-pattern path. */
export const ODD_PATHS = [
  "/abs/src/auth/x.ts",
  "/",
  "a//b.md",
  "tests/",
  "docs/a\nb.md",
  "config/secrets.yml/a\rb",
  "x/\u2028/y.test.ts",
  "../outside.md",
  "..",
  "",
  "src/billing",
  "src/billing/x/y.ts",
  "Makefile",
  "sub/Makefile",
];

/** The user model of the tests: a config `trust` section with patterns of every kind. */
export const USER_TRUST = {
  remove: ["CHANGELOG*", "*.rst"],
  forbidden: [".env*", "*.pem", "secrets/**", "/.git/"],
  priorities: { high: 1, medium: 2, low: 3 },
  levels: {
    low: {
      patterns: [
        "src/billing/**",
        "/Makefile",
        "*.[jt]sx",
        "**/config/local*",
        "vendor/*.go",
        "{infra,ops}/**/*.sh",
        "file?.js",
        "\\*.txt",
        "Src/Generated/",
        "**/*stub*/**",
      ],
    },
    medium: {
      patterns: ["*.lock", "package.json", "api/v[0-9]/", "**/node_modules/**", "Makefile", "/build", "out/"],
    },
    high: {
      patterns: ["*.snap", "**/__snapshots__/**", "examples/", "scripts/*.sh", "*.{yml,yaml}", "*.[!a-m]s", "**/*.pub"],
    },
  },
};
