import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runCli, tempDir, writeFiles } from "../_support/index.ts";
import { VERSION } from "../../lib/version.ts";

const cli = suite("main");

cli("prints the version with --version and exits 0", async () => {
  const r = await runCli(["--version"]);
  assert.is(r.code, 0);
  assert.is(r.stdout.trim(), VERSION);
});

cli("prints grouped help with --help and exits 0", async () => {
  const r = await runCli(["--help"]);
  assert.is(r.code, 0);
  assert.match(r.stdout, /Usage: wf-task <command>/);
  for (const heading of ["Session:", "Trust:", "Parallel agents:", "Specs:", "Enforcement:", "Project:"]) assert.match(r.stdout, heading);
});

cli("exits 2 and shows help when no command is given", async () => {
  const r = await runCli([]);
  assert.is(r.code, 2);
  assert.match(r.stdout, /Usage:/);
});

cli("rejects an unknown command with exit 2 and a did-you-mean hint", async () => {
  const r = await runCli(["confg"], { cwd: tempDir() });
  assert.is(r.code, 2);
  assert.match(r.stderr, /error E_UNKNOWN_COMMAND: unknown command `confg`/);
  assert.match(r.stderr, /did you mean `wf-task config`\?/);
});

cli("rejects an unknown subcommand with exit 2", async () => {
  const r = await runCli(["config", "shwo"]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /did you mean `wf-task config show`/);
});

cli("rejects an unknown option with exit 2, naming it", async () => {
  const r = await runCli(["config", "show", "--jsno"], { cwd: tempDir() });
  assert.is(r.code, 2);
  assert.match(r.stderr, /unknown option `--jsno`/);
});

cli("shows a command's help with --help", async () => {
  const r = await runCli(["config", "schema", "--help"]);
  assert.is(r.code, 0);
  assert.match(r.stdout, /wf-task config schema — /);
  assert.match(r.stdout, /--out <file>/);
});

cli("prints a one-line error with code and hint, and JSON with --json", async () => {
  const r = await runCli(["confg", "--json"], { cwd: tempDir() });
  assert.is(r.code, 2);
  const body = JSON.parse(r.stdout);
  assert.is(body.error.code, "E_UNKNOWN_COMMAND");
  assert.ok(body.error.hint);
  assert.not.match(r.stderr, /at .*\.ts:\d+/); // no stack without --debug
});

cli("--cwd makes every path relative to the given folder", async () => {
  const dir = tempDir();
  writeFiles(dir, { ".workflowrc.json": JSON.stringify({ parallel: { roles: ["solo"] } }) });
  const r = await runCli(["--cwd", dir, "config", "show", "--json"]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).config.parallel.roles, ["solo"]);
});

cli.run();
