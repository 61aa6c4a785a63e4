import type { Readable } from "node:stream";
import { readStream } from "../util/read-stream.ts";

/** Claude Code's SessionStart hook input (stdin JSON). */
export interface SessionStartInput {
  session_id?: string;
  transcript_path?: string;
  cwd?: string;
  hook_event_name?: string;
  /** startup | resume | clear | compact */
  source?: string;
}

/** The hook's output: Claude Code adds `additionalContext` to the session. */
export interface SessionStartOutput {
  hookSpecificOutput: { hookEventName: "SessionStart"; additionalContext: string };
}

/** The JSON a SessionStart hook prints. */
export function sessionStartOutput(additionalContext: string): SessionStartOutput {
  return { hookSpecificOutput: { hookEventName: "SessionStart", additionalContext } };
}

/**
 * Reads the hook input from stdin: all of it, or what came within `timeoutMs` (a hook must not
 * hang on a stdin nobody closes). A terminal or empty stdin gives `{}`; bad JSON throws.
 */
export async function readHookInput(stdin: Readable, timeoutMs = 1000): Promise<SessionStartInput> {
  if ((stdin as { isTTY?: boolean }).isTTY) return {};
  const text = (await readStream(stdin, { timeoutMs }).catch(() => "")).trim();
  if (!text) return {};
  const parsed = JSON.parse(text) as unknown;
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new Error("the hook input is not a JSON object");
  return parsed as SessionStartInput;
}

/** What the session-start hook needs from a command context. */
interface HookContext {
  cwd: string;
  env: Record<string, string | undefined>;
  stdin: Readable;
  project(dir?: string): Promise<import("../core/project.ts").Project>;
}

/**
 * The SessionStart hook: reads Claude Code's input, restores the session summary and returns
 * the hook output. It never throws: any error becomes a short additionalContext saying what
 * went wrong. `{}` when `harness.autoRestore` is off.
 */
export async function sessionStartHook(ctx: HookContext): Promise<SessionStartOutput | Record<string, never>> {
  try {
    const input = await readHookInput(ctx.stdin);
    const { resolve } = await import("node:path");
    const cwd = typeof input.cwd === "string" && input.cwd ? resolve(ctx.cwd, input.cwd) : ctx.cwd;
    const loaded = await ctx.project(cwd);
    if (!loaded.config.harness.autoRestore) return {};
    const [{ projectPaths }, { resumeSession, renderResume }] = await Promise.all([
      import("../config/paths.ts"),
      import("./resume.ts"),
    ]);
    const handoffFirst = input.source === "compact" || input.source === "resume";
    return sessionStartOutput(renderResume(await resumeSession(projectPaths(loaded)), { handoffFirst }));
  } catch (error) {
    const e = error as { message?: string; where?: string; hint?: string };
    const where = e.where ? `${e.where}: ` : "";
    const hint = e.hint ? ` (${e.hint})` : "";
    const firstLine = String(e?.message ?? error).split("\n")[0];
    return sessionStartOutput(
      `wf-task could not restore the previous session: ${where}${firstLine}${hint}. ` +
        "Run `wf-task resume` in a terminal for details.",
    );
  }
}
