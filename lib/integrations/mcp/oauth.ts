import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { WfError } from "../../core/errors.ts";
import type { McpAuth, McpServer } from "./schema.ts";
import { getToken, putToken, type StoredToken } from "./token-store.ts";

type OAuth2 = Extract<McpAuth, { type: "oauth2" }>;

/** Endpoints of an authorization server. */
export interface OAuthEndpoints {
  authorization_endpoint: string;
  token_endpoint: string;
}

/** A PKCE pair (RFC 7636, S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  return { verifier, challenge };
}

function oauthOf(server: McpServer): OAuth2 {
  const auth = server.authentication;
  if (auth?.type !== "oauth2") {
    throw new WfError(
      "E_USAGE_MCP_AUTH",
      `server \`${server.name}\` does not use OAuth (authentication.type is ${auth ? `\`${auth.type}\`` : "not set"})`,
      {
        hint:
          auth?.type === "api_key"
            ? `it reads its key from $${auth.env_var} at run time: export it`
            : `add authentication: {type: oauth2, issuer, client_id, scopes} to ${server.source}`,
      },
    );
  }
  return auth;
}

/** The endpoints: explicit ones, else the issuer's discovery document (RFC 8414, then OpenID). */
export async function discover(server: McpServer): Promise<OAuthEndpoints> {
  const auth = oauthOf(server);
  if (auth.authorization_endpoint && auth.token_endpoint)
    return { authorization_endpoint: auth.authorization_endpoint, token_endpoint: auth.token_endpoint };
  if (!auth.issuer)
    throw new WfError("E_MCP_AUTH", `server \`${server.name}\` names neither an issuer nor both endpoints`, {
      where: server.source,
      hint: "add authentication.issuer, or authorization_endpoint and token_endpoint",
    });
  const base = auth.issuer.replace(/\/+$/, "");
  for (const path of ["/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"]) {
    try {
      const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) continue;
      const doc = (await res.json()) as Partial<OAuthEndpoints>;
      if (doc.authorization_endpoint && doc.token_endpoint)
        return { authorization_endpoint: doc.authorization_endpoint, token_endpoint: doc.token_endpoint };
    } catch (cause) {
      throw new WfError("E_MCP_AUTH", `cannot reach the issuer ${base}: ${(cause as Error).message}`, {
        hint: "check authentication.issuer and the network",
        cause,
      });
    }
  }
  throw new WfError("E_MCP_AUTH", `the issuer ${base} publishes no discovery document`, {
    hint: "set authorization_endpoint and token_endpoint explicitly",
  });
}

function clientId(server: McpServer, env: Record<string, string | undefined>): string {
  const auth = oauthOf(server);
  const id = auth.client_id ?? (auth.client_id_env ? env[auth.client_id_env] : undefined);
  if (!id)
    throw new WfError("E_MCP_AUTH", `no OAuth client id for \`${server.name}\``, {
      where: server.source,
      hint: auth.client_id_env
        ? `export ${auth.client_id_env}=<client id>`
        : "add authentication.client_id (a public client id is not a secret)",
    });
  return id;
}

/** The token store key of a server. */
export const tokenKey = (server: McpServer, endpoints: { token_endpoint: string }) =>
  `${server.name} ${endpoints.token_endpoint}`;

async function tokenRequest(
  endpoint: string,
  body: Record<string, string>,
  serverName: string,
): Promise<Omit<StoredToken, "token_endpoint" | "client_id" | "obtained_at">> {
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    throw new WfError(
      "E_MCP_AUTH",
      `cannot reach the token endpoint of \`${serverName}\`: ${(cause as Error).message}`,
      { hint: "check the network and the endpoint", cause },
    );
  }
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok || typeof data.access_token !== "string") {
    const why = [data.error, data.error_description].filter(Boolean).join(": ") || `HTTP ${res.status}`;
    throw new WfError("E_MCP_AUTH", `\`${serverName}\`'s authorization server refused the token request (${why})`, {
      hint: `run \`wf-task mcp auth ${serverName}\` again`,
    });
  }
  return {
    access_token: data.access_token,
    refresh_token: typeof data.refresh_token === "string" ? data.refresh_token : undefined,
    token_type: typeof data.token_type === "string" ? data.token_type : undefined,
    scope: typeof data.scope === "string" ? data.scope : undefined,
    expires_at: typeof data.expires_in === "number" ? Date.now() + data.expires_in * 1000 : undefined,
  };
}

export interface AuthorizeOptions {
  env: Record<string, string | undefined>;
  tokenFile: string;
  /** Called with the authorization URL (open a browser, print it). */
  onUrl: (url: string) => void | Promise<void>;
  /** Give up waiting for the browser after this long (default 5 min). */
  timeoutMs?: number;
}

/** What `mcp auth` reports: never the token itself. */
export interface AuthResult {
  server: string;
  stored: string;
  expires_at?: number;
  scope?: string;
  refreshed: boolean;
}

/**
 * OAuth 2.1 authorization code with PKCE and a loopback redirect (RFC 8252): listens on
 * 127.0.0.1 on a free port, hands the authorization URL to `onUrl`, waits for the redirect,
 * checks `state`, exchanges the code with the verifier and stores the grant.
 */
export async function authorize(server: McpServer, options: AuthorizeOptions): Promise<AuthResult> {
  const auth = oauthOf(server);
  const endpoints = await discover(server);
  const id = clientId(server, options.env);
  const { createServer } = await import("node:http");
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(16).toString("base64url");
  let settle!: { resolve: (code: string) => void; reject: (e: Error) => void };
  const codePromise = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  const listener = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/callback") {
      res.writeHead(404).end();
      return;
    }
    const page = (text: string) =>
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(`<!doctype html><title>wf-task</title><p>${text}</p>`);
    if (url.searchParams.get("state") !== state) {
      page("This sign-in link does not match the one wf-task started. Close this tab and try again.");
      settle.reject(
        new WfError("E_MCP_AUTH", "the redirect carried a wrong `state` (a stale or forged request)", {
          hint: `run \`wf-task mcp auth ${server.name}\` again`,
        }),
      );
      return;
    }
    const error = url.searchParams.get("error");
    const code = url.searchParams.get("code");
    if (error || !code) {
      page("Sign-in did not complete. You can close this tab.");
      settle.reject(
        new WfError(
          "E_MCP_AUTH",
          `authorization denied: ${error ?? "no code"}${url.searchParams.get("error_description") ? ` (${url.searchParams.get("error_description")})` : ""}`,
          { hint: `run \`wf-task mcp auth ${server.name}\` again` },
        ),
      );
      return;
    }
    page(`wf-task is signed in to ${server.name}. You can close this tab.`);
    settle.resolve(code);
  });
  await new Promise<void>((resolve, reject) => listener.once("error", reject).listen(0, "127.0.0.1", resolve));
  const port = (listener.address() as import("node:net").AddressInfo).port;
  const redirectUri = `http://127.0.0.1:${port}/callback`;
  const timeoutMs = options.timeoutMs ?? 300_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const authUrl = new URL(endpoints.authorization_endpoint);
    for (const [k, v] of Object.entries({
      response_type: "code",
      client_id: id,
      redirect_uri: redirectUri,
      state,
      code_challenge: challenge,
      code_challenge_method: "S256",
    }))
      authUrl.searchParams.set(k, v);
    if (auth.scopes.length) authUrl.searchParams.set("scope", auth.scopes.join(" "));
    await options.onUrl(authUrl.href);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new WfError("E_MCP_AUTH_TIMEOUT", `no sign-in within ${Math.round(timeoutMs / 1000)} s`, {
              hint: "open the printed URL in a browser, then try again",
            }),
          ),
        timeoutMs,
      );
    });
    const code = await Promise.race([codePromise, timeout]);
    const token = await tokenRequest(
      endpoints.token_endpoint,
      { grant_type: "authorization_code", code, redirect_uri: redirectUri, client_id: id, code_verifier: verifier },
      server.name,
    );
    const stored: StoredToken = {
      ...token,
      token_endpoint: endpoints.token_endpoint,
      client_id: id,
      obtained_at: Date.now(),
    };
    await putToken(options.tokenFile, tokenKey(server, endpoints), stored);
    return {
      server: server.name,
      stored: options.tokenFile,
      expires_at: stored.expires_at,
      scope: stored.scope,
      refreshed: false,
    };
  } finally {
    clearTimeout(timer);
    listener.closeAllConnections?.();
    await new Promise((r) => listener.close(r));
  }
}

/** Exchanges the stored refresh token for a new access token and stores it. */
export async function refresh(server: McpServer, options: { tokenFile: string }): Promise<AuthResult> {
  const endpoints = await discover(server);
  const key = tokenKey(server, endpoints);
  const current = getToken(options.tokenFile, key);
  if (!current?.refresh_token)
    throw new WfError("E_MCP_AUTH", `no refresh token stored for \`${server.name}\``, {
      hint: `run \`wf-task mcp auth ${server.name}\``,
    });
  const token = await tokenRequest(
    current.token_endpoint,
    { grant_type: "refresh_token", refresh_token: current.refresh_token, client_id: current.client_id },
    server.name,
  );
  const stored: StoredToken = {
    ...current,
    ...token,
    refresh_token: token.refresh_token ?? current.refresh_token,
    obtained_at: Date.now(),
  };
  await putToken(options.tokenFile, key, stored);
  return {
    server: server.name,
    stored: options.tokenFile,
    expires_at: stored.expires_at,
    scope: stored.scope,
    refreshed: true,
  };
}

/** A valid access token for the server, refreshed when it expires within a minute; undefined when none is stored. */
export async function accessToken(server: McpServer, options: { tokenFile: string }): Promise<string | undefined> {
  const endpoints = await discover(server);
  const current = getToken(options.tokenFile, tokenKey(server, endpoints));
  if (!current) return undefined;
  if (current.expires_at !== undefined && current.expires_at - 60_000 < Date.now() && current.refresh_token) {
    await refresh(server, options);
    return getToken(options.tokenFile, tokenKey(server, endpoints))?.access_token;
  }
  return current.access_token;
}
