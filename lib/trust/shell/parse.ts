// A Bash command as the trust hook reads it: simple commands with their words, assignments and
// redirects, nested in groups (subshells, brace groups, if/for/while/case bodies, pipelines).
// The grammar is @ericcornelissen/bash-parser's (loaded lazily, only for commands that need it);
// a command made of plain words only is split here without it. Here-document bodies are taken
// out before parsing (the parser does not know them); the `<<WORD` operator stays.

/** A word after quote removal. `params` are the parameters it expands, `substituted` is true when it holds `$(…)`, `` `…` `` or `$((…))`. */
export interface ShellWord {
  text: string;
  params: string[];
  substituted: boolean;
  /** It was written with quotes around (`'~/x'` is not expanded). */
  quoted: boolean;
}

/** A redirect: `>`, `>>`, `>|`, `<>`, `>&`, `<`, `<<`, … and its file word. */
export interface ShellRedirect {
  op: string;
  fd: string | null;
  file: ShellWord;
}

export type ShellNode =
  | {
      kind: "command";
      assigns: ShellWord[];
      words: ShellWord[];
      redirects: ShellRedirect[];
      substitutions: ShellNode[][];
    }
  | { kind: "group"; subshell: boolean; body: ShellNode[]; redirects: ShellRedirect[] };

/** A parsed command, or why it could not be read. */
export type ShellParse =
  { ok: true; nodes: ShellNode[]; parser: "words" | "bash-parser" } | { ok: false; error: string };

/** Characters that make a command more than plain words. */
const SPECIAL = /[;&|<>()$`'"\\{}\n\r*?[\]#!]/;

/** Parses a Bash command line (or script). Never throws. */
export async function parseShell(text: string): Promise<ShellParse> {
  if (!text.trim()) return { ok: true, nodes: [], parser: "words" };
  const plain = plainWords(text);
  if (plain) return { ok: true, nodes: [plain], parser: "words" };
  const { body, error } = stripHeredocs(text);
  if (error) return { ok: false, error };
  let ast: unknown;
  try {
    const parse = (await import("@ericcornelissen/bash-parser")).default;
    ast = parse(body, { mode: "bash" });
  } catch (e) {
    const message = String((e as Error)?.message ?? e)
      .split("\n")[0]!
      .replace(/^Error:\s*/, "");
    return { ok: false, error: message };
  }
  try {
    return { ok: true, nodes: convertList((ast as { commands?: Ast[] }).commands ?? []), parser: "bash-parser" };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** `ls -la src`, `npm test`: words with no quoting, expansion or operator. */
function plainWords(text: string): ShellNode | null {
  if (SPECIAL.test(text)) return null;
  const parts = text.trim().split(/[ \t]+/);
  const assigns: ShellWord[] = [];
  let i = 0;
  for (; i < parts.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(parts[i]!); i++) assigns.push(word(parts[i]!));
  return { kind: "command", assigns, words: parts.slice(i).map(word), redirects: [], substitutions: [] };
}

function word(text: string): ShellWord {
  return { text, params: [], substituted: false, quoted: false };
}

/** Removes here-document bodies (`<<EOF … EOF`, `<<-'EOF'`), keeping the operator and its word. */
export function stripHeredocs(text: string): { body: string; error?: string } {
  if (!text.includes("<<")) return { body: text };
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    out.push(line);
    const pending: { word: string; dash: boolean }[] = [];
    const re = /(?<!<)<<(?!<)(-?)[ \t]*(?:'([^']*)'|"([^"]*)"|\\?([A-Za-z0-9_.-]+))/g;
    for (let m = re.exec(line); m; m = re.exec(line)) pending.push({ word: m[2] ?? m[3] ?? m[4]!, dash: m[1] === "-" });
    for (const doc of pending) {
      let closed = false;
      while (++i < lines.length) {
        const l = doc.dash ? lines[i]!.replace(/^\t+/, "") : lines[i]!;
        if (l === doc.word) {
          closed = true;
          break;
        }
      }
      if (!closed) return { body: text, error: `here-document \`${doc.word}\` is not closed` };
    }
  }
  return { body: out.join("\n") };
}

type Ast = Record<string, any>;

function convertList(commands: Ast[]): ShellNode[] {
  return commands.flatMap(convert);
}

function convert(node: Ast): ShellNode[] {
  switch (node.type) {
    case "Command":
      return [convertCommand(node)];
    case "LogicalExpression":
      return [...convert(node.left), ...convert(node.right)];
    case "Pipeline":
      // Each part of a pipeline runs in its own subshell: a `cd` there does not carry on.
      return node.commands.map(
        (c: Ast) => ({ kind: "group", subshell: true, body: convert(c), redirects: [] }) as ShellNode,
      );
    case "Subshell":
      return [
        {
          kind: "group",
          subshell: true,
          body: convertList(node.list?.commands ?? []),
          redirects: redirects(node.list?.redirections),
        },
      ];
    case "CompoundList":
      return [
        {
          kind: "group",
          subshell: false,
          body: convertList(node.commands ?? []),
          redirects: redirects(node.redirections),
        },
      ];
    case "If":
      return [group([node.clause, node.then, node.else], node.redirections)];
    case "While":
    case "Until":
      return [group([node.clause, node.do], node.redirections)];
    case "For":
      return [group([node.do], node.redirections, node.wordlist)];
    case "Case":
      return [
        group(
          (node.cases ?? []).map((c: Ast) => c.body),
          node.redirections,
        ),
      ];
    case "Function":
      // A function's body is judged where it is defined: it may run at any time after.
      return [group([node.body], node.redirections)];
    default:
      throw new Error(`unknown shell construct ${String(node.type)}`);
  }
}

function group(parts: (Ast | undefined)[], redirections: Ast[] | undefined, words?: Ast[]): ShellNode {
  const body = parts.filter(Boolean).flatMap((p) => convert(p!));
  const subs = (words ?? []).flatMap((w) => substitutions(w));
  if (subs.length)
    body.unshift(...subs.map((s) => ({ kind: "group", subshell: true, body: s, redirects: [] }) as ShellNode));
  return { kind: "group", subshell: false, body, redirects: redirects(redirections) };
}

function convertCommand(node: Ast): ShellNode {
  const assigns: ShellWord[] = [];
  const words: ShellWord[] = [];
  const redirs: ShellRedirect[] = [];
  const subs: ShellNode[][] = [];
  const items: Ast[] = [...(node.prefix ?? []), ...(node.name ? [node.name] : []), ...(node.suffix ?? [])];
  for (const item of items) {
    if (item.type === "Redirect") {
      redirs.push(redirect(item));
      subs.push(...substitutions(item.file));
    } else if (item.type === "AssignmentWord") {
      assigns.push(toWord(item));
      subs.push(...substitutions(item));
    } else if (item.type === "Word" || item.type === "Name") {
      words.push(toWord(item));
      subs.push(...substitutions(item));
    }
    // `dless` (a here-document operator whose body was taken out) and others carry no word.
  }
  return { kind: "command", assigns, words, redirects: redirs, substitutions: subs };
}

function redirects(list: Ast[] | undefined): ShellRedirect[] {
  return (list ?? []).map(redirect);
}

function redirect(item: Ast): ShellRedirect {
  return { op: String(item.op?.text ?? ""), fd: item.numberIo?.text ?? null, file: toWord(item.file ?? { text: "" }) };
}

function substitutions(item: Ast): ShellNode[][] {
  const out: ShellNode[][] = [];
  for (const e of item?.expansion ?? []) {
    if (e.type === "CommandExpansion" && e.commandAST) out.push(convertList(e.commandAST.commands ?? []));
  }
  return out;
}

function toWord(item: Ast): ShellWord {
  const raw = String(item.text ?? "");
  const expansions: Ast[] = item.expansion ?? [];
  const params = expansions.filter((e) => e.type === "ParameterExpansion").map((e) => String(e.parameter));
  const substituted = expansions.some((e) => e.type === "CommandExpansion" || e.type === "ArithmeticExpansion");
  // The parser removes quotes from words without expansions; with expansions the text is as written.
  const text = expansions.length ? unquote(raw) : raw;
  const quoted = expansions.length ? /^["']/.test(raw) : false;
  return { text, params, substituted, quoted };
}

/** Quote removal for a word that still has its quotes (keeps `$` expansions as written). */
function unquote(raw: string): string {
  let out = "";
  let mode: "" | "'" | '"' = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (mode === "'") {
      if (c === "'") mode = "";
      else out += c;
    } else if (c === "\\" && i + 1 < raw.length) {
      out += raw[++i];
    } else if (mode === '"') {
      if (c === '"') mode = "";
      else out += c;
    } else if (c === "'" || c === '"') mode = c;
    else out += c;
  }
  return out;
}
