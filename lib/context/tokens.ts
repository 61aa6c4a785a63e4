/** How tokens are counted: `bpe` (exact, o200k) or `estimate` (≈ 4 characters a token, instant). */
export type TokenMode = "bpe" | "estimate";

type Counter = (text: string) => number;
let bpe: Counter | undefined;

/** Loads the o200k BPE tokenizer (gpt-tokenizer) on first use. */
async function bpeCounter(): Promise<Counter> {
  if (!bpe) {
    const { countTokens } = await import("gpt-tokenizer/encoding/o200k_base");
    bpe = (text) => countTokens(text);
  }
  return bpe;
}

/** Fast estimate: one token per 4 characters, rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Tokens in `text`: exact o200k BPE by default, or the fast estimate. */
export async function countTokens(text: string, mode: TokenMode = "bpe"): Promise<number> {
  if (mode === "estimate") return estimateTokens(text);
  return (await bpeCounter())(text);
}

/** A counter function for many texts (loads the tokenizer once). */
export async function tokenCounter(mode: TokenMode = "bpe"): Promise<Counter> {
  return mode === "estimate" ? estimateTokens : bpeCounter();
}
