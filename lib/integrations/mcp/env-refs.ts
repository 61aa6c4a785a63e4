/** `${VAR}` and `${VAR:-default}` references in config values. */
const REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** The env var names a value refers to. */
export function envRefs(value: string): string[] {
  return [...value.matchAll(REF)].map((m) => m[1]!);
}

/** Expands references from `env`; names without a value (and no default) are returned in `missing`. */
export function expandRefs(
  value: string,
  env: Record<string, string | undefined>,
): { value: string; missing: string[] } {
  const missing: string[] = [];
  const out = value.replace(REF, (_, name: string, fallback?: string) => {
    const got = env[name];
    if (got !== undefined && got !== "") return got;
    if (fallback !== undefined) return fallback;
    missing.push(name);
    return "";
  });
  return { value: out, missing };
}
