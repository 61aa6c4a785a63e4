import { notBuilt } from "../runner/not-built.ts";

export default notBuilt("config migrate", "Upgrade a legacy config.yaml 2.0 to 2.1, or write workflow.config.ts");
