/** A spread of paths for round-trip checks. */
export const TABLE_PATHS = [
  "src/User.ts",
  "src/user.test.ts",
  "tests/Unit/UserTest.php",
  "src/Security/AuthService.php",
  ".env",
  "docs/a.md",
  "README.md",
  "infra/main.tf",
  ".github/workflows/ci.yml",
  "db/migrate/1.rb",
  "app/auth/views.py",
  "internal/user/user_test.go",
  "k8s/x.yaml",
  "certs/a.pem",
];
