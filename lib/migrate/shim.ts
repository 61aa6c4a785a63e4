// The few-line bash file that replaces an original script: the same functions over its compiled script.
import { VERSION } from "../version.ts";
import type { LegacyScript } from "./functions.ts";
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { shQuote } from "../core/shell.ts";

/** The first lines of every shim: how `migrate` knows a file is already one. */
export const SHIM_MARK = "# wf-task shim";

/**
 * A shim for `script`: sourcing it defines each public function as a call of the compiled
 * script (`trust_get_level p` → `node …/trust_evaluator.mjs level p`); running it passes its
 * arguments straight to the compiled script. `missing` functions (the original had them, wf-task
 * has no equivalent) say so on stderr and return 3.
 */
export function shimText(script: LegacyScript, backup: string, missing: string[] = []): string {
  const depth = script.sh.split("/").length - 1;
  const up = "/..".repeat(depth);
  const v = `_WF_${script.sh
    .replace(/\.sh$/, "")
    .replace(/[^A-Za-z0-9]/g, "_")
    .toUpperCase()}`;
  const lines = [
    "#!/usr/bin/env bash",
    `${SHIM_MARK} (wf-task ${VERSION}): replaces the bash workflow's ${script.sh}; written by \`wf-task migrate\`.`,
    `# The original is kept at ${backup}. Each function runs .ai/workflow/${script.mjs}.mjs (try \`--help\`).`,
    `${v}="$(cd "$(dirname "\${BASH_SOURCE[0]}")${up}" && pwd -P)/${script.mjs}.mjs"`,
    // A linked worktree of a checkout that committed the shims but not the compiled scripts: the
    // main checkout's (the same path under the folder that holds git's common folder).
    `${v.toLowerCase()}() {`,
    `  local s="$${v}" top common`,
    `  if [[ ! -f "$s" ]]; then`,
    // Inside a git hook, git exports GIT_DIR (and GIT_INDEX_FILE): with it set, rev-parse takes the
    // folder it is run in for the worktree's top, so the look-up runs without them.
    `    { read -r top; read -r common; } < <(unset GIT_DIR GIT_WORK_TREE GIT_COMMON_DIR GIT_INDEX_FILE`,
    `      git -C "\${s%/*}" rev-parse --path-format=absolute --show-toplevel --git-common-dir 2>/dev/null)`,
    `    [[ -n "$top" && "$common" == */.git && -f "\${common%/.git}\${s#"$top"}" ]] && s="\${common%/.git}\${s#"$top"}"`,
    `  fi`,
    `  [[ -f "$s" ]] || { echo "wf-task: $${v} is missing (commit .ai/workflow, or run: wf-task scripts install)" >&2; return 3; }`,
    `  "\${WF_TASK_NODE:-node}" "$s" "$@"`,
    `}`,
  ];
  for (const [fn, args] of Object.entries(script.functions)) {
    lines.push(`${fn}() { ${v.toLowerCase()}${args.map((a) => ` ${shQuote(a)}`).join("")} "$@"; }`);
  }
  for (const fn of missing) {
    lines.push(
      `${fn}() { echo "${fn}: no wf-task equivalent yet (the original is in ${backup}; see docs/migration.md)" >&2; return 3; }`,
    );
  }
  lines.push(`if [[ "\${BASH_SOURCE[0]}" == "$0" ]]; then ${v.toLowerCase()} "$@"; fi`, "");
  return lines.join("\n");
}

/**
 * Each path a command line of `text` (a git hook, or a Claude Code hook's command) names for
 * `script` (`hooks/pre_commit_tdd`, as `.sh` or `.mjs`): the file it is, and whether that is the
 * migrated script (`migrate`'s shim, or the compiled `.mjs`) rather than the bash original. The path
 * may be relative to `root` (where the hook runs), absolute, or follow a variable or a substitution
 * (`"$CLAUDE_PROJECT_DIR"/.ai/…`, `$(git rev-parse --show-toplevel)/.ai/…`), read from `root`.
 */
export function scriptCalls(text: string, root: string, script: string): { file: string; migrated: boolean }[] {
  const name = script.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`([^\\s;&|]*?)${name}\\.(sh|mjs)(?=$|[\\s;&|)\`])`, "g");
  const calls: { file: string; migrated: boolean }[] = [];
  for (const raw of text.split("\n")) {
    if (raw.trimStart().startsWith("#")) continue;
    const line = raw.replace(/["']/g, "");
    for (const m of line.matchAll(re)) {
      let prefix = m[1]!.replace(/^.*[`(]/, "");
      if (prefix && !prefix.endsWith("/")) continue; // `myhooks/…`
      const cut = Math.max(prefix.lastIndexOf("$"), prefix.lastIndexOf(")"), prefix.lastIndexOf("}"));
      const after = cut >= 0 ? prefix.slice(cut + 1).replace(/^\w*/, "") : null; // `$VAR/…` → `/…`
      if (after !== null) prefix = after.replace(/^\/+/, "");
      const file = join(isAbsolute(prefix) ? prefix : join(root, prefix), `${script}.${m[2]}`);
      calls.push({ file, migrated: m[2] === "mjs" ? existsSync(file) : readHead(file).includes(SHIM_MARK) });
    }
  }
  return calls;
}

/** True when a line of `text` runs the migrated `script` (scriptCalls). */
export const runsMigratedScript = (text: string, root: string, script: string): boolean =>
  scriptCalls(text, root, script).some((c) => c.migrated);

function readHead(file: string): string {
  try {
    return readFileSync(file, "utf8").slice(0, 400);
  } catch {
    return "";
  }
}
