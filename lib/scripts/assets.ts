// What `wf-task scripts install` writes besides the CLI's commands: the layers' files under
// `.ai/workflow/` (trust model, schemas, MCP YAML), and the shape of one standalone script.

/** A standalone script generated for a command (one script for each bash file it replaces). */
export interface ScriptEntry {
  /** Path under `.ai/workflow/`, without extension: `harness/initializer`. */
  path: string;
  /** The bash file of the bash workflow it replaces; null for a script with no bash original. */
  plan: string | null;
  /** Words put before the user's arguments: `["resume", "--hook", "claude"]`. */
  argv: string[];
}

/** Files besides the scripts that `wf-task scripts install` writes (trust model, schemas, …). */
export const assetProviders: (() => Promise<{ default: AssetProvider }>)[] = [
  () => import("../trust/assets.ts"),
  () => import("../specs/assets.ts"),
  () => import("../integrations/assets.ts"),
];

/** A file written under `.ai/workflow/` by `scripts install`. */
export interface Asset {
  /** Relative to `.ai/workflow/`. */
  path: string;
  content: string;
}

export type AssetProvider = (ctx: {
  root: string;
  config: import("../config/types.ts").Config;
}) => Promise<Asset[]> | Asset[];
