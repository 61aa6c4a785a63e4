import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("doctor", "Check the installation");
