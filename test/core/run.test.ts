import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { childEnv, run, runChecked, runDetached, runLight, runSync, type RunResult } from "../../lib/core/run.ts";
import { tempDir } from "../_support/index.ts";

const runners = suite("core/run");
const variants: [string, (c: string, a: string[], o?: object) => Promise<RunResult> | RunResult][] = [
  ["run", run],
  ["runLight", runLight],
  ["runSync", runSync],
];

runners("the three runners give the same result: exit code, stdout, stderr, kept as written", async () => {
  for (const [name, fn] of variants) {
    const r = await fn("sh", ["-c", 'printf "out\\n"; printf "err\\n" >&2; exit 3']);
    assert.equal(
      { code: r.code, stdout: r.stdout, stderr: r.stderr, missing: r.missing, timedOut: r.timedOut },
      { code: 3, stdout: "out\n", stderr: "err\n", missing: false, timedOut: false },
      name,
    );
  }
});

runners(
  "the child gets the caller's env exactly (nothing merged from process.env), prompts off, git in the C locale",
  async () => {
    for (const [name, fn] of variants) {
      const r = await fn("sh", ["-c", 'printf "%s|%s|%s" "$ONLY" "${HOME-unset}" "$GIT_TERMINAL_PROMPT"'], {
        env: { ONLY: "yes", PATH: process.env.PATH },
      });
      assert.is(r.stdout, "yes|unset|0", name);
    }
    assert.is(childEnv("git", { LANG: "de_DE.UTF-8" }).LC_ALL, "C");
    assert.is(childEnv("tmux", {}).LC_ALL, undefined);
  },
);

runners("input goes to stdin; without input stdin is closed at once", async () => {
  for (const [name, fn] of variants) {
    assert.is((await fn("cat", [], { input: "a\nb" })).stdout, "a\nb", name);
    assert.is((await fn("cat", [])).stdout, "", `${name}: cat ends, stdin closed`);
  }
});

runners("a missing program is `missing`, never a throw; runChecked turns it into exit 3", async () => {
  for (const [name, fn] of variants) {
    const r = await fn("wf-no-such-program", ["x"]);
    assert.is(r.missing, true, name);
    assert.is(r.code, -1, name);
  }
  try {
    await runChecked("wf-no-such-program", [], { code: "E_GIT" });
    assert.unreachable();
  } catch (error: any) {
    assert.is(error.code, "E_PREREQ_PROGRAM");
    assert.is(error.exitCode, 3);
  }
  await runChecked("sh", ["-c", "echo no >&2; exit 1"], { code: "E_GIT", what: "git fetch" }).then(
    () => assert.unreachable(),
    (error) => assert.is(error.message, "git fetch failed: no"),
  );
});

runners("a timeout kills the program and its children (the whole group)", async () => {
  const dir = tempDir();
  for (const [name, fn] of variants) {
    const marker = join(dir, `${name}.late`);
    const started = Date.now();
    const r = await fn("sh", ["-c", `(sleep 1; touch ${marker}) & sleep 5`], { timeoutMs: 200 });
    assert.ok(Date.now() - started < 3000, name);
    assert.is(r.timedOut, true, name);
    await new Promise((done) => setTimeout(done, 1300));
    assert.is(
      existsSync(marker),
      name === "runSync",
      `${name}: the grandchild ${name === "runSync" ? "outlives spawnSync's kill (it kills the child only)" : "died with its group"}`,
    );
  }
});

runners("run: output appended to a log file, or collected together as `all`", async () => {
  const log = join(tempDir(), "setup.log");
  await run("sh", ["-c", "echo one"], { appendTo: log });
  await run("sh", ["-c", "echo two >&2"], { appendTo: log });
  assert.is(readFileSync(log, "utf8"), "one\ntwo\n");
  const r = await run("sh", ["-c", "echo a; echo b >&2"], { all: true });
  assert.ok(r.all!.includes("a\n") && r.all!.includes("b\n"));
});

runners("runDetached starts a program that outlives the call, and reports its exit", async () => {
  const started = await runDetached("sh", ["-c", "exit 4"]);
  assert.ok(started.pid > 0);
  await new Promise((done) => setTimeout(done, 300));
  assert.is(started.exitCode(), 4);
  await runDetached("wf-no-such-program", []).then(
    () => assert.unreachable(),
    (error) => assert.is(error.exitCode, 3),
  );
});

runners.run();
