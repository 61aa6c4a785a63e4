// What a parsed Bash command writes: every file target (redirects, cp/mv/… destinations, rm/… operands,
// sed -i, tee, dd of=, tar -x -C, git checkout/restore/rm/clean), through wrappers (bash -c, env,
// sudo, nice, timeout, xargs, eval, find -exec) and with `cd`/`pushd` followed along; writes whose
// target only exists when the command runs; and the ways around the git hooks (bypasses).
import { statSync } from "node:fs";
import { basename, isAbsolute, join, normalize, resolve } from "node:path";
import { parseShell, type ShellNode, type ShellRedirect, type ShellWord } from "./parse.ts";

/** A file a command writes (or deletes, or changes the mode of), as an absolute path. */
export interface ShellTarget {
  path: string;
  /** The operand as written. */
  written: string;
  /** How it is written: `redirect >`, `cp destination`, `rm operand` … */
  via: string;
  /** The simple command it comes from. */
  command: string;
  /** The write reaches everything under the path when it is a folder (`rm -r`, `tar -x -C`). */
  tree: boolean;
}

/** A write whose target is only known when the command runs (`rm $X`, `xargs rm`). */
export interface ShellUnknown {
  command: string;
  why: string;
}

/** A way around the git hooks. */
export interface ShellBypass {
  kind: "no_verify" | "husky_off" | "hooks_path";
  command: string;
  message: string;
}

/** A git command that moves a checkout's branch or work tree (commit, rebase, reset …), and the folder it runs in. */
export interface ShellCheckoutChange {
  /** Where git runs (after `cd` and `-C`). */
  dir: string;
  /** The subcommand: `commit`, `rebase` … */
  sub: string;
  command: string;
}

export interface ShellAnalysis {
  targets: ShellTarget[];
  unknown: ShellUnknown[];
  bypasses: ShellBypass[];
  /** git commands that change the checkout they run in: the hook asks when that is another checkout than the project's. */
  checkouts: ShellCheckoutChange[];
  /** Set when the command (or a `bash -c` / `eval` string inside it) could not be parsed. */
  unreadable: string | null;
}

interface Scope {
  /** null: after a `cd` to a folder only known at run time. */
  cwd: string | null;
  stack: (string | null)[];
}

interface Context {
  home: string;
  out: ShellAnalysis;
  depth: number;
}

/** Files that are not files (`> /dev/null`, `2>&1`). */
const NOT_FILES = /^\/dev\/(null|zero|stdout|stderr|stdin|tty|fd\/\d+|urandom|random)$|^\/proc\/self\/fd\//;
const MAX_DEPTH = 8;

/** Parses and analyzes a command run in `cwd`. */
export async function analyzeCommand(command: string, cwd: string, home: string): Promise<ShellAnalysis> {
  const out: ShellAnalysis = { targets: [], unknown: [], bypasses: [], checkouts: [], unreadable: null };
  await analyzeText(command, { cwd, stack: [] }, { home, out, depth: 0 });
  return out;
}

async function analyzeText(text: string, scope: Scope, ctx: Context): Promise<void> {
  if (ctx.depth > MAX_DEPTH) {
    ctx.out.unreadable ??= `commands nested more than ${MAX_DEPTH} levels deep`;
    return;
  }
  const parsed = await parseShell(text);
  if (!parsed.ok) {
    ctx.out.unreadable ??= parsed.error;
    return;
  }
  await analyzeNodes(parsed.nodes, scope, { ...ctx, depth: ctx.depth + 1 });
}

async function analyzeNodes(nodes: ShellNode[], scope: Scope, ctx: Context): Promise<void> {
  for (const node of nodes) {
    if (node.kind === "group") {
      const inner = node.subshell ? { cwd: scope.cwd, stack: [...scope.stack] } : scope;
      await analyzeNodes(node.body, inner, ctx);
      redirectTargets(node.redirects, scope, ctx, node.subshell ? "( … )" : "{ … }");
    } else {
      for (const sub of node.substitutions) await analyzeNodes(sub, { cwd: scope.cwd, stack: [...scope.stack] }, ctx);
      const text = commandText(node.words, node.assigns);
      redirectTargets(node.redirects, scope, ctx, text);
      for (const a of node.assigns) huskyAssign(a.text, text, ctx);
      if (node.words.length) await simpleCommand(node.words, scope, ctx, text);
    }
  }
}

function commandText(words: ShellWord[], assigns: ShellWord[] = []): string {
  const text = [...assigns, ...words].map((w) => (/\s/.test(w.text) ? JSON.stringify(w.text) : w.text)).join(" ");
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

const WRITE_OPS = new Set([">", ">>", ">|", "<>", "&>", "&>>", ">&"]);

function redirectTargets(redirects: ShellRedirect[], scope: Scope, ctx: Context, command: string): void {
  for (const r of redirects) {
    if (!WRITE_OPS.has(r.op)) continue;
    if ((r.op === ">&" || r.op === "<&") && /^(\d+|-)$/.test(r.file.text)) continue;
    addTarget(r.file, scope, ctx, `redirect ${r.op}`, command);
  }
}

/** Adds the target a word names, or an unknown when it is only known at run time. */
function addTarget(
  w: ShellWord,
  scope: Scope,
  ctx: Context,
  via: string,
  command: string,
  cwd = scope.cwd,
  tree = false,
): void {
  const r = resolveWord(w, cwd, ctx.home);
  if ("why" in r) {
    ctx.out.unknown.push({ command, why: `${via} ${r.why}` });
    return;
  }
  if (NOT_FILES.test(r.path)) return;
  ctx.out.targets.push({ path: r.path, written: w.text, via, command, tree });
}

/** A word as a path: quotes removed, `~`, `$HOME`, `$PWD` expanded, made absolute. */
export function resolveWord(
  w: ShellWord & { fromInput?: boolean },
  cwd: string | null,
  home: string,
): { path: string } | { why: string } {
  if (w.fromInput) return { why: "comes from the command's input" };
  if (w.substituted) return { why: `\`${w.text}\` is computed when the command runs` };
  let t = w.text;
  for (const p of w.params) {
    const value = p === "HOME" ? home : p === "PWD" ? cwd : undefined;
    if (value == null) return { why: `\`${w.text}\` depends on $${p}, known only when the command runs` };
    t = t.replace(new RegExp(`\\$\\{${p}\\}|\\$${p}(?![A-Za-z0-9_])`, "g"), value);
  }
  if (!w.quoted && (t === "~" || t.startsWith("~/"))) t = home + t.slice(1);
  else if (!w.quoted && /^~[^/]/.test(t)) return { why: `\`${w.text}\` is another user's home` };
  if (!t) return { why: "is empty" };
  if (!isAbsolute(t)) {
    if (cwd == null) return { why: `\`${w.text}\` is relative to a folder \`cd\` went to at run time` };
    t = resolve(cwd, t);
  }
  return { path: normalize(t) };
}

/** Splits options from operands. `withArg`: short letters and long names that take a value. */
function operands(
  words: ShellWord[],
  withArg: string = "",
  longWithArg: string[] = [],
): { ops: ShellWord[]; opts: Map<string, string[]> } {
  const ops: ShellWord[] = [];
  const opts = new Map<string, string[]>();
  const add = (k: string, v = "") => opts.set(k, [...(opts.get(k) ?? []), v]);
  for (let i = 0; i < words.length; i++) {
    const t = words[i]!.text;
    if (t === "--") {
      ops.push(...words.slice(i + 1));
      break;
    }
    if (t.startsWith("--") && t.length > 2) {
      const eq = t.indexOf("=");
      const name = eq < 0 ? t.slice(2) : t.slice(2, eq);
      if (eq >= 0) add(name, t.slice(eq + 1));
      else if (longWithArg.includes(name) && i + 1 < words.length) add(name, words[++i]!.text);
      else add(name);
    } else if (t.startsWith("-") && t.length > 1 && !words[i]!.params.length) {
      for (let j = 1; j < t.length; j++) {
        const c = t[j]!;
        if (withArg.includes(c)) {
          if (j + 1 < t.length) add(c, t.slice(j + 1));
          else if (i + 1 < words.length) add(c, words[++i]!.text);
          else add(c);
          break;
        }
        add(c);
      }
    } else ops.push(words[i]!);
  }
  return { ops, opts };
}

const plainWord = (text: string): ShellWord => ({ text, params: [], substituted: false, quoted: false });

/** Commands that run the rest of their words as a command, with the options that take a value. */
const WRAPPERS: Record<string, { withArg: string; longWithArg?: string[]; skipOperands?: number }> = {
  sudo: {
    withArg: "ugpChDrtUT",
    longWithArg: [
      "user",
      "group",
      "prompt",
      "chdir",
      "close-from",
      "host",
      "role",
      "type",
      "other-user",
      "command-timeout",
    ],
  },
  doas: { withArg: "uC" },
  nice: { withArg: "n", longWithArg: ["adjustment"] },
  nohup: { withArg: "" },
  time: { withArg: "fo" },
  command: { withArg: "" },
  builtin: { withArg: "" },
  exec: { withArg: "a" },
  stdbuf: { withArg: "ioe", longWithArg: ["input", "output", "error"] },
  ionice: { withArg: "cnp" },
  chronic: { withArg: "" },
  timeout: { withArg: "sk", longWithArg: ["signal", "kill-after"], skipOperands: 1 },
};

const SHELLS = new Set(["bash", "sh", "zsh", "dash", "ksh", "ash", "mksh"]);

async function simpleCommand(words: ShellWord[], scope: Scope, ctx: Context, text: string): Promise<void> {
  const head = words[0]!;
  if (head.substituted || head.params.length) {
    ctx.out.unknown.push({ command: text, why: `the command name \`${head.text}\` is known only when it runs` });
    return;
  }
  const name = basename(head.text);
  const args = words.slice(1);
  const wrapper = WRAPPERS[name];
  if (wrapper) {
    // A wrapper's options end at its first operand: that is the command it runs.
    let i = 0;
    const rest: ShellWord[] = [];
    for (; i < args.length; i++) {
      const t = args[i]!.text;
      if (t === "--") {
        i++;
        break;
      }
      if (!t.startsWith("-") || t === "-") break;
      const long = t.startsWith("--") ? t.slice(2) : "";
      if (long && !long.includes("=") && wrapper.longWithArg?.includes(long)) i++;
      else if (!long && wrapper.withArg.includes(t[t.length - 1]!) && t.length === 2) i++;
      if (name === "sudo" && (long === "chdir" || t === "-D")) scope = { cwd: null, stack: [] };
    }
    rest.push(...args.slice(i + (wrapper.skipOperands ?? 0)));
    if (name === "command" && args.some((a) => a.text === "-v" || a.text === "-V")) return;
    if (rest.length) await simpleCommand(rest, scope, ctx, text);
    return;
  }
  switch (name) {
    case "cd":
    case "pushd": {
      const { ops } = operands(args);
      const target = ops[0];
      if (name === "pushd") scope.stack.push(scope.cwd);
      if (!target) scope.cwd = name === "cd" ? ctx.home : scope.cwd;
      else if (target.text === "-") scope.cwd = null;
      else {
        const r = resolveWord(target, scope.cwd, ctx.home);
        scope.cwd = "path" in r ? r.path : null;
      }
      return;
    }
    case "popd":
      scope.cwd = scope.stack.length ? scope.stack.pop()! : null;
      return;
    case "env": {
      let i = 0;
      let envScope = scope;
      for (; i < args.length; i++) {
        const t = args[i]!.text;
        if (t === "-u" || t === "--unset") i++;
        else if (t === "-C" || t === "--chdir") {
          const r = args[i + 1] ? resolveWord(args[++i]!, scope.cwd, ctx.home) : { why: "" };
          envScope = { cwd: "path" in r ? r.path : null, stack: [] };
        } else if (t === "-S" || t === "--split-string") {
          if (args[i + 1])
            await analyzeText([args[i + 1]!.text, ...args.slice(i + 2).map((a) => a.text)].join(" "), envScope, ctx);
          return;
        } else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) huskyAssign(t, text, ctx);
        else if (!t.startsWith("-") || t === "-") break;
      }
      if (i < args.length) await simpleCommand(args.slice(i), envScope, ctx, text);
      return;
    }
    case "export":
    case "declare":
    case "typeset":
    case "local":
    case "readonly":
      for (const a of args) huskyAssign(a.text, text, ctx);
      return;
    case "eval": {
      if (args.some((a) => a.substituted || a.params.length))
        ctx.out.unknown.push({ command: text, why: "eval runs a string known only when it runs" });
      else if (args.length)
        await analyzeText(args.map((a) => a.text).join(" "), { cwd: scope.cwd, stack: [...scope.stack] }, ctx);
      return;
    }
    case "xargs": {
      const { ops } = operandsUntilCommand(args, "aEeIiLlnPsd", [
        "arg-file",
        "delimiter",
        "eof",
        "replace",
        "max-lines",
        "max-args",
        "max-procs",
        "max-chars",
        "process-slot-var",
      ]);
      const cmd = ops.length ? ops : [plainWord("echo")];
      await simpleCommand(
        [...cmd, { ...plainWord("(xargs input)"), fromInput: true } as ShellWord],
        { cwd: scope.cwd, stack: [] },
        ctx,
        text,
      );
      return;
    }
    case "find":
      await findCommand(args, scope, ctx, text);
      return;
    case "git":
      gitCommand(args, scope, ctx, text);
      return;
  }
  if (SHELLS.has(name)) {
    const { ops, opts } = operands(args, "oO", []);
    if (!opts.has("c")) return;
    const script = ops[0];
    if (!script) return;
    if (script.substituted || script.params.length)
      ctx.out.unknown.push({ command: text, why: `${name} -c runs a string known only when it runs` });
    else await analyzeText(script.text, { cwd: scope.cwd, stack: [] }, ctx);
    return;
  }
  writer(name, args, scope, ctx, text);
}

/** Options of xargs and similar: they end at the first operand. */
function operandsUntilCommand(args: ShellWord[], withArg: string, longWithArg: string[]): { ops: ShellWord[] } {
  let i = 0;
  for (; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === "--") {
      i++;
      break;
    }
    if (!t.startsWith("-") || t === "-") break;
    if (t.startsWith("--")) {
      if (!t.includes("=") && longWithArg.includes(t.slice(2))) i++;
    } else if (t.length === 2 && withArg.includes(t[1]!)) i++;
  }
  return { ops: args.slice(i) };
}

function huskyAssign(text: string, command: string, ctx: Context): void {
  if (/^WF_TDD_BYPASS=./.test(text)) {
    ctx.out.unknown.push({
      command,
      why: "passes the gate with WF_TDD_BYPASS, which a human should agree to (it is logged in bypass.log)",
    });
    return;
  }
  const m = /^(HUSKY|HUSKY_SKIP_HOOKS|GIT_CONFIG_PARAMETERS)=(.*)$/.exec(text);
  if (!m) return;
  if (m[1] === "HUSKY" && m[2] !== "0") return;
  if (m[1] === "GIT_CONFIG_PARAMETERS") {
    if (/hookspath/i.test(m[2]!))
      ctx.out.bypasses.push({
        kind: "hooks_path",
        command,
        message: "GIT_CONFIG_PARAMETERS sets core.hooksPath, which points git away from the project's hooks",
      });
    return;
  }
  ctx.out.bypasses.push({ kind: "husky_off", command, message: `\`${text}\` turns the git hooks off` });
}

async function findCommand(args: ShellWord[], scope: Scope, ctx: Context, text: string): Promise<void> {
  let i = 0;
  const starts: ShellWord[] = [];
  for (; i < args.length; i++) {
    const t = args[i]!.text;
    if (t.startsWith("-") || t === "(" || t === "!" || t === "\\(") break;
    starts.push(args[i]!);
  }
  if (!starts.length) starts.push(plainWord("."));
  for (; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === "-delete") for (const s of starts) addTarget(s, scope, ctx, "find -delete", text, scope.cwd, true);
    else if (t === "-fprint" || t === "-fprint0" || t === "-fls" || t === "-fprintf") {
      if (args[i + 1]) addTarget(args[++i]!, scope, ctx, `find ${t}`, text);
      if (t === "-fprintf") i++;
    } else if (t === "-exec" || t === "-execdir" || t === "-ok" || t === "-okdir") {
      const cmd: ShellWord[] = [];
      for (i++; i < args.length && args[i]!.text !== ";" && args[i]!.text !== "+"; i++) {
        const w = args[i]!;
        if (w.text.includes("{}")) {
          // `{}` is each file found: judge it as any file below each starting point.
          for (const s of starts)
            cmd.push({ ...w, text: w.text.replaceAll("{}", join(s.text, "*")), params: [...w.params, ...s.params] });
        } else cmd.push(w);
      }
      if (cmd.length) await simpleCommand(cmd, { cwd: scope.cwd, stack: [] }, ctx, text);
    }
  }
}

/** git subcommands that move the branch or change the work tree of the checkout they run in. */
const CHECKOUT_CHANGES = new Set([
  "commit",
  "merge",
  "rebase",
  "cherry-pick",
  "revert",
  "am",
  "pull",
  "reset",
  "switch",
  "checkout",
  "stash",
]);

/** Resolves a `git -C <dir>` or keeps the folder. */
function gitCommand(args: ShellWord[], scope: Scope, ctx: Context, text: string): void {
  let cwd = scope.cwd;
  let i = 0;
  for (; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === "-c" || t === "--config-env") {
      const kv = args[++i]?.text ?? "";
      if (/^core\.hookspath(=|$)/i.test(kv))
        ctx.out.bypasses.push({
          kind: "hooks_path",
          command: text,
          message: `\`git ${t} ${kv}\` points git away from the project's hooks`,
        });
    } else if (/^--config-env=core\.hookspath/i.test(t))
      ctx.out.bypasses.push({
        kind: "hooks_path",
        command: text,
        message: `\`git ${t}\` points git away from the project's hooks`,
      });
    else if (t === "-C") {
      const w = args[++i];
      if (w) {
        const r = resolveWord(w, cwd, ctx.home);
        cwd = "path" in r ? r.path : null;
      }
    } else if (
      t === "--git-dir" ||
      t === "--work-tree" ||
      t === "--namespace" ||
      (t === "--exec-path" && !t.includes("="))
    ) {
      if (t !== "--exec-path") i++;
    } else if (!t.startsWith("-")) break;
  }
  const sub = args[i]?.text;
  const rest = args.slice(i + 1);
  if (!sub) return;
  if (cwd !== null && CHECKOUT_CHANGES.has(sub) && !(sub === "stash" && /^(list|show)$/.test(rest[0]?.text ?? "")))
    ctx.out.checkouts.push({ dir: cwd, sub, command: text });
  const add = (w: ShellWord, via: string) => addTarget(w, scope, ctx, via, text, cwd, true);
  const noVerify = rest.find((a) => a.text.length >= 6 && "--no-verify".startsWith(a.text));
  const hooksMessage = (flag: string) => `\`git ${sub} ${flag}\` skips the git hooks (the pre-commit gate)`;
  switch (sub) {
    case "commit": {
      // `-n` is --no-verify only for commit; -m/-F/-c/-C/-t take a value, so `-m "… -n …"` is a message.
      let short = false;
      for (let j = 0; j < rest.length; j++) {
        const t = rest[j]!.text;
        if (t === "--") break;
        if (/^-[^-]/.test(t)) {
          for (let k = 1; k < t.length; k++) {
            const c = t[k]!;
            if ("mFcCt".includes(c)) {
              if (k + 1 === t.length) j++;
              break;
            }
            if ("Su".includes(c)) break;
            if (c === "n") short = true;
          }
        } else if (
          /^--(message|file|reuse-message|reedit-message|template|fixup|squash|author|date|trailer|cleanup|pathspec-from-file)$/.test(
            t,
          )
        )
          j++;
      }
      if (noVerify) ctx.out.bypasses.push({ kind: "no_verify", command: text, message: hooksMessage(noVerify.text) });
      else if (short) ctx.out.bypasses.push({ kind: "no_verify", command: text, message: hooksMessage("-n") });
      return;
    }
    case "push":
    case "merge":
    case "am":
    case "rebase":
    case "cherry-pick":
    case "pull":
      if (noVerify) ctx.out.bypasses.push({ kind: "no_verify", command: text, message: hooksMessage(noVerify.text) });
      return;
    case "config": {
      const { ops, opts } = operands(rest, "f", ["file", "blob", "type", "default", "comment", "value"]);
      const words = ops.map((o) => o.text);
      const action = words[0] === "set" || words[0] === "unset" ? words.shift() : undefined;
      const keyAt = words.findIndex((w) => /^core\.hookspath$/i.test(w));
      if (keyAt < 0) return;
      const writes =
        action !== undefined ||
        words.length > keyAt + 1 ||
        ["unset", "unset-all", "add", "replace-all"].some((o) => opts.has(o));
      if (writes)
        ctx.out.bypasses.push({
          kind: "hooks_path",
          command: text,
          message: "`git config core.hooksPath` points git away from the project's hooks",
        });
      return;
    }
    case "checkout": {
      const dash = rest.findIndex((a) => a.text === "--");
      if (dash >= 0) for (const w of rest.slice(dash + 1)) add(w, "git checkout path");
      else {
        const { ops } = operands(rest, "bBp", ["orphan", "conflict", "pathspec-from-file"]);
        if (ops.length === 1 && ops[0]!.text === ".") add(ops[0]!, "git checkout path");
        else for (const w of ops.slice(1)) add(w, "git checkout path");
      }
      return;
    }
    case "restore": {
      const { ops, opts } = operands(rest, "s", ["source", "pathspec-from-file", "conflict"]);
      if ((opts.has("staged") || opts.has("S")) && !(opts.has("worktree") || opts.has("W"))) return;
      for (const w of ops) add(w, "git restore path");
      return;
    }
    case "rm": {
      const { ops, opts } = operands(rest, "", ["pathspec-from-file"]);
      if (opts.has("cached") || opts.has("n") || opts.has("dry-run")) return;
      for (const w of ops) add(w, "git rm path");
      return;
    }
    case "mv": {
      const { ops } = operands(rest);
      for (const w of ops) add(w, "git mv operand");
      return;
    }
    case "clean": {
      const { ops, opts } = operands(rest, "eX", ["exclude"]);
      if (!(opts.has("f") || opts.has("force")) || opts.has("n") || opts.has("dry-run")) return;
      for (const w of ops.length ? ops : [plainWord(".")]) add(w, "git clean");
      return;
    }
    case "reset":
      if (rest.some((a) => a.text === "--hard")) add(plainWord("."), "git reset --hard");
      return;
  }
}

/** Commands that write their operands, their destination, or a named option's value. */
function writer(name: string, args: ShellWord[], scope: Scope, ctx: Context, text: string): void {
  const add = (w: ShellWord, via: string, tree = false) => addTarget(w, scope, ctx, via, text, scope.cwd, tree);
  switch (name) {
    case "cp":
    case "mv":
    case "install":
    case "ln":
    case "rsync": {
      const spec: Record<string, [string, string[]]> = {
        cp: ["tS", ["target-directory", "suffix"]],
        mv: ["tS", ["target-directory", "suffix"]],
        install: ["tSmogC", ["target-directory", "suffix", "mode", "owner", "group"]],
        ln: ["tS", ["target-directory", "suffix"]],
        rsync: [
          "efTBM",
          [
            "rsh",
            "filter",
            "exclude",
            "include",
            "temp-dir",
            "partial-dir",
            "rsync-path",
            "exclude-from",
            "include-from",
            "files-from",
            "chmod",
            "chown",
          ],
        ],
      };
      const [withArg, long] = spec[name]!;
      const { ops, opts } = operands(args, withArg, long);
      if (name === "install" && opts.has("d")) {
        for (const w of ops) add(w, "install -d directory", true);
        return;
      }
      const dirOpt = opts.get("t")?.[0] ?? opts.get("target-directory")?.[0];
      let dest: ShellWord | undefined;
      let sources: ShellWord[];
      if (dirOpt !== undefined) {
        dest = plainWord(dirOpt);
        sources = ops;
      } else if (name === "ln" && ops.length === 1) {
        dest = plainWord(".");
        sources = ops;
      } else {
        dest = ops[ops.length - 1];
        sources = ops.slice(0, -1);
      }
      if (!dest) return;
      if (name === "rsync" && /^[^/]*:/.test(dest.text)) {
        ctx.out.unknown.push({ command: text, why: `rsync destination \`${dest.text}\` is on another machine` });
        return;
      }
      // Into a folder: the files written are the folder's entries named after the sources.
      const intoDir =
        dirOpt !== undefined || sources.length > 1 || dest.text.endsWith("/") || isDirWord(dest, scope, ctx);
      if (name === "rsync") add(dest, "rsync destination", true);
      else if (!intoDir || sources.some((s) => s.substituted || s.params.length))
        add(dest, `${name} destination`, intoDir);
      if (intoDir)
        for (const s of sources)
          if (!s.substituted && !s.params.length && s.text)
            add({ ...dest, text: join(dest.text, basename(s.text)) }, `${name} destination`);
      if (name === "mv" || (name === "rsync" && opts.has("remove-source-files")))
        for (const s of sources) add(s, `${name} source (removed)`);
      return;
    }
    case "rm":
    case "rmdir":
    case "unlink":
    case "shred":
    case "touch":
    case "mkdir":
    case "truncate":
    case "srm": {
      const withArg: Record<string, [string, string[]]> = {
        shred: ["ns", ["iterations", "size", "random-source"]],
        touch: ["drt", ["date", "reference", "time"]],
        mkdir: ["m", ["mode"]],
        truncate: ["sr", ["size", "reference"]],
      };
      const [short, long] = withArg[name] ?? ["", []];
      for (const w of operands(args, short, long).ops)
        add(w, `${name} operand`, name === "rm" || name === "rmdir" || name === "shred" || name === "srm");
      return;
    }
    case "chmod":
    case "chown":
    case "chgrp": {
      const words: ShellWord[] = [];
      let reference = false;
      let valueSeen = false;
      for (const w of args) {
        if (w.text.startsWith("--reference")) reference = true;
        // `chmod -x file`: a mode that looks like an option.
        if (name === "chmod" && !valueSeen && /^-[rwxXst]+$/.test(w.text)) {
          valueSeen = true;
          continue;
        }
        words.push(w);
      }
      const { ops } = operands(words);
      const files = reference || valueSeen ? ops : ops.slice(1);
      for (const w of files) add(w, `${name} operand`, true);
      return;
    }
    case "sed": {
      let inPlace = false;
      let script = false;
      const files: ShellWord[] = [];
      for (let i = 0; i < args.length; i++) {
        const t = args[i]!.text;
        if (t.startsWith("--in-place")) inPlace = true;
        else if (t === "--expression" || t === "--file") {
          script = true;
          i++;
        } else if (t.startsWith("--expression=") || t.startsWith("--file=")) script = true;
        else if (/^-[^-]/.test(t)) {
          for (let k = 1; k < t.length; k++) {
            const c = t[k]!;
            if (c === "i") {
              inPlace = true;
              break;
            }
            if ("efl".includes(c)) {
              if (c !== "l") script = true;
              if (k + 1 === t.length) i++;
              break;
            }
          }
        } else files.push(args[i]!);
      }
      if (!inPlace) return;
      for (const w of script ? files : files.slice(1)) add(w, "sed -i file");
      return;
    }
    case "perl": {
      let inPlace = false;
      let script = false;
      const files: ShellWord[] = [];
      for (let i = 0; i < args.length; i++) {
        const t = args[i]!.text;
        if (t === "--") {
          files.push(...args.slice(i + 1));
          break;
        }
        if (/^-[^-]/.test(t)) {
          for (let k = 1; k < t.length; k++) {
            const c = t[k]!;
            if (c === "i") {
              inPlace = true;
              break;
            }
            if (c === "e" || c === "E") {
              script = true;
              if (k + 1 === t.length) i++;
              break;
            }
            if ("MmIxCdDl".includes(c)) break;
          }
        } else files.push(args[i]!);
      }
      if (!inPlace) return;
      for (const w of script ? files : files.slice(1)) add(w, "perl -i file");
      return;
    }
    case "tee":
      for (const w of operands(args).ops) add(w, "tee file");
      return;
    case "dd":
      for (const w of args) if (w.text.startsWith("of=")) add({ ...w, text: w.text.slice(3) }, "dd of=");
      return;
    case "tar": {
      const words = [...args];
      // `tar xzf a.tgz`: the first word is a bundle of options.
      if (words[0] && !words[0].text.startsWith("-")) words[0] = { ...words[0], text: `-${words[0].text}` };
      const { opts } = operands(words, "fCbHKNTVX", [
        "file",
        "directory",
        "exclude",
        "transform",
        "owner",
        "group",
        "mode",
        "files-from",
        "exclude-from",
      ]);
      const file = opts.get("f")?.[0] ?? opts.get("file")?.[0];
      const dir = opts.get("C")?.[0] ?? opts.get("directory")?.[0];
      if (opts.has("x") || opts.has("extract") || opts.has("get")) add(plainWord(dir ?? "."), "tar -x into", true);
      else if (
        (opts.has("c") || opts.has("create") || opts.has("r") || opts.has("u") || opts.has("append")) &&
        file &&
        file !== "-"
      )
        add(plainWord(dir && !isAbsolute(file) ? file : file), "tar archive");
      return;
    }
    case "unzip": {
      const { opts } = operands(args, "dx", []);
      add(plainWord(opts.get("d")?.[0] ?? "."), "unzip into", true);
      return;
    }
  }
}

function isDirWord(w: ShellWord, scope: Scope, ctx: Context): boolean {
  const r = resolveWord(w, scope.cwd, ctx.home);
  if (!("path" in r)) return false;
  try {
    return statSync(r.path).isDirectory();
  } catch {
    return false;
  }
}
