import { defineCommand } from "../../core/command.ts";
import { decided, modelPath } from "../evaluate.ts";
import { modelMatcher } from "../matcher.ts";
import { readStream } from "../../util/read-stream.ts";
import { argPath, trustModel } from "./context.ts";

/** `wf-task trust batch`: one result per path read from stdin, the fast path for scripts and hooks. */
export default defineCommand({
  meta: {
    name: "batch",
    description: "Assess paths read from stdin (one per line, or NUL-separated with -z): one result per path",
    details: [
      "Output, one line per path in input order:",
      "  TSV (default): path<TAB>level<TAB>auto_approve (true|false)<TAB>supervision<TAB>matched pattern (- when none)",
      "  --json: JSON lines, each {path, level, auto_approve, supervision, reason, matched, escalation, forbidden}",
      "With -z, TSV records end with NUL instead of a newline. Empty lines are skipped. Exit 0.",
    ].join("\n"),
    examples: ["git diff --name-only main | wf-task trust batch", "git ls-files -z | wf-task trust batch -z --json"],
  },
  args: {
    zero: { type: "boolean", alias: "z", description: "Paths are NUL-separated (and TSV records NUL-terminated)" },
  },
  async run(ctx) {
    const model = await trustModel(ctx);
    const text = await readStream(ctx.stdin);
    const paths = text.split(ctx.args.zero ? "\0" : /\r?\n/);
    const end = ctx.args.zero && !ctx.json ? "\0" : "\n";
    const out: string[] = [];
    // All but the path is the deciding rule's: its text after the path, made once per rule.
    const tails: (string | undefined)[] = [];
    const tail = (index: number) => {
      const a = decided(model, "", index);
      return (tails[index + 1] = ctx.json
        ? JSON.stringify(a).slice('{"path":""'.length)
        : `\t${a.level}\t${a.auto_approve}\t${a.supervision}\t${a.matched ?? "-"}`);
    };
    const fold = !model.caseSensitive;
    const matcher = modelMatcher(model);
    for (const raw of paths) {
      if (!raw) continue;
      const path = modelPath(model, argPath(ctx, model, raw));
      const index = matcher.first(fold ? path.toLowerCase() : path);
      const rest = tails[index + 1] ?? tail(index);
      out.push(ctx.json ? `{"path":${JSON.stringify(path)}${rest}` : path + rest);
      if (out.length >= 4096) {
        ctx.stdout.write(out.join(end) + end);
        out.length = 0;
      }
    }
    if (out.length) ctx.stdout.write(out.join(end) + end);
  },
});
