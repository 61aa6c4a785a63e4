import { notBuilt } from "../lib/runner/not-built.ts";

export default notBuilt("init", "Set up a feature's first session");
