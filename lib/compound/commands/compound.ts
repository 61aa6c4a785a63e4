import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("compound", "Learnings, CLAUDE.md, metrics");
