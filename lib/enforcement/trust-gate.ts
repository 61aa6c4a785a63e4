import picomatch from "picomatch";
import type { LoadedConfig } from "../config/types.ts";

/** A staged path the trust gate stops. */
export interface TrustViolation {
  file: string;
  level: "low";
  message: string;
}

/** True when the commit message has the review trailer (`Human-Reviewed: <name>`) with a value. */
export function hasTrailer(message: string, trailer: string): boolean {
  const name = trailer.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const text = message
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .join("\n");
  return new RegExp(`^${name}:[ \\t]*\\S`, "im").test(text);
}

/** The trust gate: staged low-trust paths need the review trailer, unless `enforcement.trust.allow` lets them through. */
export async function trustGate(loaded: LoadedConfig, paths: string[], message: string): Promise<TrustViolation[]> {
  const { allow, reviewTrailer } = loaded.config.enforcement.trust;
  if (hasTrailer(message, reviewTrailer)) return [];
  const { loadTrustModel, assessPath } = await import("../trust/index.ts");
  const model = await loadTrustModel(loaded);
  const allowed = allow.length ? picomatch(allow, { dot: true }) : () => false;
  return paths
    .filter((p) => !allowed(p) && assessPath(model, p).level === "low")
    .map((file) => ({
      file,
      level: "low" as const,
      message: `${file} is low trust: add a "${reviewTrailer}: <name>" trailer after a human review`,
    }));
}
