import { notBuilt } from "../../runner/not-built.ts";

export default notBuilt("spec", "Spec validation, compliance, schemas");
