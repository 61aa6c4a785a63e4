import * as v from "valibot";
import { Strictness, StringList, field, section } from "./common.ts";

/** TDD enforcement, the commit-time trust gate and context management. */
export const EnforcementSchema = section(
  {
    tdd: section(
      {
        enabled: field(v.boolean(), true, "Run the TDD checks"),
        requireTestFirstCommits: field(v.boolean(), true, "Require a file's test to come before or with it"),
        preventTestDeletion: field(v.boolean(), true, "Block deleted and weakened tests"),
        minCoverage: field(
          v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
          0,
          "Minimum line coverage % when a report exists",
        ),
        strictness: field(Strictness, "strict", "strict blocks, warn reports, off skips"),
        testCommand: field(
          v.string(),
          "",
          "Pre-commit: run the tests with this command (e.g. `npm test --`) on the staged tree; empty: off",
        ),
        testScope: field(
          v.picklist(["staged", "all"]),
          "staged",
          "Tests the gate runs: those of the staged files (their paths appended), or all",
        ),
        testPatterns: field(
          StringList,
          [
            "**/*.test.*",
            "**/*.spec.*",
            "**/__tests__/**",
            "test/**",
            "tests/**",
            "**/test_*.py",
            "**/*_test.py",
            "**/*_test.go",
            "**/*Test.php",
            "**/*Test.java",
            "**/*_spec.rb",
          ],
          "Globs of test files",
        ),
        exempt: field(
          StringList,
          [
            "**/*.d.ts",
            "**/*.md",
            "**/*.json",
            "**/*.yaml",
            "**/*.yml",
            "**/*.config.*",
            "docs/**",
            "**/generated/**",
            "**/__init__.py",
            "**/migrations/**",
          ],
          "Globs of files that need no test",
        ),
        conventions: field(
          v.array(
            v.strictObject({
              match: v.pipe(v.string(), v.description("Glob of source files this convention applies to")),
              tests: v.pipe(
                StringList,
                v.description("Test paths to look for: {dir} {name} {ext} {sub} (dir below src/, lib/, app/)"),
              ),
            }),
          ),
          [],
          "Extra source → test mappings, tried before the built-in ones",
        ),
      },
      "TDD enforcement",
    ),
    trust: section(
      {
        gate: field(v.boolean(), false, "Pre-commit: low-trust paths need a review trailer"),
        reviewTrailer: field(v.string(), "Human-Reviewed", "Commit trailer that marks human review"),
        allow: field(StringList, [], "Low-trust globs the gate lets through"),
      },
      "Commit-time trust gate",
    ),
    context: section(
      {
        compactionThreshold: field(
          v.pipe(v.number(), v.integer(), v.minValue(1)),
          100000,
          "Token budget of a session's context",
        ),
        warnPercent: field(
          v.pipe(v.number(), v.minValue(1), v.maxValue(100)),
          80,
          "Recommend compaction from this % of the threshold",
        ),
        autoClearReminder: field(
          v.boolean(),
          true,
          "Remind the agent to /clear or /compact when the context is full (config.yaml auto_clear_reminder)",
        ),
        skeletonMaxTokens: field(
          v.pipe(v.number(), v.integer(), v.minValue(1)),
          4000,
          "Largest skeleton a pack puts in for one file",
        ),
      },
      "Context management",
    ),
  },
  "Enforcement: TDD, trust gate, context",
);
