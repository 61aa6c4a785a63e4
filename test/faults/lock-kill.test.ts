import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { atomicWriteSync } from "../../lib/util/atomic-write.ts";
import { withLock } from "../../lib/util/lock.ts";
import { ROOT, tempDir } from "../_support/index.ts";

const t = suite("faults: the lock under SIGKILL");

// A writer as every wf-task state write is: lock, read, change, atomic write, release. The lock
// and atomic write modules are bundled into one small file so 120 processes start fast.
const WRITER = `
import { readFileSync } from "node:fs";
import { withLock, atomicWriteSync } from "./lock-bundle.mjs";
const [file, id] = process.argv.slice(2);
await withLock(file, async () => {
  const notes = JSON.parse(readFileSync(file, "utf8"));
  notes.push(id);
  await new Promise((r) => setTimeout(r, 4 + Math.random() * 6));
  atomicWriteSync(file, JSON.stringify(notes));
}, { timeoutMs: 30000 });
`;

const ROUNDS = 4;
const WRITERS = 30;
const KILLS = 6;

interface Round {
  exitedOk: string[];
  killed: number;
  lost: string[];
  tmp: string[];
  leftovers: string[];
}

async function round(dir: string, n: number): Promise<Round> {
  const file = join(dir, `notes-${n}.json`);
  writeFileSync(file, "[]");
  const children = new Map<number, { id: string; child: ChildProcess }>();
  const exitedOk: string[] = [];
  let killed = 0;
  const done = Array.from({ length: WRITERS }, (_, i) => {
    const id = `r${n}-w${i}`;
    const child = spawn(process.execPath, [join(dir, "writer.mjs"), file, id], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.set(child.pid!, { id, child });
    return new Promise<void>((resolve) =>
      child.on("close", (code) => {
        if (code === 0) exitedOk.push(id);
        resolve();
      }),
    );
  });
  // The killer: watches the lock's owner record and SIGKILLs holders, at random moments of their hold.
  let running = true;
  const killer = (async () => {
    const seen = new Set<number>();
    while (running && killed < KILLS) {
      try {
        const owner = JSON.parse(readFileSync(`${file}.lock/owner.json`, "utf8")) as { pid: number };
        if (!seen.has(owner.pid) && children.has(owner.pid)) {
          seen.add(owner.pid);
          if (Math.random() < 0.5) {
            await new Promise((r) => setTimeout(r, Math.random() * 8));
            children.get(owner.pid)!.child.kill("SIGKILL");
            killed++;
          }
        }
      } catch {}
      await new Promise((r) => setTimeout(r, 1));
    }
  })();
  await Promise.all(done);
  running = false;
  await killer;
  // The next write cleans what killed writers left.
  await withLock(file, () => atomicWriteSync(file, readFileSync(file, "utf8")));
  const notes = JSON.parse(readFileSync(file, "utf8")) as string[];
  const names = readdirSync(dir);
  return {
    exitedOk,
    killed,
    lost: exitedOk.filter((id) => !notes.includes(id)),
    tmp: names.filter((f) => f.endsWith(".tmp")),
    leftovers: names.filter((f) => f.startsWith(`notes-${n}.json.lock`)),
  };
}

t(
  `${ROUNDS} rounds of ${WRITERS} writers with lock holders SIGKILLed: no write of a writer that exited 0 is lost, no temp file or lock is left`,
  async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "writer.mjs"), WRITER);
    const { buildSync } = await import("esbuild");
    writeFileSync(
      join(dir, "entry.ts"),
      `export { withLock } from ${JSON.stringify(join(ROOT, "lib/util/lock.ts"))};\n` +
        `export { atomicWriteSync } from ${JSON.stringify(join(ROOT, "lib/util/atomic-write.ts"))};\n`,
    );
    buildSync({
      entryPoints: [join(dir, "entry.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: join(dir, "lock-bundle.mjs"),
      logLevel: "error",
    });
    let kills = 0;
    let ok = 0;
    for (let n = 0; n < ROUNDS; n++) {
      const r = await round(dir, n);
      assert.equal(r.lost, [], `round ${n}: lost ${r.lost.join(", ")}`);
      assert.equal(r.tmp, [], `round ${n}: orphan temp files`);
      assert.equal(r.leftovers, [], `round ${n}: lock leftovers`);
      assert.is(r.exitedOk.length + r.killed, WRITERS, `round ${n}: every writer exited 0 or was killed`);
      kills += r.killed;
      ok += r.exitedOk.length;
    }
    assert.ok(kills >= ROUNDS * 2, `only ${kills} kills landed`);
    if (process.env.WF_FAULTS_REPORT)
      console.log(`lock kill test: ${ROUNDS}×${WRITERS} writers, ${kills} holders killed, ${ok} exited 0, 0 lost`);
  },
);

t("a lock held by a live process that is not wf-task: the wait ends with E_LOCK_BUSY naming its pid", async () => {
  const dir = tempDir();
  const file = join(dir, "state.json");
  const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
  try {
    const { mkdirSync } = await import("node:fs");
    mkdirSync(`${file}.lock`);
    writeFileSync(
      `${file}.lock/owner.json`,
      JSON.stringify({ pid: sleeper.pid, host: (await import("node:os")).hostname(), created: Date.now(), token: "x" }),
    );
    const started = Date.now();
    try {
      await withLock(file, () => assert.unreachable("got a lock held by a live process"), { timeoutMs: 300 });
      assert.unreachable();
    } catch (error) {
      const e = error as { code: string; message: string; hint: string; exitCode: number };
      assert.is(e.code, "E_LOCK_BUSY");
      assert.is(e.exitCode, 3);
      assert.match(e.message, `pid ${sleeper.pid}`);
      assert.match(e.hint, `${file}.lock`);
      assert.ok(Date.now() - started < 5000);
    }
    assert.ok(existsSync(`${file}.lock/owner.json`), "a live holder's lock is left alone");
  } finally {
    sleeper.kill("SIGKILL");
  }
});

t("a holder whose lock was taken over never removes the new owner's lock on release", async () => {
  const file = join(tempDir(), "state.json");
  const { mkdirSync, rmSync } = await import("node:fs");
  await withLock(file, () => {
    // Simulate a takeover: the lock is now another live process's.
    rmSync(`${file}.lock`, { recursive: true });
    mkdirSync(`${file}.lock`);
    writeFileSync(
      `${file}.lock/owner.json`,
      JSON.stringify({ pid: process.pid, host: "h", created: Date.now(), token: "other" }),
    );
  });
  assert.is(JSON.parse(readFileSync(`${file}.lock/owner.json`, "utf8")).token, "other");
});

t.run();
