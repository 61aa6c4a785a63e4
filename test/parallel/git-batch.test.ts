import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { GIT_ENV, git, gitRepo, runNode, tempDir } from "../_support/index.ts";
import { gitEach } from "../../lib/parallel/git-batch.ts";
import { gitRaw } from "../../lib/parallel/git.ts";

const test = suite("gitEach");
const env = { ...process.env, ...GIT_ENV };

test("answers each call as gitRaw would, in order, in its own folder, whatever the shells", async () => {
  const a = gitRepo({ "a.txt": "a\n" });
  const b = gitRepo({ "b.txt": "b\n" });
  writeFileSync(join(a, "new file.txt"), "x\n");
  writeFileSync(join(b, "b.txt"), "changed\n");
  const calls = [
    { cwd: a, args: ["status", "--porcelain=v1", "-z", "--untracked-files=all"] },
    { cwd: b, args: ["status", "--porcelain=v1", "-z", "--untracked-files=all"] },
    { cwd: a, args: ["rev-parse", "--verify", "--quiet", "no-such-ref"] },
    { cwd: b, args: ["log", "-1", "--format=%s"] },
    { cwd: a, args: ["rev-list", "--count", "HEAD"] },
  ];
  const expected = await Promise.all(calls.map((c) => gitRaw(c.cwd, c.args, env)));
  for (const shells of [1, 2, 4, 9]) {
    const got = await gitEach(calls, env, shells);
    assert.equal(
      got.map((r) => [r.code, r.stdout]),
      expected.map((r) => [r.code, r.stdout]),
      `${shells} shell(s)`,
    );
  }
  assert.match((await gitEach(calls, env))[0]!.stdout, /\?\? new file\.txt\0/);
});

test("arguments reach git as they are: spaces, quotes, $ and backquotes are never evaluated", async () => {
  const dir = gitRepo();
  const odd = 'it\'s "odd" $(touch pwned) `touch pwned2` ${HOME} ; | & \\';
  git(dir, "commit", "-q", "--allow-empty", "-m", odd);
  const [log, fmt, empty] = await gitEach(
    [
      { cwd: dir, args: ["log", "-1", "--format=%s"] },
      { cwd: dir, args: ["log", "-1", `--format=${odd}|%s`] },
      { cwd: dir, args: ["log", "-1", "--format=%s", ""] },
    ],
    env,
  );
  assert.is(log!.stdout, `${odd}\n`);
  assert.is(fmt!.stdout, `${odd}|${odd}\n`);
  assert.ok(empty!.code !== 0, "an empty argument stays an argument");
  assert.is(git(dir, "status", "--porcelain"), "", "nothing ran in the shell");
  assert.equal(await gitEach([], env), []);
});

test("a folder that does not exist is a failed call, the others are answered", async () => {
  const dir = gitRepo();
  const [gone, ok] = await gitEach(
    [
      { cwd: join(dir, "nope"), args: ["status"] },
      { cwd: dir, args: ["rev-parse", "--is-inside-work-tree"] },
    ],
    env,
  );
  assert.ok(gone!.code !== 0);
  assert.match(gone!.stderr, /nope/);
  assert.equal([ok!.code, ok!.stdout], [0, "true\n"]);
});

test("a folder whose name has spaces, quotes or $ is the folder git runs in", async () => {
  const parent = tempDir();
  const odd = join(parent, "a b 'c' $(touch pwned) ${HOME}");
  mkdirSync(odd);
  git(odd, "init", "-q", "-b", "main");
  git(odd, "commit", "-q", "--allow-empty", "-m", "odd folder");
  const [log] = await gitEach([{ cwd: odd, args: ["log", "-1", "--format=%s"] }], env);
  assert.equal([log!.code, log!.stdout], [0, "odd folder\n"]);
  assert.not.ok(existsSync(join(parent, "pwned")) || existsSync("pwned"), "nothing ran in the shell");
});

test("every lane answers its calls: more calls than lanes, one process", async () => {
  const dirs = Array.from({ length: 7 }, (_, i) => gitRepo({ [`f${i}.txt`]: `${i}\n` }));
  const got = await gitEach(
    dirs.map((cwd) => ({ cwd, args: ["ls-files"] })),
    env,
    3,
  );
  assert.equal(
    got.map((r) => r.stdout),
    dirs.map((_, i) => `f${i}.txt\n`),
  );
});

test("the answers' folder is gone when the process ends, though its removal is not waited for", () => {
  const dir = gitRepo({ "a.txt": "a\n" });
  const tmp = tempDir();
  const module = JSON.stringify(resolve("lib/parallel/git-batch.ts"));
  const script = [
    `const { gitEach } = await import(${module});`,
    `const calls = Array.from({ length: 40 }, () => ({ cwd: ${JSON.stringify(dir)}, args: ["rev-parse", "HEAD"] }));`,
    "const got = await gitEach(calls, process.env);",
    "const { readdirSync } = await import('node:fs');",
    "console.log(JSON.stringify({ codes: [...new Set(got.map((r) => r.code))], left: readdirSync(process.env.TMPDIR) }));",
  ].join("\n");
  const r = runNode(["--import", "tsx", "--input-type=module", "-e", script], { env: { ...env, TMPDIR: tmp } });
  assert.is(r.code, 0, r.stderr);
  const seen = JSON.parse(r.stdout) as { codes: number[]; left: string[] };
  assert.equal(seen.codes, [0]);
  assert.ok(
    seen.left.some((f) => f.startsWith("wf-git-")),
    "answered before the folder is removed",
  );
  assert.equal(
    readdirSync(tmp).filter((f) => f.startsWith("wf-git-")),
    [],
  );
});

test("with TMPDIR gone, or no temp folder anywhere, each call still gets git's answer", async () => {
  const a = gitRepo({ "a.txt": "a\n" });
  writeFileSync(join(a, "new.txt"), "x\n");
  const calls = [
    { cwd: a, args: ["status", "--porcelain=v1", "-z", "--untracked-files=all"] },
    { cwd: a, args: ["rev-parse", "--verify", "--quiet", "no-such-ref"] },
    { cwd: join(a, "no-such-folder"), args: ["status"] },
  ];
  const expected = (await gitEach(calls, env)).map((r) => [r.code, r.stdout]);
  const gone = join(tempDir(), "gone");
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = gone;
  try {
    assert.equal(
      (await gitEach(calls, env)).map((r) => [r.code, r.stdout]),
      expected,
      "the system's temp folder",
    );
    // no folder takes one: a git process per call
    assert.equal(
      (await gitEach(calls, env, 4, [gone, join(gone, "too")])).map((r) => [r.code, r.stdout]),
      expected,
      "a process per call",
    );
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
});

test.run();
