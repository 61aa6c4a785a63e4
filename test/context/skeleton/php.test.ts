import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { skeletonOf } from "../../../lib/context/skeleton.ts";
import { ROOT } from "../../_support/index.ts";

const source = readFileSync(join(ROOT, "test/context/fixtures/Repository.php"), "utf8");
const test = suite("phpSkeleton");

test("keeps namespace, uses, classes, properties, constants, cases and method signatures", async () => {
  const out = (await skeletonOf(source, "Repository.php")).split("\n");
  for (const line of [
    "<?php",
    "declare(strict_types=1);",
    "namespace App\\Orders;",
    "use Psr\\Log\\LoggerInterface as Logger;",
    "const MAX_ITEMS = 100;",
    "/** Orders kept in a store. */",
    '#[Entity(table: "orders")]',
    "final class Repository extends BaseRepository implements \\Countable {",
    "    use LogsQueries;",
    "    public const VERSION = '1.0';",
    "    private array $cache = [];",
    "    protected static ?self $instance = null;",
    "    private string $template = …;",
    "    public function __construct(private Store $store, private ?Logger $logger = null) { … }",
    "    /** Finds an order by id. */",
    "    public function find(int $id): ?Order { … }",
    "    public static function instance(): static { … }",
    "    abstract protected function validate(Order $order): bool;",
    "    public function count(): int { … }",
    "interface Store {",
    "    public function get(int $id): ?Order;",
    "    public function put(Order $order, array $options = []): void;",
    "enum Status: string {",
    "    case Open = 'open';",
    "    public function label(): string { … }",
    "trait LogsQueries {",
    "    protected function log(string $sql): void { … }",
    "function helper(string $name, int ...$rest): string { … }",
  ]) {
    assert.ok(out.includes(line), `missing line: ${line}\n---\n${out.join("\n")}`);
  }
});

test("drops bodies, closures assigned to variables and top-level control flow", async () => {
  const out = await skeletonOf(source, "Repository.php");
  assert.not.match(out, /BODY_MARKER/);
  assert.not.match(out, /\$handler|PHP_VERSION_ID|return /);
});

test.run();
