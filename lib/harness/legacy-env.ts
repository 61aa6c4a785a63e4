// The bash workflow's switches for the TDD gate: TDD_STRICTNESS, TDD_SKIP and `[skip-tdd]` in a commit message.
import { readFileSync } from "node:fs";
import type { LoadedConfig } from "../config/types.ts";

const STRICTNESS = ["strict", "warn", "off"] as const;

/**
 * The config with `TDD_STRICTNESS` (strict|warn|off) applied, and the bypass reason the
 * original's switches give: `WF_TDD_BYPASS` first, then `TDD_SKIP` (any value but 0/false),
 * then `[skip-tdd]` in the commit message file. A bypass is logged like any other.
 */
export function legacyGateInputs(
  loaded: LoadedConfig,
  env: Record<string, string | undefined>,
  messageFile?: string,
): { loaded: LoadedConfig; bypass?: string; warning?: string } {
  let out = loaded;
  let warning: string | undefined;
  const wanted = env.TDD_STRICTNESS?.trim().toLowerCase();
  if (wanted) {
    if ((STRICTNESS as readonly string[]).includes(wanted)) {
      const c = loaded.config;
      out = {
        ...loaded,
        config: {
          ...c,
          enforcement: {
            ...c.enforcement,
            tdd: { ...c.enforcement.tdd, strictness: wanted as (typeof STRICTNESS)[number] },
          },
        },
      };
    } else warning = `warning: TDD_STRICTNESS=${env.TDD_STRICTNESS} ignored; expected one of ${STRICTNESS.join(", ")}`;
  }
  let bypass = env.WF_TDD_BYPASS?.trim() || undefined;
  const skip = env.TDD_SKIP?.trim();
  if (!bypass && skip && !/^(0|false|no)$/i.test(skip)) bypass = `TDD_SKIP=${skip}`;
  if (!bypass && messageFile) {
    try {
      if (/\[skip-tdd\]/i.test(readFileSync(messageFile, "utf8"))) bypass = "[skip-tdd] in the commit message";
    } catch {
      // No message file: nothing to read.
    }
  }
  return { loaded: out, bypass, warning };
}
