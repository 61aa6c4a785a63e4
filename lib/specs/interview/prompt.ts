import type { Readable, Writable } from "node:stream";
import { checkAnswer, type Answers, type Question } from "./questions.ts";

/** Asks one line; resolves undefined when the input ends (Ctrl-D) or is interrupted (Ctrl-C). */
export interface LineAsker {
  ask(prompt: string): Promise<string | undefined>;
  /** Why the input stopped: "eof" (Ctrl-D / end of input) or "interrupt" (Ctrl-C). */
  readonly stopped: "eof" | "interrupt" | undefined;
  close(): void;
}

/** A readline asker on a terminal (or any stream). */
export async function terminalAsker(input: Readable, output: Writable): Promise<LineAsker> {
  const { createInterface } = await import("node:readline");
  const rl = createInterface({ input, output, terminal: Boolean((output as { isTTY?: boolean }).isTTY) });
  let stopped: "eof" | "interrupt" | undefined;
  const waiting = new Set<(value: undefined) => void>();
  rl.on("SIGINT", () => {
    stopped = "interrupt";
    rl.close();
  });
  rl.on("close", () => {
    stopped ??= "eof";
    for (const resolve of waiting) resolve(undefined);
    waiting.clear();
  });
  return {
    get stopped() {
      return stopped;
    },
    ask(prompt) {
      if (stopped) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        waiting.add(resolve);
        rl.question(prompt, (answer) => {
          waiting.delete(resolve);
          resolve(answer);
        });
      });
    },
    close() {
      if (!stopped) stopped = "eof";
      rl.close();
    },
  };
}

/** The text shown for a question: the prompt, the choices, the default in brackets. */
export function promptText(question: Question, fallback: string | string[] | undefined): string {
  const choices = question.choices ? ` (${question.choices.join("|")})` : "";
  const shown = Array.isArray(fallback) ? fallback.join("; ") : fallback;
  const hint = question.kind === "list" ? "\n  one per line, an empty line to finish" : "";
  return `${question.prompt}${choices}${shown ? ` [${shown}]` : ""}${hint}${question.kind === "list" ? "\n  - " : ": "}`;
}

/**
 * Asks one question until the answer is acceptable: re-asks (saying why) on bad input, takes
 * the default on an empty answer. Resolves undefined when the input stops.
 */
export async function askQuestion(
  asker: LineAsker,
  question: Question,
  fallback: string | string[] | undefined,
  say: (text: string) => void,
): Promise<string | string[] | undefined> {
  if (question.kind !== "list") {
    for (;;) {
      const raw = await asker.ask(promptText(question, fallback));
      if (raw === undefined) return undefined;
      if (!raw.trim()) {
        if (fallback !== undefined && fallback !== "" && !question.required) return fallback;
        if (!question.required && fallback === "") return "";
        say("  an answer is needed here");
        continue;
      }
      const checked = checkAnswer(question, raw);
      if (checked.ok) return checked.value;
      say(`  ${checked.reason}; try again`);
    }
  }
  const items: string[] = [];
  let prompt = promptText(question, fallback);
  for (;;) {
    const raw = await asker.ask(prompt);
    if (raw === undefined) return undefined;
    prompt = "  - ";
    if (!raw.trim()) return items.length ? items : ((fallback as string[] | undefined) ?? []);
    const checked = checkAnswer(question, raw);
    if (checked.ok) items.push(checked.value);
    else say(`  ${checked.reason}; try again`);
  }
}

/** Asks every question not already answered; undefined when the input stops. */
export async function askMissing(
  asker: LineAsker,
  questions: readonly Question[],
  feature: string,
  answers: Answers,
  say: (text: string) => void,
): Promise<Answers | undefined> {
  const out: Record<string, unknown> = { ...answers };
  for (const question of questions) {
    if (out[question.key] !== undefined) continue;
    const fallback = question.default?.({ feature, answers: out as Answers });
    const value = await askQuestion(asker, question, fallback, say);
    if (value === undefined) return undefined;
    if (value !== "" && !(Array.isArray(value) && value.length === 0)) out[question.key] = value;
  }
  return out as Answers;
}
