import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("state", "Agent state (.af)");
