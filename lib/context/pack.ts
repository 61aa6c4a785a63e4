import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { languageOf, skeletonOf } from "./skeleton.ts";
import type { RankedFile } from "./rank.ts";
import { tokenCounter } from "./tokens.ts";

/** What `context pack --json` prints (the packed text is in `text`). */
export interface Pack {
  query: string;
  budget: number;
  used_tokens: number;
  files: { path: string; mode: "full" | "skeleton"; tokens: number }[];
  skipped: { path: string; reason: string }[];
  text: string;
}

/**
 * Fills a budget greedily with the ranked files, best first: the full text when it fits, else
 * the skeleton (at most `skeletonMaxTokens`) when that fits, else the file is skipped.
 */
export async function pack(
  query: string,
  ranked: RankedFile[],
  options: { root: string; budget: number; skeletonMaxTokens: number },
): Promise<Pack> {
  const count = await tokenCounter();
  const header = `# Context for: ${query}\n`;
  let used = count(header);
  const parts = [header];
  const files: Pack["files"] = [];
  const skipped: Pack["skipped"] = [];
  for (const { path } of ranked) {
    const source = await readFile(join(options.root, path), "utf8");
    const fence = (body: string, mode: string) =>
      `\n## ${path} (${mode})\n\`\`\`${languageOf(path) ?? ""}\n${body.endsWith("\n") ? body : `${body}\n`}\`\`\`\n`;
    const full = fence(source, "full");
    const fullTokens = count(full);
    if (used + fullTokens <= options.budget) {
      parts.push(full);
      used += fullTokens;
      files.push({ path, mode: "full", tokens: fullTokens });
      continue;
    }
    if (!languageOf(path)) {
      skipped.push({ path, reason: `${fullTokens} tokens do not fit, no skeleton for this language` });
      continue;
    }
    const skel = fence(await skeletonOf(source, path, { root: options.root }), "skeleton");
    const skelTokens = count(skel);
    if (skelTokens <= options.skeletonMaxTokens && used + skelTokens <= options.budget) {
      parts.push(skel);
      used += skelTokens;
      files.push({ path, mode: "skeleton", tokens: skelTokens });
    } else skipped.push({ path, reason: `neither the text (${fullTokens}) nor the skeleton (${skelTokens}) fits` });
  }
  return { query, budget: options.budget, used_tokens: used, files, skipped, text: parts.join("") };
}
