import type { ArgDef, ArgsDef, ParsedArgs } from "../core/command.ts";
import { usageError } from "../core/errors.ts";
import { didYouMean } from "../util/suggest.ts";

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Parses argv against a command's argument definitions. Throws E_USAGE on anything off. */
export function parseArgs<A extends ArgsDef>(
  argv: readonly string[],
  defs: A = {} as A,
  commandName = "command",
): ParsedArgs<A> {
  const out: Record<string, unknown> = { _: [] };
  const flags = new Map<string, [string, ArgDef]>();
  const positionals: [string, ArgDef][] = [];
  for (const [key, def] of Object.entries(defs)) {
    if (def.type === "positional") positionals.push([key, def]);
    else {
      flags.set(kebab(key), [key, def]);
      if (kebab(key) !== key) flags.set(key, [key, def]);
      if (def.alias) flags.set(def.alias, [key, def]);
    }
    if (def.default !== undefined) out[key] = def.default;
    else if (def.multiple) out[key] = [];
    else if (def.type === "boolean") out[key] = false;
  }

  const words: string[] = [];
  let afterDashes = Infinity;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "--") {
      // `--` ends options: what follows is positional, even `-1 flaky` or `--continue`; what no
      // positional takes stays in `_` for the command to pass on.
      afterDashes = words.length;
      words.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith("-") || token === "-" || /^-\d/.test(token)) {
      words.push(token);
      continue;
    }
    const long = token.startsWith("--");
    let name = long ? token.slice(2) : token.slice(1);
    let inline: string | undefined;
    const eq = name.indexOf("=");
    if (eq >= 0) {
      inline = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    let negated = false;
    let entry = flags.get(name);
    if (!entry && long && name.startsWith("no-")) {
      const positive = flags.get(name.slice(3));
      if (positive && positive[1].type === "boolean") {
        entry = positive;
        negated = true;
      }
    }
    if (!entry) {
      const known = [...flags.keys()].filter((k) => k.length > 1).map((k) => `--${k}`);
      const best = didYouMean(`--${name}`, known);
      throw usageError(
        `unknown option \`${token}\` for \`${commandName}\``,
        best ? `did you mean \`${best}\`? See \`${commandName} --help\`.` : `see \`${commandName} --help\``,
      );
    }
    const [key, def] = entry;
    if (def.type === "boolean") {
      if (inline !== undefined && !/^(true|false|1|0)$/.test(inline)) {
        throw usageError(`expected \`--${kebab(key)}\` to be true or false, got \`${inline}\``);
      }
      out[key] = negated ? false : inline === undefined ? true : inline === "true" || inline === "1";
      continue;
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length)
        throw usageError(
          `option \`--${kebab(key)}\` needs a value`,
          `usage: --${kebab(key)} <${def.valueHint ?? "value"}>`,
        );
      value = argv[++i]!;
    }
    const parsed = coerce(value, key, def);
    if (def.multiple) (out[key] as unknown[]).push(parsed);
    else out[key] = parsed;
  }

  let w = 0;
  for (const [key, def] of positionals) {
    if (def.multiple) {
      out[key] = words.slice(w).map((v) => coerce(v, key, def));
      w = words.length;
    } else if (w < words.length) {
      out[key] = coerce(words[w++]!, key, def);
    }
    const value = out[key];
    if (def.required && (value === undefined || (Array.isArray(value) && value.length === 0))) {
      throw usageError(`missing <${key}> for \`${commandName}\``, `usage: ${commandName} ${usageLine(defs)}`);
    }
  }
  if (w < words.length && w >= afterDashes) {
    (out._ as string[]).push(...words.slice(w));
    w = words.length;
  }
  if (w < words.length) {
    throw usageError(
      `unexpected argument \`${words[w]}\` for \`${commandName}\``,
      `usage: ${commandName} ${usageLine(defs)}`,
    );
  }
  for (const [key, def] of flags.values()) {
    if (def.required && def.type !== "boolean" && out[key] === undefined) {
      throw usageError(`missing option \`--${kebab(key)}\` for \`${commandName}\``);
    }
  }
  return out as ParsedArgs<A>;
}

function coerce(value: string, key: string, def: ArgDef): string | number {
  if (def.choices && !def.choices.includes(value)) {
    const best = didYouMean(value, def.choices);
    throw usageError(
      `expected ${def.type === "positional" ? `<${key}>` : `\`--${kebab(key)}\``} to be one of ${def.choices.join("|")}, got \`${value}\``,
      best ? `did you mean \`${best}\`?` : undefined,
    );
  }
  if (def.type !== "number") return value;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) {
    throw usageError(`expected \`--${kebab(key)}\` to be a number, got \`${value}\``);
  }
  return n;
}

/** `<feature> <role> [--force]` — the usage line for help and errors. */
export function usageLine(defs: ArgsDef = {}): string {
  const parts: string[] = [];
  for (const [key, def] of Object.entries(defs)) {
    if (def.type !== "positional") continue;
    const name = def.multiple ? `${key}...` : key;
    parts.push(def.required ? `<${name}>` : `[${name}]`);
  }
  if (Object.values(defs).some((d) => d.type !== "positional")) parts.push("[options]");
  return parts.join(" ");
}

export { kebab };
