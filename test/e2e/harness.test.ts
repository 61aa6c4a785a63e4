import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseProgress, progressToJson } from "../../lib/harness/progress.ts";
import { CLI, gitRepo, json, runBuilt } from "../_support/index.ts";

const e2e = suite("harness, built CLI");

e2e("init → update → note in one process each; a new process resumes and sees everything", () => {
  const dir = gitRepo();
  const run = (...argv: string[]) => {
    const r = runBuilt(argv, { cwd: dir });
    assert.is(r.code, 0, `${argv.join(" ")}: ${r.stderr}`);
    return r;
  };
  assert.match(run("init", "shop", "backend").stdout, /First session for shop/);
  run("progress", "update", "BE-1", "completed", "--title", "Catalog");
  run("progress", "update", "BE-2", "in_progress", "--title", "Cart", "--percent", "70");
  run("progress", "note", "the cart total rounds wrong");
  run("progress", "file", "src/cart.ts");
  run("progress", "question", "EUR only?");
  const text = run("resume").stdout;
  for (const part of [
    "=== Session Restored ===",
    "Feature: shop   Role: backend",
    "Last task: BE-2: Cart (70% complete)",
    "BE-1: Catalog",
    "src/cart.ts",
    "the cart total rounds wrong",
    "EUR only?",
    "Suggested next task: BE-2: Cart (70% complete)",
  ]) {
    assert.ok(text.includes(part), `missing ${part}:\n${text}`);
  }
  const hook = runBuilt(["resume", "--hook", "claude"], {
    cwd: dir,
    input: JSON.stringify({
      session_id: "s",
      transcript_path: "/tmp/t",
      cwd: dir,
      hook_event_name: "SessionStart",
      source: "startup",
    }),
  });
  assert.is(hook.code, 0);
  assert.match(json(hook).hookSpecificOutput.additionalContext, /Suggested next task: BE-2/);
});

e2e("twenty processes adding notes at once: every note present, the file parses", async () => {
  const dir = gitRepo();
  assert.is(runBuilt(["init", "shop", "backend", "--quiet"], { cwd: dir }).code, 0);
  const codes = await Promise.all(
    Array.from(
      { length: 20 },
      (_, i) =>
        new Promise<number>((resolve) => {
          const child = spawn(process.execPath, [CLI, "progress", "note", `note from writer ${i}`, "--quiet"], {
            cwd: dir,
            stdio: "ignore",
          });
          child.on("exit", (code) => resolve(code ?? -1));
        }),
    ),
  );
  assert.equal(codes, Array(20).fill(0));
  const p = progressToJson(parseProgress(readFileSync(join(dir, ".ai/project/sessions/claude-progress.txt"), "utf8")));
  assert.is(p.notes.length, 20);
  for (let i = 0; i < 20; i++) assert.ok(p.notes.includes(`note from writer ${i}`), `note ${i} lost`);
});

e2e("state save and export through the built CLI", () => {
  const dir = gitRepo();
  runBuilt(["init", "shop", "qa", "--quiet"], { cwd: dir });
  const saved = json(runBuilt(["state", "save", "--json"], { cwd: dir }));
  assert.is(saved.state.agent.role, "qa");
  const exported = json(runBuilt(["state", "export"], { cwd: dir }));
  assert.equal(exported, saved.state);
});

e2e.run();
