import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { DemoStep } from "./_context.ts";

const CART = `import { Price } from "./price.ts";

/** A shopping cart: lines, totals and discounts. */
export class Cart {
  private readonly lines = new Map<string, { price: Price; quantity: number }>();

  /** Adds a product, or bumps its quantity. */
  add(sku: string, price: Price, quantity = 1): this {
    const line = this.lines.get(sku);
    if (line) line.quantity += quantity;
    else this.lines.set(sku, { price, quantity });
    return this;
  }

  /** The total in cents, after the discount. */
  total(discountPercent = 0): number {
    let sum = 0;
    for (const { price, quantity } of this.lines.values()) sum += price.cents * quantity;
    return Math.round(sum * (1 - discountPercent / 100));
  }
}
`;

const step: DemoStep = (demo) => {
  demo.heading("7. Context and compound learning: lean context, rules the next session reads");
  mkdirSync(join(demo.dir, "src"), { recursive: true });
  writeFileSync(join(demo.dir, "src/cart.ts"), CART);
  writeFileSync(join(demo.dir, "src/price.ts"), "export interface Price {\n  cents: number;\n  currency: string;\n}\n");
  writeFileSync(
    join(demo.dir, "src/user.ts"),
    "export function greet(name: string): string {\n  return `hello ${name}`;\n}\n",
  );
  demo.sh("git", ["add", "-A"], { echo: false });
  demo.sh("git", ["commit", "-qm", "cart and price"], { echo: false });
  demo.say("The structure of a file, bodies elided (TypeScript parsed lazily with the project's own compiler):");
  demo.wf(["context", "skeleton", "src/cart.ts"], { expect: 0 });
  demo.wf(["context", "tokens", "src"], { expect: 0 });
  demo.say("\nHow full is the context? From a Claude Code transcript (the hook's transcript_path):");
  const transcript = join(demo.dir, ".demo-transcript.jsonl");
  const userLine = {
    type: "user",
    isSidechain: false,
    message: { role: "user", content: "Add discounts to the cart" },
  };
  const assistantLine = {
    type: "assistant",
    isSidechain: false,
    message: {
      role: "assistant",
      model: "claude-sonnet-4-5",
      content: [{ type: "text", text: "Done." }],
      usage: { input_tokens: 8, cache_creation_input_tokens: 2400, cache_read_input_tokens: 83600, output_tokens: 310 },
    },
  };
  writeFileSync(transcript, `${JSON.stringify(userLine)}\n${JSON.stringify(assistantLine)}\n`);
  demo.wf(["context", "usage", "--transcript", transcript], { expect: 0 });
  demo.wf(["context", "should-clear", "--transcript", transcript], { expect: 0 });
  demo.say("\nWhich files matter for a task, and why:");
  demo.wf(["context", "rank", "cart discount total", "--limit", "3"], { expect: 0 });
  demo.wf(["context", "pack", "cart discount total", "--budget", "400", "--out", ".ai/context.md"], { expect: 0 });
  demo.say("\nA bug is fixed; the lesson becomes a rule in CLAUDE.md (only the managed section changes):");
  writeFileSync(join(demo.dir, "CLAUDE.md"), "# Shop\nTeam notes stay as they are.\n");
  demo.wf(
    [
      "compound",
      "capture",
      "bug",
      "Discount rounding lost a cent",
      "Round once, at the end",
      "Round money once, at the end, in cents",
    ],
    { expect: 0 },
  );
  demo.sh("cat", ["CLAUDE.md"]);
  demo.say("\nEvents feed the metrics (first-pass rate, context reuse, regression rate):");
  demo.wf(["compound", "track", "session_started", '{"session":"s1","resumed":true}'], { expect: 0 });
  demo.wf(["compound", "track", "task_completed", '{"task":"BE-002","files":["src/cart.ts"]}'], { expect: 0 });
  demo.wf(["compound", "metrics"], { expect: 0 });
};
export default step;
