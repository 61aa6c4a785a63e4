/** One line of `wf-task doctor`: what was checked, how it went, and the command that fixes it. */
export interface Finding {
  id: string;
  title: string;
  status: "ok" | "warn" | "fail" | "skip";
  message: string;
  /** A command (or step) that fixes it. */
  fix?: string;
}
