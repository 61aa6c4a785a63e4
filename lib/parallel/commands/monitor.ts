import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("monitor", "Status of every parallel agent");
