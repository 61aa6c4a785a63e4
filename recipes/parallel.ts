import { notBuilt } from "../lib/runner/not-built.ts";

export default notBuilt("parallel", "Start, watch and stop parallel agents");
