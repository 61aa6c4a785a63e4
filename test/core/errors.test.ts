import { test } from "uvu";
import * as assert from "uvu/assert";
import { ERROR_CODES, EXIT_CLASS, WfError, exitOf, formatError, isWfError } from "../../lib/core/errors.ts";

test("each code carries its exit class: the same code exits the same way from every layer", () => {
  assert.is(new WfError("E_GIT", "git merge failed").exitCode, 1);
  assert.is(new WfError("E_CHECK_PORTS", "no free port").exitCode, 1);
  assert.is(new WfError("E_USAGE_NAME", "bad").exitCode, 2);
  assert.is(new WfError("E_LOCK_BUSY", "held").exitCode, 3);
  assert.is(new WfError("E_PREREQ_TMUX", "no tmux").exitCode, 3);
  assert.is(new WfError("E_INTERVIEW_INTERRUPTED", "Ctrl-C").exitCode, 130);
  for (const [code, cls] of Object.entries(ERROR_CODES)) assert.is(exitOf(code), EXIT_CLASS[cls], code);
});

test("file system codes: a path of the wrong kind is bad input (2), the environment's limits are prerequisites (3)", () => {
  for (const code of ["EISDIR", "ENOTDIR", "EEXIST", "ENOENT", "ELOOP"])
    assert.is(new WfError(`E_FS_${code}`, "x").exitCode, 2, code);
  for (const code of ["EACCES", "EROFS", "ENOSPC", "EBUSY", "EIO"])
    assert.is(new WfError(`E_FS_${code}`, "x").exitCode, 3, code);
});

test("a code a user task makes up is classed by its prefix", () => {
  assert.is(exitOf("E_PREREQ_DOCKER"), 3);
  assert.is(exitOf("E_CHECK_LINT"), 1);
  assert.is(exitOf("E_MY_TASK"), 2);
});

test("names are prefixed by their class where the class is not usage", () => {
  for (const [code, cls] of Object.entries(ERROR_CODES)) {
    if (code.startsWith("E_PREREQ")) assert.is(cls, "prereq", code);
    if (code.startsWith("E_CHECK")) assert.is(cls, "check", code);
  }
});

test("formatError: one line with code and where, details, then the hint", () => {
  const e = new WfError("E_CONFIG", "expected a number", {
    where: "workflow.config.ts:3:5",
    hint: "fix it",
    details: ["also this"],
  });
  assert.ok(isWfError(e));
  assert.is(
    formatError(e),
    "error E_CONFIG: workflow.config.ts:3:5: expected a number\nerror E_CONFIG: also this\n  hint: fix it",
  );
});

test.run();
