import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("worktree", "Agent worktrees");
