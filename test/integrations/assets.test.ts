import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import * as v from "valibot";
import assets from "../../lib/integrations/assets.ts";
import { McpAuthFileSchema, McpServerFileSchema } from "../../lib/integrations/mcp/schema.ts";
import { defaultConfig } from "../../lib/config/defaults.ts";

const files = suite("integrations assets");

files("installs github, semgrep and auth YAML and both workflow templates", async () => {
  const list = await assets({ root: "/x", config: defaultConfig() });
  assert.equal(list.map((a) => a.path).sort(), [
    "integrations/github_actions/ai_review.yaml",
    "integrations/github_actions/spec_validation.yaml",
    "integrations/mcp/auth.yaml",
    "integrations/mcp/github.yaml",
    "integrations/mcp/semgrep.yaml",
  ]);
});

files("the server files validate and use oauth2 with scopes and api_key with an env var", async () => {
  const list = await assets({ root: "/x", config: defaultConfig() });
  const get = (p: string) => parse(list.find((a) => a.path.endsWith(p))!.content);
  const github = v.parse(McpServerFileSchema, get("github.yaml"));
  assert.equal(github.authentication, { ...github.authentication, type: "oauth2", scopes: ["repo", "read:org"] });
  assert.is(github.env!.GITHUB_PERSONAL_ACCESS_TOKEN, "${GITHUB_TOKEN}");
  assert.ok(github.tools!.every((t) => t.parameters && t.returns));
  const semgrep = v.parse(McpServerFileSchema, get("semgrep.yaml"));
  assert.equal(semgrep.authentication, { type: "api_key", env_var: "SEMGREP_APP_TOKEN" });
  v.parse(McpAuthFileSchema, get("auth.yaml"));
});

files("no installed file holds anything that looks like a secret", async () => {
  for (const a of await assets({ root: "/x", config: defaultConfig() })) {
    assert.not.match(a.content, /gh[pousr]_[A-Za-z0-9]{20,}|sk-[A-Za-z0-9]{20,}|-----BEGIN/, a.path);
  }
});

files.run();
