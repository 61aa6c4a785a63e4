import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { DemoStep } from "./_context.ts";

const step: DemoStep = (demo) => {
  demo.heading("6. TDD at commit time: tests exist, test-first order, no deleted or weakened tests");
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(demo.dir, path)), { recursive: true });
    writeFileSync(join(demo.dir, path), text);
  };
  const cli = join(process.cwd(), "dist/cli.js");
  demo.wf(["hooks", "install", "--git", "--command", `node ${cli} precommit`], { expect: 0 });

  demo.say("\nAn agent writes code first and tries to commit it:");
  write("src/User.php", "<?php\nfinal class User {\n  public function __construct(public string $name) {}\n}\n");
  demo.sh("git", ["add", "src/User.php"]);
  const blocked = demo.sh("git", ["commit", "-q", "-m", "Add User"]);
  if (blocked.code === 0) throw new Error("the commit without a test went through");

  demo.say("\nThe test goes in first (here: in the same commit), and the commit passes:");
  demo.wf(["tdd", "check", "src/User.php"], { expect: 1 });
  write(
    "tests/Unit/UserTest.php",
    "<?php\n" +
      "final class UserTest extends TestCase {\n" +
      "  public function testName(): void { $this->assertSame('ada', (new User('ada'))->name); }\n" +
      "  public function testEmpty(): void { $this->assertSame('', (new User(''))->name); }\n" +
      "}\n",
  );
  demo.sh("git", ["add", "tests/Unit/UserTest.php"]);
  const allowed = demo.sh("git", ["commit", "-q", "-m", "Add User with its test"]);
  if (allowed.code !== 0) throw new Error("the commit with its test was blocked");
  demo.wf(["tdd", "check", "src/User.php"], { expect: 0 });

  demo.say("\nDeleting a failing test to get green is blocked:");
  rmSync(join(demo.dir, "tests/Unit/UserTest.php"));
  demo.sh("git", ["add", "-A"]);
  const deleted = demo.sh("git", ["commit", "-q", "-m", "Remove flaky test"]);
  if (deleted.code === 0) throw new Error("the test deletion went through");
  demo.wf(["tdd", "deletions", "--staged"], { expect: 1 });
  demo.sh("git", ["reset", "-q", "--hard", "HEAD"], { echo: false });

  demo.say("\nOrder from history: the test came with the code (compliant); code committed before its test is flagged:");
  demo.wf(["tdd", "order", "src/User.php"], { expect: 0 });
  const base = demo.sh("git", ["rev-parse", "--short", "HEAD"], { echo: false }).stdout.trim();
  write("src/Order.php", "<?php\nfinal class Order {}\n");
  demo.sh("git", ["add", "src/Order.php"], { echo: false });
  demo.sh("git", ["commit", "-q", "--no-verify", "-m", "Order, code first"]);
  write(
    "tests/Unit/OrderTest.php",
    "<?php\nfinal class OrderTest extends TestCase {\n  public function testMake(): void { $this->assertInstanceOf(Order::class, new Order()); }\n}\n",
  );
  demo.sh("git", ["add", "tests/Unit/OrderTest.php"], { echo: false });
  demo.sh("git", ["commit", "-q", "-m", "Order test, afterwards"], { echo: false });
  demo.wf(["tdd", "order", "--range", `${base}..HEAD`], { expect: 1 });
  demo.wf(["hooks", "uninstall"], { expect: 0 });
};
export default step;
