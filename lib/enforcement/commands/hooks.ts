import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("hooks", "git/husky and Claude Code hooks");
