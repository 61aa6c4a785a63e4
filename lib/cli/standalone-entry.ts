// Entry of the bundled runtime (dist/runtime/wf-task.mjs).
export { runScript } from "./standalone.ts";
