import { suite } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { ROOT, runCli, tempDir, writeFiles } from "../_support/index.ts";
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
  for (const heading of ["Session:", "Trust:", "Parallel agents:", "Specs:", "Enforcement:", "Project:"])
    assert.match(r.stdout, heading);
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

cli("refuses a --cwd that is not a directory", async () => {
  const r = await runCli(["--cwd", "/no/such/folder", "config", "show"]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /--cwd \/no\/such\/folder: no such directory/);
});

cli.run();

// ---

const tasks = suite("user tasks");

const helloTask = `import { defineTask } from "wf-task";
export default defineTask({
  name: "hello",
  description: "Greets someone",
  args: {
    who: { type: "positional", description: "Who", required: true },
    shout: { type: "boolean", description: "Louder" },
  },
  run(ctx) {
    const text = \`hello \${ctx.args.who}\`;
    ctx.print(ctx.args.shout ? text.toUpperCase() : text);
    return ctx.args.who === "nobody" ? 1 : 0;
  },
});
`;

function taskProject(files: Record<string, string>): string {
  const dir = tempDir();
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(ROOT, join(dir, "node_modules/wf-task"), "dir");
  writeFiles(dir, files);
  return dir;
}

tasks("lists the built-in recipes and the repo's tasks", async () => {
  const dir = taskProject({
    "tasks/hello.ts": helloTask,
    "tasks/_helper.ts": "export {};",
    "tasks/odd.ts": "export const x = 1;\n",
  });
  const r = await runCli(["tasks", "--json"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.equal(body.tasks[0], { name: "hello", file: "tasks/hello.ts", description: "Greets someone" });
  assert.equal([body.tasks[1].name, body.tasks[1].description], ["odd", null]);
  assert.match(body.tasks[1].error, /does not export a task/);
  assert.is(body.tasks.length, 2, "files starting with _ are helpers, not tasks");
  assert.ok(body.recipes.some((t: { name: string }) => t.name === "init"));
  assert.ok(body.recipes.some((t: { name: string }) => t.name === "parallel"));
});

tasks("runs a user task by name, with its arguments and exit code", async () => {
  const dir = taskProject({ "tasks/hello.ts": helloTask });
  let r = await runCli(["hello", "world", "--shout"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.trim(), "HELLO WORLD");
  r = await runCli(["run", "hello", "nobody"], { cwd: dir });
  assert.is(r.code, 1);
  assert.is(r.stdout.trim(), "hello nobody");
});

tasks("checks a user task's arguments like a built-in command's", async () => {
  const dir = taskProject({ "tasks/hello.ts": helloTask });
  const r = await runCli(["run", "hello"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /missing <who>/);
});

tasks("`run <task> --help` shows the task's help", async () => {
  const dir = taskProject({ "tasks/hello.ts": helloTask });
  const r = await runCli(["run", "hello", "--help"], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^wf-task hello — Greets someone/);
  assert.match(r.stdout, /--shout/);
});

tasks("`run` prefers ./tasks over a built-in command of the same name", async () => {
  const dir = taskProject({ "tasks/doctor.ts": helloTask.replace('"hello"', '"doctor"') });
  const r = await runCli(["run", "doctor", "me"], { cwd: dir });
  assert.is(r.stdout.trim(), "hello me");
});

tasks("reports an unknown task with a suggestion", async () => {
  const dir = taskProject({ "tasks/hello.ts": helloTask });
  const r = await runCli(["run", "helo"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_UNKNOWN_TASK.*did you mean `hello`/s);
});

tasks("reports a task file that exports no task", async () => {
  const dir = taskProject({ "tasks/broken.ts": "export const x = 1;\n" });
  const r = await runCli(["broken"], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /E_TASK_SHAPE: .*broken\.ts does not export a task/);
});

tasks(
  "maps errors to exit codes: missing prerequisite 3, bad input 2, an unexpected error 1 with its stack only under --debug",
  async () => {
    const task = (body: string) =>
      `import { defineTask, WfError } from "wf-task";\nexport default defineTask({ name: "t", description: "t", run() { ${body} } });\n`;
    const dir = taskProject({
      "tasks/prereq.ts": task(
        `throw new WfError("E_PREREQ_TMUX", "tmux is not installed", { hint: "apt-get install tmux" });`,
      ),
      "tasks/bad.ts": task(`throw new WfError("E_USAGE", "expected a role, got ../x");`),
      "tasks/bug.ts": task(`throw new TypeError("boom");`),
    });
    let r = await runCli(["prereq"], { cwd: dir });
    assert.is(r.code, 3);
    assert.is(r.stderr, "error E_PREREQ_TMUX: tmux is not installed\n  hint: apt-get install tmux\n");
    r = await runCli(["bad"], { cwd: dir });
    assert.is(r.code, 2);
    r = await runCli(["bug"], { cwd: dir });
    assert.is(r.code, 1);
    assert.is(
      r.stderr,
      "error E_INTERNAL: boom\n  hint: this is a bug in wf-task; run again with --debug for the stack and report it\n",
    );
    r = await runCli(["bug", "--debug"], { cwd: dir });
    assert.match(r.stderr, /^error E_INTERNAL: boom\nTypeError: boom\n\s+at /);
    r = await runCli(["prereq", "--debug"], { cwd: dir });
    assert.match(
      r.stderr,
      /hint: apt-get install tmux\n.*WfError: tmux is not installed\n\s+at /s,
      "--debug adds the stack",
    );
  },
);

tasks.run();
