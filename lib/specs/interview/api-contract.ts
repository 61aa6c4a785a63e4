// `interview --api`: the API answers (`POST /auth/login Sign in`) as an API contract.
import type { ApiContract } from "../schemas/index.ts";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
const ENDPOINT = new RegExp(`^(${METHODS.join("|")})\\s+(/\\S*)\\s*[-—:]?\\s*(.*)$`, "i");

/** An API contract from the answers: `METHOD /path summary` lines become endpoints, other lines functions. */
export function buildContract(feature: string, name: string, apis: string[], requirementIds: string[]): ApiContract {
  const endpoints: NonNullable<ApiContract["endpoints"]> = [];
  const functions: NonNullable<ApiContract["functions"]> = [];
  for (const line of apis) {
    const m = ENDPOINT.exec(line.trim());
    if (m) {
      endpoints.push({
        method: m[1]!.toUpperCase() as (typeof METHODS)[number],
        path: m[2]!,
        ...(m[3] ? { summary: m[3] } : {}),
        ...(requirementIds.length ? { requirements: requirementIds } : {}),
        responses: { "200": { description: "OK" } },
      });
    } else functions.push({ name: line.trim() });
  }
  return {
    version: "1.0",
    api: { name: `${name} API`, version: "1.0", feature },
    ...(endpoints.length ? { endpoints } : {}),
    ...(functions.length ? { functions } : {}),
  };
}
