import * as v from "valibot";

const Name = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]*$/i, "a name of letters, digits, - and _"));

/** How a server authenticates: OAuth 2.1 (code + PKCE) or an API key read from an env var. */
export const McpAuthSchema = v.variant("type", [
  v.looseObject({
    type: v.literal("oauth2"),
    /** Scopes asked for. */
    scopes: v.optional(v.array(v.string()), []),
    /** Issuer URL: endpoints come from its discovery document. */
    issuer: v.optional(v.string()),
    authorization_endpoint: v.optional(v.string()),
    token_endpoint: v.optional(v.string()),
    /** A public client id, or the env var that holds it. */
    client_id: v.optional(v.string()),
    client_id_env: v.optional(v.string()),
    /** Env var a stdio server reads its access token from. */
    token_env: v.optional(v.string()),
  }),
  v.looseObject({
    type: v.literal("api_key"),
    /** The env var holding the key, read at run time. */
    env_var: v.pipe(v.string(), v.regex(/^[A-Z_][A-Z0-9_]*$/, "an env var name (A-Z, 0-9, _)")),
    /** HTTP header that carries it (default Authorization: Bearer). */
    header: v.optional(v.string()),
  }),
  v.looseObject({ type: v.literal("none") }),
]);

/** One tool a server offers, as documented in its YAML. */
export const McpToolDocSchema = v.looseObject({
  name: v.string(),
  description: v.optional(v.string()),
  parameters: v.optional(v.record(v.string(), v.unknown())),
  returns: v.optional(v.unknown()),
});

/** An MCP server file (`integrations/mcp/<name>.yaml`): how to launch it and what it offers. */
export const McpServerFileSchema = v.looseObject({
  name: Name,
  version: v.optional(v.union([v.string(), v.number()])),
  description: v.optional(v.string()),
  /** Launch over stdio. */
  command: v.optional(v.string()),
  args: v.optional(v.array(v.string())),
  /** Env for the server; values may be `${VAR}` references. */
  env: v.optional(v.record(v.string(), v.string())),
  /** Streamable HTTP endpoint (with `command`: a long-running server `mcp start` launches). */
  url: v.optional(v.string()),
  capabilities: v.optional(v.array(v.string())),
  authentication: v.optional(McpAuthSchema),
  tools: v.optional(v.array(McpToolDocSchema)),
});

/** A resolved server: where it came from, plus the file's fields. */
export type McpServer = v.InferOutput<typeof McpServerFileSchema> & { source: string };
export type McpAuth = v.InferOutput<typeof McpAuthSchema>;

/** `auth.yaml`: where secrets come from — env var names and a token store path, never a secret. */
export const McpAuthFileSchema = v.looseObject({
  /** Token store file (user-level, outside the repo); `~` is the home folder. */
  token_store: v.optional(v.string()),
  /** Per server: the env var names its secrets come from. */
  servers: v.optional(v.record(v.string(), v.record(v.string(), v.string()))),
});
