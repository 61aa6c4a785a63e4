import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("trust", "Trust levels of paths and task types");
