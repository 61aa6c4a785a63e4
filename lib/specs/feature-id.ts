import { join } from "node:path";
import { WfError } from "../core/errors.ts";
import { FEATURE_ID } from "./schemas/common.ts";

/** Throws E_USAGE_FEATURE_ID unless `id` is a safe feature id (`^[a-z0-9][a-z0-9-]*$`, ≤ 64 chars). */
export function checkFeatureId(id: string): string {
  if (!FEATURE_ID.test(id) || id.length > 64) {
    const suggestion = id
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 64);
    throw new WfError(
      "E_USAGE_FEATURE_ID",
      `expected a feature id of lowercase letters, digits and - (not starting with -), got ${JSON.stringify(id)}`,
      {
        hint: suggestion ? `try \`${suggestion}\`` : "e.g. `user-auth`",
      },
    );
  }
  return id;
}

/** The spec file of a feature: `<featuresDir>/<id>/spec.yaml`, after checking the id. */
export function specPathFor(featuresDir: string, id: string): string {
  return join(featuresDir, checkFeatureId(id), "spec.yaml");
}
