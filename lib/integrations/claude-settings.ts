import { WfError } from "../runner/errors.ts";

export interface ClaudeHooksOptions {
  root: string;
  uninstall?: boolean;
}

/** Merges wf-task's hooks into .claude/settings.json (built by the integrations layer). */
export async function installClaudeHooks(_options: ClaudeHooksOptions): Promise<{ changed: boolean; file: string; added: string[]; removed: string[] }> {
  throw new WfError("E_NOT_BUILT", "Claude Code hook installation is not built yet", { hint: "upgrade wf-task" });
}
