import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("progress", "Read and update the progress file");
