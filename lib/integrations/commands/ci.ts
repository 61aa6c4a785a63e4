import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("ci", "GitHub Actions templates");
