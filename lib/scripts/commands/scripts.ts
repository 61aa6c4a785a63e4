import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("scripts", "Standalone scripts");
