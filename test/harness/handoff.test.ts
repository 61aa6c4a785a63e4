import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { gitRepo, json, runBuilt, runCli, writeFiles } from "../_support/index.ts";
import { HANDOFF_LIMITS, blobId, parseHandoff, readTranscript } from "../../lib/harness/handoff.ts";
import { git } from "../_support/index.ts";

const test = suite("handoff (PreCompact → SessionStart)");

const PROGRESS = ".ai/project/sessions/claude-progress.txt";

/** A Claude Code transcript, one JSON object per line, as the session wrote it. */
function transcript(dir: string, extra: object[] = []): string {
  const file = join(dir, "session.jsonl");
  const abs = (p: string) => join(dir, p);
  const lines = [
    { type: "summary", summary: "Earlier work", leafUuid: "x" },
    {
      type: "user",
      message: { role: "user", content: "Add rate limiting to the login endpoint" },
      uuid: "u1",
      sessionId: "s-42",
    },
    {
      type: "assistant",
      message: {
        role: "assistant",
        content: [
          { type: "text", text: "Looking at the code first." },
          {
            type: "tool_use",
            id: "t1",
            name: "TodoWrite",
            input: {
              todos: [
                { content: "Sketch the limiter", status: "completed", activeForm: "Sketching" },
                { content: "Write the limiter", status: "in_progress", activeForm: "Writing" },
              ],
            },
          },
        ],
      },
    },
    {
      type: "user",
      message: {
        role: "user",
        content: [{ type: "tool_result", tool_use_id: "t1", content: "Todos have been modified successfully" }],
      },
    },
    { type: "user", isMeta: true, message: { role: "user", content: "<command-name>/clear</command-name>" } },
    {
      type: "user",
      message: { role: "user", content: [{ type: "text", text: "Use a sliding window, and keep the limit per IP" }] },
      uuid: "u2",
    },
    {
      type: "assistant",
      message: {
        role: "assistant",
        content: [
          {
            type: "tool_use",
            id: "t2",
            name: "Write",
            input: { file_path: abs("src/limiter.ts"), content: "export const limit = 5;\n" },
          },
        ],
      },
    },
    {
      type: "assistant",
      message: {
        role: "assistant",
        content: [
          {
            type: "tool_use",
            id: "t3",
            name: "Edit",
            input: { file_path: abs("src/login.ts"), old_string: "a", new_string: "b" },
          },
        ],
      },
    },
    {
      type: "assistant",
      message: {
        role: "assistant",
        content: [{ type: "text", text: "I decided to keep the counters in memory for now. Redis can come later." }],
      },
    },
    {
      type: "assistant",
      message: {
        role: "assistant",
        content: [
          {
            type: "tool_use",
            id: "t4",
            name: "TodoWrite",
            input: {
              todos: [
                { content: "Sketch the limiter", status: "completed" },
                { content: "Write the limiter", status: "completed" },
                { content: "Wire the limiter into login", status: "in_progress" },
                { content: "Test 6 requests in a minute get a 429", status: "pending" },
              ],
            },
          },
        ],
      },
    },
    ...extra,
  ];
  writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n{"type":"assistant","mess`);
  return file;
}

async function project() {
  const dir = gitRepo({ "README.md": "# r\n", "src/login.ts": "export const b = 1;\n" });
  const init = await runCli(["init", "auth", "backend", "--quiet"], { cwd: dir });
  assert.is(init.code, 0, init.stderr);
  assert.is(
    (await runCli(["progress", "update", "BE-002", "in_progress", "--title", "Rate limiting"], { cwd: dir })).code,
    0,
  );
  writeFiles(dir, { "src/limiter.ts": "export const limit = 5;\n" });
  return dir;
}

const precompact = (dir: string, file: string) =>
  runBuilt(["resume", "--hook", "claude-precompact"], {
    cwd: dir,
    input: JSON.stringify({
      session_id: "s-42",
      transcript_path: file,
      cwd: dir,
      hook_event_name: "PreCompact",
      trigger: "auto",
      custom_instructions: "",
    }),
  });
const sessionStart = (dir: string, source: string) =>
  json(
    runBuilt(["resume", "--hook", "claude"], {
      cwd: dir,
      input: JSON.stringify({ session_id: "s-43", cwd: dir, hook_event_name: "SessionStart", source }),
    }),
  ).hookSpecificOutput.additionalContext as string;

test("PreCompact writes the handoff; SessionStart source compact restores the edited paths and the open todo first", async () => {
  const dir = await project();
  const r = precompact(dir, transcript(dir));
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), {});
  const text = readFileSync(join(dir, PROGRESS), "utf8");
  assert.is(text.match(/^## Handoff$/gm)?.length, 1);
  // The progress file still reads as before, with the handoff kept aside.
  const read = json(await runCli(["progress", "read", "--json"], { cwd: dir }));
  assert.is(read.current_task, "BE-002");

  const context = sessionStart(dir, "compact");
  assert.ok(context.startsWith("=== Handoff"), context);
  assert.match(context, /Last request: Use a sliding window, and keep the limit per IP/);
  assert.match(context, /Current task: BE-002: Rate limiting/);
  assert.match(context, /- \[in_progress\] Wire the limiter into login/);
  assert.match(context, /- \[pending\] Test 6 requests in a minute get a 429/);
  assert.not.match(context, /Sketch the limiter/, "completed todos are not open");
  assert.match(context, /- src\/limiter\.ts \(wrote\)\n/);
  assert.match(context, /- src\/login\.ts \(edited\)\n/);
  assert.match(context, /I decided to keep the counters in memory for now\./);
  assert.ok(context.indexOf("=== Session Restored ===") > context.indexOf("=== Handoff"));
  // A plain startup shows the handoff after the summary.
  assert.ok(sessionStart(dir, "startup").startsWith("=== Session Restored ==="));
});

test("each file claim is checked against the file now and marked when stale", async () => {
  const dir = await project();
  precompact(dir, transcript(dir));
  writeFileSync(join(dir, "src/limiter.ts"), "export const limit = 10;\n");
  rmSync(join(dir, "src/login.ts"));
  const context = sessionStart(dir, "resume");
  assert.match(context, /src\/limiter\.ts \(wrote\)  \[stale: changed since the handoff\]/);
  assert.match(context, /src\/login\.ts \(edited\)  \[stale: no longer exists\]/);
  const summary = json(await runCli(["resume", "--json"], { cwd: dir }));
  assert.equal(
    summary.handoff.files.map((f: any) => [f.path, f.stale]),
    [
      ["src/limiter.ts", "changed"],
      ["src/login.ts", "missing"],
    ],
  );
});

test("the section is replaced each time and stays bounded", async () => {
  const dir = await project();
  precompact(dir, transcript(dir));
  const many = Array.from({ length: 200 }, (_, i) => ({
    type: "assistant",
    message: {
      role: "assistant",
      content: [
        { type: "tool_use", name: "Edit", input: { file_path: join(dir, `src/f${i}.ts`) } },
        { type: "text", text: `Decision: option ${i} ${"x".repeat(500)}` },
      ],
    },
  }));
  const todos = {
    type: "assistant",
    message: {
      role: "assistant",
      content: [
        {
          type: "tool_use",
          name: "TodoWrite",
          input: {
            todos: Array.from({ length: 100 }, (_, i) => ({
              content: `todo ${i} ${"y".repeat(1000)}`,
              status: "pending",
            })),
          },
        },
      ],
    },
  };
  const huge = { type: "user", message: { role: "user", content: "z".repeat(50_000) } };
  const r = precompact(dir, transcript(dir, [...many, todos, huge]));
  assert.is(r.code, 0, r.stderr);
  const text = readFileSync(join(dir, PROGRESS), "utf8");
  assert.is(text.match(/^## Handoff$/gm)?.length, 1);
  const h = parseHandoff(text.split("\n"))!;
  assert.is(h.todos.length, HANDOFF_LIMITS.todos);
  assert.is(h.files.length, HANDOFF_LIMITS.files);
  assert.is(h.decisions.length, HANDOFF_LIMITS.decisions);
  assert.ok(h.request!.length <= HANDOFF_LIMITS.request);
  const section = text.slice(text.indexOf("## Handoff"));
  assert.ok(section.length < 12_000, `section of ${section.length} chars`);
  assert.is(h.files.at(-1)!.path, "src/f199.ts", "the latest files are kept");
});

test("a hook without a progress file or transcript says so and exits 0", async () => {
  const dir = gitRepo();
  const r = runBuilt(["resume", "--hook", "claude-precompact"], {
    cwd: dir,
    input: JSON.stringify({ cwd: dir, transcript_path: join(dir, "nope.jsonl") }),
  });
  assert.is(r.code, 0);
  assert.match(JSON.parse(r.stdout).systemMessage, /could not write the handoff: .*no progress file/);
  const d2 = await project();
  const r2 = runBuilt(["resume", "--hook", "claude-precompact"], { cwd: d2, input: JSON.stringify({ cwd: d2 }) });
  assert.match(JSON.parse(r2.stdout).systemMessage, /no transcript_path/);
  assert.match(readFileSync(join(d2, PROGRESS), "utf8"), /## Handoff\n/);
});

test("the standalone hooks/pre_compact.mjs writes the handoff with no wf-task on PATH; session_start.mjs restores it", async () => {
  const dir = await project();
  assert.is((await runCli(["scripts", "install", "--quiet"], { cwd: dir })).code, 0);
  const env = { ...process.env, PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, NO_COLOR: "1" };
  const script = (name: string, input: object) =>
    spawnSync(process.execPath, [join(dir, ".ai/workflow/hooks", name)], {
      cwd: dir,
      env,
      encoding: "utf8",
      input: JSON.stringify(input),
    });
  assert.is.not(spawnSync("sh", ["-c", "command -v wf-task"], { env }).status, 0, "wf-task must not be on PATH here");
  const r = script("pre_compact.mjs", {
    session_id: "s-42",
    transcript_path: transcript(dir),
    cwd: dir,
    hook_event_name: "PreCompact",
    trigger: "manual",
  });
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), {});
  assert.match(readFileSync(join(dir, PROGRESS), "utf8"), /^## Handoff\n[\s\S]*- session: s-42 \(trigger: manual\)/m);
  const start = script("session_start.mjs", {
    session_id: "s-43",
    cwd: dir,
    hook_event_name: "SessionStart",
    source: "compact",
  });
  assert.is(start.status, 0, start.stderr);
  const context = JSON.parse(start.stdout).hookSpecificOutput.additionalContext as string;
  assert.ok(context.startsWith("=== Handoff"), context);
  assert.match(context, /- src\/login\.ts \(edited\)\n/);
  assert.match(context, /- \[in_progress\] Wire the limiter into login/);
});

test("blob ids are git's", () => {
  const dir = gitRepo({ "a.txt": "hello\n" });
  assert.is(blobId(join(dir, "a.txt")), git(dir, "hash-object", "a.txt"));
  assert.is(blobId(join(dir, "missing")), null);
  const facts = readTranscript(
    '{"type":"assistant","message":{"content":[{"type":"tool_use","name":"MultiEdit","input":{"file_path":"lib/x.ts","edits":[]}}]}}\nnot json\n',
    dir,
  );
  assert.equal(
    facts.files.map((f) => [f.path, f.action]),
    [["lib/x.ts", "edited"]],
  );
  const later = readTranscript(
    [
      '{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Write","input":{"file_path":"a.ts"}}]}}',
      '{"type":"assistant","message":{"content":[' +
        '{"type":"tool_use","name":"Edit","input":{"file_path":"a.ts"}},' +
        '{"type":"tool_use","name":"Edit","input":{"file_path":"b.ts"}}]}}',
      '{"type":"assistant","isSidechain":true,"message":{"content":[{"type":"tool_use","name":"Edit","input":{"file_path":"c.ts"}}]}}',
    ].join("\n"),
    dir,
  );
  assert.equal(
    later.files.map((f) => [f.path, f.action]),
    [
      ["a.ts", "wrote"],
      ["b.ts", "edited"],
    ],
  );
});

test.run();
