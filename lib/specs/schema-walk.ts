// Reads valibot schemas structurally: the schema at a key path, its description, its keys.
type AnySchema = {
  type?: string;
  wrapped?: AnySchema;
  pipe?: AnySchema[];
  entries?: Record<string, AnySchema>;
  item?: AnySchema;
  value?: AnySchema;
  options?: AnySchema[];
  description?: string;
};

function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  let s = schema;
  for (let i = 0; s && i < 10; i++) {
    if (s.type === "optional" || s.type === "nullable" || s.type === "nullish") s = s.wrapped;
    else if (s.pipe && s.pipe[0] !== s) return s;
    else return s;
  }
  return s;
}

const base = (s: AnySchema | undefined): AnySchema | undefined => {
  const u = unwrap(s);
  return u?.pipe ? (unwrap(u.pipe[0]) ?? u) : u;
};

/** The schema at `path` (array indexes and record keys step into items and values). */
export function schemaAt(root: unknown, path: readonly (string | number)[]): unknown {
  let schema: AnySchema | undefined = root as AnySchema;
  for (const key of path) {
    const s = base(schema);
    if (!s) return undefined;
    if (s.entries) schema = typeof key === "string" ? s.entries[key] : undefined;
    else if (s.item) schema = s.item;
    else if (s.value && s.type === "record") schema = s.value;
    else return undefined;
  }
  return schema;
}

/** The keys an object schema at `path` accepts (for "did you mean"). */
export function keysAt(root: unknown, path: readonly (string | number)[]): string[] {
  const s = base(schemaAt(root, path) as AnySchema);
  return s?.entries ? Object.keys(s.entries) : [];
}

/** The description given with `v.description()` to the schema at `path`, if any. */
export function descriptionAt(root: unknown, path: readonly (string | number)[]): string | undefined {
  let s = unwrap(schemaAt(root, path) as AnySchema);
  for (let i = 0; s && i < 5; i++) {
    const described = s.pipe?.find((p) => p.type === "description");
    if (described) return described.description;
    s = s.pipe ? unwrap(s.pipe[0]) : undefined;
  }
  return undefined;
}
