import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("tdd", "TDD checks");
