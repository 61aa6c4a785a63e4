// The o200k tokenizer as a file of the CLI's build (dist/tokenizer.js), which the CommonJS command
// entries import on first use instead of bundling it (tasks/build.ts).
export { countTokens } from "gpt-tokenizer/encoding/o200k_base";
