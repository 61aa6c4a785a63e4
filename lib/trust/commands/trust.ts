import { relative } from "node:path";
import { defineCommand } from "../../core/command.ts";
import { usageError } from "../../core/errors.ts";
import { assessPath, combine, evaluateTask, explainPath, orderText } from "../evaluate.ts";
import { LEVELS, type PathAssessment, type TaskEvaluation } from "../model.ts";
import { readStream } from "../../util/read-stream.ts";
import { argPath, trustModel, yesNo } from "./context.ts";
import type { CommandReport } from "../hook-claude.ts";
import batch from "./batch.ts";
import hook from "./hook.ts";

const ASSESSMENT = "{path, level, auto_approve, supervision, reason, matched, escalation, forbidden}";
const TASK = "{task_type, level, auto_approve, supervision, reason, escalation, warning?}";
const path = { type: "positional", required: true, description: "A path, relative to the current folder" } as const;

const level = defineCommand({
  meta: {
    name: "level",
    description: "Print a path's trust level: high, medium or low",
    details: "JSON: {path, level, matched}",
    examples: ["wf-task trust level src/Security/AuthService.php"],
  },
  args: { path },
  async run(ctx) {
    const model = await trustModel(ctx);
    const a = assessPath(model, argPath(ctx, model, ctx.args.path));
    ctx.emit({ path: a.path, level: a.level, matched: a.matched }, a.level);
  },
});

const autoApprove = defineCommand({
  meta: {
    name: "auto-approve",
    description: "Exit 0 when an agent may change the path without approval (high trust), 1 otherwise",
    details: "Prints yes or no. JSON: {path, auto_approve, level}. trust.autoApprove: false makes every answer no.",
    examples: ["wf-task trust auto-approve tests/Unit/UserTest.php && echo ok"],
  },
  args: { path },
  async run(ctx) {
    const model = await trustModel(ctx);
    const a = assessPath(model, argPath(ctx, model, ctx.args.path));
    ctx.emit({ path: a.path, auto_approve: a.auto_approve, level: a.level }, yesNo(a.auto_approve));
    return a.auto_approve ? 0 : 1;
  },
});

const supervision = defineCommand({
  meta: {
    name: "supervision",
    description: "Print the supervision a path needs: minimal, code_review_required or pair_programming",
    details: "JSON: {path, supervision, level}",
  },
  args: { path },
  async run(ctx) {
    const model = await trustModel(ctx);
    const a = assessPath(model, argPath(ctx, model, ctx.args.path));
    ctx.emit({ path: a.path, supervision: a.supervision, level: a.level }, a.supervision);
  },
});

const task = defineCommand({
  meta: {
    name: "task",
    description: "Evaluate a task type: level, auto-approval, supervision, reason",
    details: `An unknown type gets the default level and a warning on stderr. JSON: ${TASK}`,
    examples: ["wf-task trust task unit_tests", "wf-task trust task payment --json"],
  },
  args: {
    type: {
      type: "positional",
      required: true,
      description: "Task type, e.g. unit_tests, feature_implementation, payment",
    },
  },
  async run(ctx) {
    const model = await trustModel(ctx);
    const t = evaluateTask(model, ctx.args.type);
    if (t.warning) ctx.warn(`warning: ${t.warning}`);
    ctx.emit(t, () => taskText(t));
  },
});

const assess = defineCommand({
  meta: {
    name: "assess",
    description: "Assess paths (and a task type): File, Trust Level, Auto-approve, Supervision, Reason",
    details: [
      `JSON: {files: [${ASSESSMENT}], task: ${TASK} | null,`,
      "       overall: {level, auto_approve, supervision, escalation, reason}}",
      "overall is the level with the highest priority among the files and the task (the most restrictive by default);",
      "overall.auto_approve is true only when every file and the task auto-approve. Exit 0.",
      "With `-` as the only path, the paths are read from stdin, one per line.",
    ].join("\n"),
    examples: [
      "wf-task trust assess src/auth/login.ts tests/login.test.ts",
      "wf-task trust assess --task payment src/billing/invoice.ts --json",
      "git diff --name-only main | wf-task trust assess -",
    ],
  },
  args: {
    paths: {
      type: "positional",
      multiple: true,
      description: "Paths, relative to the current folder (`-`: read them from stdin)",
    },
    task: {
      type: "string",
      description: "Also evaluate this task type; the most restrictive of both wins",
      valueHint: "type",
    },
  },
  async run(ctx) {
    let paths = ctx.args.paths;
    if (paths.length === 1 && paths[0] === "-") {
      paths = (await readStream(ctx.stdin))
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
    }
    if (!paths.length && !ctx.args.task)
      throw usageError("expected at least one path or --task <type>", "wf-task trust assess <path…> [--task <type>]");
    const model = await trustModel(ctx);
    const files = paths.map((p) => assessPath(model, argPath(ctx, model, p)));
    const t = ctx.args.task ? evaluateTask(model, ctx.args.task) : undefined;
    if (t?.warning) ctx.warn(`warning: ${t.warning}`);
    const overall = combine(model, files, t);
    ctx.emit({ files, task: t ?? null, overall }, () => {
      const blocks = files.map(fileText);
      if (t) blocks.push(taskText(t));
      if (files.length + (t ? 1 : 0) > 1)
        blocks.push(
          `Overall: ${overall.level} — auto-approve ${yesNo(overall.auto_approve)}, ${overall.supervision}\n  decided by ${overall.reason}`,
        );
      return blocks.join("\n\n");
    });
  },
});

const COMMAND_JSON =
  "{command, cwd, decision: allow|ask|deny|null, reason, parsed, unreadable, targets: [{path, written, via, " +
  "command, real_path, level, matched, forbidden, guard, decision, reason}], unknown: [{command, why}], " +
  "bypasses: [{kind, command, message}]}";

const explain = defineCommand({
  meta: {
    name: "explain",
    description: "Show every rule that matches a path (or each file a shell command writes), and why the winner won",
    details: [
      `JSON: ${ASSESSMENT.slice(0, -1)}, matches: [{level, pattern, reason, source, priority, forbidden}], why, priorities, base}`,
      "--command '<cmd>': what the PreToolUse hook sees in a Bash command, run from the current folder: each file it writes",
      "(its level, the rule that matched, the decision), the writes known only at run time, the bypasses, and the hook's decision",
      "(null: no answer, Claude Code decides). Exit 0.",
      `--command --json: ${COMMAND_JSON}`,
    ].join("\n"),
    examples: [
      "wf-task trust explain tests/auth/login.test.ts",
      "wf-task trust explain --command 'cd src && sed -i s/a/b/ auth/login.ts'",
    ],
  },
  args: {
    path: { type: "positional", description: "A path, relative to the current folder" },
    command: {
      type: "string",
      description: "Explain a shell command instead: the files it writes and the hook's decision",
      valueHint: "cmd",
    },
  },
  async run(ctx) {
    if (ctx.args.command !== undefined) {
      if (ctx.args.path !== undefined)
        throw usageError(
          "give a path or --command, not both",
          "wf-task trust explain <path> | wf-task trust explain --command '<cmd>'",
        );
      const model = await trustModel(ctx);
      const { explainCommand } = await import("../hook-claude.ts");
      const { verdicts: _verdicts, ...report } = await explainCommand(
        model,
        ctx.args.command,
        ctx.cwd,
        ctx.env.HOME ?? "/",
      );
      ctx.emit(report, () => commandText(report));
      return;
    }
    if (ctx.args.path === undefined)
      throw usageError(
        "expected a path or --command '<cmd>'",
        "wf-task trust explain <path> | wf-task trust explain --command '<cmd>'",
      );
    const model = await trustModel(ctx);
    const e = explainPath(model, argPath(ctx, model, ctx.args.path));
    ctx.emit(e, () => {
      const info = model.levels[e.level];
      const escalation = e.escalation ? `, escalation${info.escalate_to ? ` to ${info.escalate_to}` : ""}` : "";
      const review = info.require_human_review ? ", human review required" : "";
      const lines = [
        `${e.path} → ${e.level} (auto-approve ${yesNo(e.auto_approve)}, ${e.supervision}${escalation}${review})`,
      ];
      if (e.matches.length) {
        lines.push("", "Matching rules:");
        const width = Math.max(...e.matches.map((m) => m.pattern.length));
        let marked = false;
        for (const m of e.matches) {
          const winner =
            !marked && m.pattern === e.matched && m.forbidden === e.forbidden && (e.forbidden || m.level === e.level);
          if (winner) marked = true;
          const label = m.forbidden ? "forbid" : m.level;
          lines.push(
            `  ${winner ? "▶" : " "} ${label.padEnd(6)} ${m.pattern.padEnd(width)}  ${m.reason ?? ""}${m.reason ? "  " : ""}[${m.source}]`,
          );
        }
      } else lines.push("", "No rule matches.");
      lines.push("", `Why: ${e.why}`);
      lines.push(`Order: ${orderText(model)}`);
      lines.push(`Model: ${baseText(model)} + the config's trust section`);
      return lines.join("\n");
    });
  },
});

function commandText(r: Omit<CommandReport, "verdicts">): string {
  const lines = [`Command: ${r.command}`];
  if (r.unreadable) lines.push(`Could not be parsed: ${r.unreadable}`);
  if (r.targets.length) {
    lines.push("", "Writes:");
    for (const t of r.targets) {
      const real = t.real_path ? ` → ${t.real_path}` : "";
      const level = t.guard
        ? `guard ${t.guard}`
        : t.level
          ? `${t.level}${t.forbidden ? " (forbidden)" : ""}`
          : "outside";
      lines.push(
        `  ${t.decision.padEnd(5)} ${t.path}${real}  [${t.via}]  ${level}${t.matched ? `, rule ${t.matched}` : ""}`,
      );
    }
  } else if (!r.unreadable) lines.push("", "Writes: none found");
  if (r.unknown.length) {
    lines.push("", "Known only when it runs:");
    for (const u of r.unknown) lines.push(`  ask   ${u.command}: ${u.why}`);
  }
  if (r.bypasses.length) {
    lines.push("", "Bypasses:");
    for (const b of r.bypasses) lines.push(`  deny  ${b.message}`);
  }
  lines.push("", `Decision: ${r.decision ?? "none (left to Claude Code)"}${r.reason ? `\n  ${r.reason}` : ""}`);
  return lines.join("\n");
}

const show = defineCommand({
  meta: {
    name: "show",
    description:
      "Print the trust model in effect: levels, rules and where each came from (--yaml: as trust_model.yaml)",
    details:
      "JSON: {version, base: {kind, path?}, defaultLevel, caseSensitive, autoApprove, priorities, " +
      "levels: {high|medium|low: {description, auto_approve, supervision, escalation}}, rules: [{level, kind, value, " +
      "reason, source}], forbidden: [pattern], warnings: []}",
  },
  args: { yaml: { type: "boolean", description: "Print the model as the bash workflow's trust_model.yaml" } },
  async run(ctx) {
    const model = await trustModel(ctx);
    if (ctx.args.yaml) {
      const { modelToYaml } = await import("../serialize.ts");
      ctx.stdout.write(await modelToYaml(model));
      return;
    }
    const rules = model.rules.map((r) => ({
      level: r.level,
      kind: r.kind,
      value: r.value,
      reason: r.reason ?? null,
      source: r.source,
    }));
    const data = {
      version: model.version,
      base: model.base,
      defaultLevel: model.defaultLevel,
      caseSensitive: model.caseSensitive,
      autoApprove: model.autoApprove,
      priorities: model.priorities,
      levels: model.levels,
      rules,
      forbidden: model.forbidden.map((r) => r.value),
      warnings: model.warnings,
    };
    ctx.emit(data, () => {
      const lines = [
        `Model: ${baseText(model)} + the config's trust section`,
        `Default level: ${model.defaultLevel} · ${orderText(model)} · ${model.caseSensitive ? "case-sensitive" : "case-insensitive"}`,
      ];
      for (const lvl of LEVELS) {
        const info = model.levels[lvl];
        lines.push(
          "",
          `${lvl}: ${info.description} — auto-approve ${yesNo(model.autoApprove && info.auto_approve)}, ` +
            `${info.supervision}${info.escalation ? ", escalation" : ""}`,
        );
        const pats = rules.filter((r) => r.level === lvl && r.kind === "pattern").map((r) => r.value);
        const types = rules.filter((r) => r.level === lvl && r.kind === "task_type").map((r) => r.value);
        if (pats.length) lines.push(`  patterns: ${pats.join("  ")}`);
        if (types.length) lines.push(`  task types: ${types.join(", ")}`);
      }
      if (data.forbidden.length) lines.push("", `forbidden: ${data.forbidden.join("  ")}`);
      return lines.join("\n");
    });
  },
});

function baseText(model: { root: string; base: { kind: string; path?: string } }): string {
  const base = model.base;
  return base.kind === "file"
    ? relative(model.root, base.path!) || base.path!
    : base.kind === "built-in"
      ? "built-in default"
      : "no base (trust.replaceDefaults)";
}

function fileText(a: PathAssessment): string {
  return [
    `File: ${a.path}`,
    `Trust Level: ${a.level}`,
    `Auto-approve: ${yesNo(a.auto_approve)}`,
    `Supervision: ${a.supervision}`,
    `Reason: ${a.reason}`,
  ].join("\n");
}

function taskText(t: TaskEvaluation): string {
  return [
    `Task: ${t.task_type}`,
    `Trust Level: ${t.level}`,
    `Auto-approve: ${yesNo(t.auto_approve)}`,
    `Supervision: ${t.supervision}`,
    `Reason: ${t.reason}`,
  ].join("\n");
}

/** `wf-task trust`: trust levels of paths and task types, and the agents' permission hook. */
export default defineCommand({
  meta: {
    name: "trust",
    description: "Trust level, auto-approval and supervision of paths and task types",
    details: [
      "Levels: high (auto-approve, minimal supervision), medium (code_review_required), low (pair_programming, escalation).",
      "The model: .ai/workflow/trust_model.yaml when present, else the built-in default; then the config's `trust` section.",
      "Patterns are gitignore-like: no `/` → any folder or file name at any depth; a `/` inside or in front anchors at the root;",
      "a trailing `/` means a folder; `*` and `?` stay within a name, `**` spans folders; case-insensitive unless trust.caseSensitive.",
      "When several levels match, the most restrictive wins (low > medium > high) unless trust.priorities says otherwise.",
    ].join("\n"),
  },
  subCommands: { level, "auto-approve": autoApprove, supervision, task, assess, explain, batch, hook, show },
});
