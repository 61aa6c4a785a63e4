import { notBuilt } from "../lib/runner/not-built.ts";

export default notBuilt("resume", "Restore the previous session's context");
