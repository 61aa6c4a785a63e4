import { chmodSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, relative, resolve, isAbsolute } from "node:path";
import { WfError } from "../../core/errors.ts";
import { atomicWrite } from "../../util/atomic-write.ts";
import { withLock } from "../../util/lock.ts";

/** A stored OAuth grant. Never printed, never written inside a repository. */
export interface StoredToken {
  access_token: string;
  refresh_token?: string;
  token_type?: string;
  scope?: string;
  /** Epoch ms; absent when the server gave no lifetime. */
  expires_at?: number;
  token_endpoint: string;
  client_id: string;
  obtained_at: number;
}

interface StoreFile {
  version: 1;
  tokens: Record<string, StoredToken>;
}

/**
 * The user-level token file: `WF_TOKEN_STORE`, else auth.yaml's `token_store`, else
 * `$XDG_CONFIG_HOME/wf-task/mcp-tokens.json` (`~/.config/…`). Refused inside the project.
 */
export function tokenStorePath(options: {
  env: Record<string, string | undefined>;
  root: string;
  configured?: string;
}): string {
  const home = options.env.HOME || homedir();
  const expand = (p: string) => (p === "~" || p.startsWith("~/") ? join(home, p.slice(1)) : p);
  const raw = options.env.WF_TOKEN_STORE || options.configured;
  const file = raw
    ? resolve(expand(raw))
    : join(options.env.XDG_CONFIG_HOME || join(home, ".config"), "wf-task", "mcp-tokens.json");
  const rel = relative(options.root, file);
  if (!rel.startsWith("..") && !isAbsolute(rel)) {
    throw new WfError("E_MCP_TOKEN_STORE", `the token store ${file} is inside the project`, {
      hint:
        "tokens stay out of the repository: point WF_TOKEN_STORE or auth.yaml's token_store at a user-level path " +
        "(default ~/.config/wf-task/mcp-tokens.json)",
    });
  }
  return file;
}

function read(file: string): StoreFile {
  if (!existsSync(file)) return { version: 1, tokens: {} };
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as StoreFile;
    if (!data || typeof data.tokens !== "object") throw new Error("no `tokens` object");
    return data;
  } catch (cause) {
    throw new WfError("E_MCP_TOKEN_STORE", `cannot read the token store: ${(cause as Error).message}`, {
      where: file,
      hint: "remove the file and run `wf-task mcp auth <server>` again",
      cause,
    });
  }
}

/** The stored token under `key`, if any. */
export function getToken(file: string, key: string): StoredToken | undefined {
  // Keys are server names (user input): only own entries count, never inherited ones.
  return new Map(Object.entries(read(file).tokens)).get(key);
}

/** Stores (or with `undefined`, removes) the token under `key`; the file is created 0600 in a 0700 folder. */
export async function putToken(file: string, key: string, token: StoredToken | undefined): Promise<void> {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  await withLock(file, async () => {
    const data = read(file);
    const tokens = new Map(Object.entries(data.tokens));
    if (token) tokens.set(key, token);
    else tokens.delete(key);
    const out: Record<string, StoredToken> = {};
    for (const [k, t] of tokens)
      Object.defineProperty(out, k, { value: t, enumerable: true, writable: true, configurable: true });
    await atomicWrite(file, `${JSON.stringify({ ...data, tokens: out }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  });
}
