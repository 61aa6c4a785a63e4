import type { CommandContext } from "../core/command.ts";
import { parallelProject, type ParallelProject } from "./project.ts";
import type { TmuxTarget } from "./tmux.ts";

/** The main checkout's project for a command. */
export async function projectOf(ctx: CommandContext<any>): Promise<ParallelProject> {
  return parallelProject(await ctx.project());
}

/** The tmux server a command talks to: `--socket` (tmux -L), else the environment's (TMUX_TMPDIR). */
export function tmuxOf(ctx: CommandContext<any>, socket?: string): TmuxTarget {
  return socket ? { env: ctx.env, socket } : { env: ctx.env };
}

/** The `--socket` option shared by the commands that talk to tmux. */
export const socketArg = {
  type: "string",
  description: "tmux server socket name (tmux -L); default: $TMUX_TMPDIR's server",
  valueHint: "name",
} as const;

/** A fixed-width table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => [...(r[i] ?? "")].length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((c, i) => (c ?? "").padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
