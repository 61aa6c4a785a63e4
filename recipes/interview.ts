import { notBuilt } from "../lib/runner/not-built.ts";

export default notBuilt("interview", "Interview for a feature and write its spec.yaml");
