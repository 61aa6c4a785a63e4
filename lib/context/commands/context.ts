import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("context", "Skeletons, tokens, usage, ranking");
