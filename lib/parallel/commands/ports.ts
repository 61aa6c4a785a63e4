import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("ports", "Dev-server ports per role");
