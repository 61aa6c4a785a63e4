import pkg from "../package.json" with { type: "json" };

/** The version of this wf-task. */
export const VERSION: string = pkg.version;
