import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withLock } from "../../lib/util/lock.ts";
import { ROOT, tempDir } from "../_support/index.ts";

const lock = suite("withLock");

const WORKER = `
import { readFileSync, writeFileSync } from "node:fs";
import { withLock } from ${JSON.stringify(join(ROOT, "dist/index.js"))};
const file = process.argv[2];
for (let i = 0; i < 5; i++) {
  await withLock(file, () => {
    const n = Number(readFileSync(file, "utf8"));
    writeFileSync(file, String(n + 1));
  });
}
`;

lock("20 processes incrementing one file under the lock lose no update", async () => {
  const dir = tempDir();
  const file = join(dir, "counter");
  writeFileSync(file, "0");
  writeFileSync(join(dir, "worker.mjs"), WORKER);
  await Promise.all(
    Array.from(
      { length: 20 },
      () =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, [join(dir, "worker.mjs"), file], { cwd: ROOT, stdio: "inherit" });
          child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
        }),
    ),
  );
  assert.is(readFileSync(file, "utf8"), "100");
  assert.not.ok(existsSync(`${file}.lock`));
});

lock("breaks a lock whose owner process is dead", async () => {
  const dir = tempDir();
  const file = join(dir, "state.json");
  mkdirSync(`${file}.lock`);
  writeFileSync(
    `${file}.lock/owner.json`,
    JSON.stringify({ pid: 2 ** 22 + 7, host: (await import("node:os")).hostname(), created: Date.now() }),
  );
  const value = await withLock(file, () => "got it", { timeoutMs: 2000 });
  assert.is(value, "got it");
});

lock("breaks a lock older than staleMs even if its owner lives", async () => {
  const dir = tempDir();
  const file = join(dir, "state.json");
  mkdirSync(`${file}.lock`);
  writeFileSync(
    `${file}.lock/owner.json`,
    JSON.stringify({ pid: process.pid, host: "elsewhere", created: Date.now() - 120_000 }),
  );
  assert.is(await withLock(file, () => 1, { timeoutMs: 2000 }), 1);
});

lock("times out with E_LOCK_BUSY naming the pid while a live owner holds the lock", async () => {
  const dir = tempDir();
  const file = join(dir, "state.json");
  mkdirSync(`${file}.lock`);
  writeFileSync(
    `${file}.lock/owner.json`,
    JSON.stringify({ pid: process.pid, host: (await import("node:os")).hostname(), created: Date.now() }),
  );
  try {
    await withLock(file, () => 1, { timeoutMs: 150 });
    assert.unreachable();
  } catch (error) {
    assert.is((error as { code: string }).code, "E_LOCK_BUSY");
    assert.is((error as { exitCode: number }).exitCode, 3);
    assert.match((error as Error).message, new RegExp(`pid ${process.pid}`));
    assert.match((error as { hint: string }).hint, /state\.json\.lock/);
  }
});

lock("releases the lock when the function throws", async () => {
  const file = join(tempDir(), "x");
  try {
    await withLock(file, () => {
      throw new Error("boom");
    });
  } catch {}
  assert.not.ok(existsSync(`${file}.lock`));
});

lock.run();
