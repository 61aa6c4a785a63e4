/** The MCP server files `wf-task scripts install` writes under `.ai/workflow/integrations/mcp/`. */
export const DEFAULT_MCP_FILES: Record<string, string> = {
  "github.yaml": `# GitHub MCP server: issues, pull requests, code search.
# Launched over stdio by Claude Code (\`wf-task mcp render\` writes .mcp.json) and by \`wf-task mcp status\`.
# Secrets never go here: values like \${GITHUB_TOKEN} are read from the environment at run time.
name: github
version: "1.0"
description: GitHub issues, pull requests and code search
command: npx
args: ["-y", "@modelcontextprotocol/server-github"]
env:
  GITHUB_PERSONAL_ACCESS_TOKEN: \${GITHUB_TOKEN}
capabilities: [tools]
authentication:
  type: oauth2
  scopes: [repo, read:org]
  authorization_endpoint: https://github.com/login/oauth/authorize
  token_endpoint: https://github.com/login/oauth/access_token
  client_id_env: GITHUB_OAUTH_CLIENT_ID
  # A token from \`wf-task mcp auth github\` is handed to the server in this env var.
  token_env: GITHUB_PERSONAL_ACCESS_TOKEN
tools:
  - name: create_issue
    description: Open an issue
    parameters: { owner: string, repo: string, title: string, body: string }
    returns: issue
  - name: create_pull_request
    description: Open a pull request
    parameters: { owner: string, repo: string, title: string, head: string, base: string, body: string }
    returns: pull_request
  - name: search_code
    description: Search code across repositories
    parameters: { q: string }
    returns: code_results
`,
  "semgrep.yaml": `# Semgrep MCP server: static analysis of the code an agent writes.
# Needs the semgrep CLI (pipx install semgrep); the App token is optional and read from the environment.
name: semgrep
version: "1.0"
description: Semgrep static analysis (security and correctness rules)
command: semgrep
args: [mcp]
capabilities: [tools]
authentication:
  type: api_key
  env_var: SEMGREP_APP_TOKEN
tools:
  - name: semgrep_scan
    description: Scan files with Semgrep rules
    parameters: { code_files: "list of {filename, content}", config: string }
    returns: findings
  - name: security_check
    description: Quick security check of code
    parameters: { code_files: "list of {filename, content}" }
    returns: findings
`,
  "auth.yaml": `# Where MCP secrets come from. This file holds no secret: only env var names and a path.
# OAuth tokens from \`wf-task mcp auth <server>\` go to a user-level file created 0600, outside the repo.
# WF_TOKEN_STORE overrides the path.
token_store: ~/.config/wf-task/mcp-tokens.json
servers:
  github:
    client_id: GITHUB_OAUTH_CLIENT_ID
    token: GITHUB_TOKEN
  semgrep:
    api_key: SEMGREP_APP_TOKEN
`,
};
