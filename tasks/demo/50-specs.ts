import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { DemoStep } from "./_context.ts";

const ANSWERS = `name: Shopping cart
priority: high
goal: Let shoppers collect products and see the total before paying
users: Shoppers on the web shop
acceptance_criteria:
  - The total always matches the items in the cart
apis: [GET /cart, POST /cart/items]
constraints: [The cart answers within 100 ms]
similar_features: [wishlist]
risks: [Prices change while items sit in the cart]
requirements:
  - title: Add a product to the cart
    acceptance_criteria: [The item shows in the cart with its price]
  - title: Show the cart total
    acceptance_criteria: [The total is the sum of the item prices]
`;

const step: DemoStep = (demo) => {
  demo.heading("5. Specs: an interview writes a spec; validate, tasks, compliance");
  writeFileSync(join(demo.dir, "answers.yaml"), ANSWERS);
  demo.wf(["interview", "shop-cart", "--answers", "answers.yaml"], { expect: 0 });
  demo.wf(["spec", "validate", "shop-cart"], { expect: 0 });

  demo.say("\nA teammate's edit with a typo and an unknown priority: the errors say where and what is allowed.");
  const spec = readFileSync(join(demo.dir, ".ai/project/features/shop-cart/spec.yaml"), "utf8");
  writeFileSync(
    join(demo.dir, "broken-spec.yaml"),
    spec.replace("priority: high\n  status", "priority: urgent\n  status").replace("objective:", "objectve:"),
  );
  demo.wf(["spec", "validate", "broken-spec.yaml"], { expect: 1 });

  demo.wf(["spec", "tasks", "shop-cart"], { expect: 0 });

  demo.say("\nOne requirement has code and a test that name it; the other has neither yet.");
  mkdirSync(join(demo.dir, "src"), { recursive: true });
  mkdirSync(join(demo.dir, "test"), { recursive: true });
  writeFileSync(
    join(demo.dir, "src/cart.ts"),
    "// FR-101: add a product to the cart\nexport function add(cart: string[], item: string) { return [...cart, item]; }\n",
  );
  writeFileSync(
    join(demo.dir, "test/cart.test.ts"),
    'test("FR-101: adding a product puts it in the cart", () => {});\n',
  );
  demo.wf(["spec", "check", "shop-cart"], { expect: 1 });
  writeFileSync(
    join(demo.dir, "src/total.ts"),
    "// FR-102\nexport const total = (prices: number[]) => prices.reduce((a, b) => a + b, 0);\n",
  );
  writeFileSync(join(demo.dir, "test/total.test.ts"), "// @covers FR-102\n");
  demo.wf(["spec", "check", "shop-cart", "--json"], { expect: 0 });
};
export default step;
