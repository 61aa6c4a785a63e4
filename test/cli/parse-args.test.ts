import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parseArgs } from "../../lib/cli/parse-args.ts";
import { isWfError } from "../../lib/core/errors.ts";

const parse = suite("parseArgs");
const defs = {
  feature: { type: "positional", description: "Feature", required: true },
  roles: { type: "string", description: "Roles", alias: "r" },
  lines: { type: "number", description: "Lines", default: 50 },
  force: { type: "boolean", description: "Force", alias: "f" },
  strictness: { type: "string", description: "How strict", choices: ["strict", "warn", "off"] },
  tag: { type: "string", description: "Tag", multiple: true },
} as const;

function fails(argv: string[], pattern: RegExp) {
  try {
    parseArgs(argv, defs, "wf-task x");
  } catch (error) {
    assert.ok(isWfError(error));
    assert.is(error.exitCode, 2);
    assert.match(`${error.message} ${error.hint ?? ""}`, pattern);
    return;
  }
  assert.unreachable("expected a usage error");
}

parse("reads positionals, flags, aliases, = values and defaults", () => {
  const args = parseArgs(["auth", "-r", "a,b", "--lines=5", "-f", "--tag", "x", "--tag", "y"], defs);
  assert.equal({ ...args }, { _: [], feature: "auth", roles: "a,b", lines: 5, force: true, tag: ["x", "y"] });
  assert.is(parseArgs(["auth"], defs).lines, 50);
});

parse("keeps words after -- untouched: they fill the positionals first, the rest stay in _", () => {
  assert.equal(parseArgs(["auth", "--", "--force", "x"], defs)._, ["--force", "x"]);
  const args = parseArgs(["--", "-1 flaky", "--force"], defs);
  assert.is(args.feature, "-1 flaky");
  assert.is(args.force, false);
  assert.equal(args._, ["--force"]);
});

parse("accepts --no-<flag> for booleans and kebab-case names", () => {
  const args = parseArgs(["--no-dry-run"], { dryRun: { type: "boolean", description: "d", default: true } });
  assert.is(args.dryRun, false);
});

parse("refuses a missing required positional", () => fails([], /missing <feature>/));
parse("refuses an unknown option and suggests the closest", () =>
  fails(["a", "--forse"], /unknown option `--forse`.*did you mean `--force`/),
);
parse("refuses a value outside the choices, listing them", () =>
  fails(["a", "--strictness", "loud"], /one of strict\|warn\|off, got `loud`/),
);
parse("refuses a non-number for a number option", () => fails(["a", "--lines", "many"], /to be a number, got `many`/));
parse("refuses an option with no value", () => fails(["a", "--roles"], /needs a value/));
parse("refuses an extra argument", () => fails(["a", "b"], /unexpected argument `b`/));

parse.run();
