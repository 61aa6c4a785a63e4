// What every trust subcommand needs: the model in effect and paths relative to its root.
import { isAbsolute, relative, resolve } from "node:path";
import type { CommandContext } from "../../core/command.ts";
import { loadTrustModel } from "../load.ts";
import type { TrustModel } from "../model.ts";

/** Loads the config and the trust model in effect for the command's folder; its warnings go to stderr. */
export async function trustModel(ctx: CommandContext<any>): Promise<TrustModel> {
  const model = await loadTrustModel(await ctx.project());
  for (const w of model.warnings) ctx.warn(`warning: ${w}`);
  return model;
}

/** A path given on the command line (relative to the cwd) as a path relative to the model's root. */
export function argPath(ctx: CommandContext<any>, model: TrustModel, path: string): string {
  if (ctx.cwd === model.root && !isAbsolute(path)) return path;
  const absolute = resolve(ctx.cwd, path);
  const rel = relative(model.root, absolute);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel || ".";
}

/** `yes` / `no`. */
export const yesNo = (b: boolean) => (b ? "yes" : "no");
