import { notBuilt } from "../lib/runner/not-built.ts";

export default notBuilt("precommit", "The pre-commit TDD gate");
