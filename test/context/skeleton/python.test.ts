import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { skeletonOf } from "../../../lib/context/skeleton.ts";
import { ROOT } from "../../_support/index.ts";

const source = readFileSync(join(ROOT, "test/context/fixtures/service.py"), "utf8");
const test = suite("pythonSkeleton");

test("keeps every import, class, signature and attribute of a Python module", async () => {
  const out = (await skeletonOf(source, "service.py")).split("\n");
  for (const line of [
    '"""Order service: validates and stores orders."""',
    "from __future__ import annotations",
    "from typing import (",
    "    Optional,",
    "MAX_ITEMS = 100",
    'DEFAULT_TAGS: list[str] = ["a", "b"]',
    "LOOKUP = { … }",
    "@dataclass(frozen=True)",
    "class Item:",
    '    """One line of an order."""',
    "    sku: str",
    "    quantity: int = 1",
    "    tags: list[str] = field(default_factory=list)",
    "    def total(self, price: float, *, discount: float = 0.0) -> float:",
    '        """Price of the line."""',
    "class OrderService(BaseService, metaclass=Registry):",
    '    registry: dict[str, "OrderService"] = {}',
    "    def __init__(self, store: Store, limit: int = MAX_ITEMS) -> None:",
    "    @property",
    "    def count(self) -> int:",
    "    async def place(",
    "        note: Optional[str] = None,",
    "    ) -> dict[str, int]:",
    '        """Places an order."""',
    "    class Config:",
    "        strict = True",
    'def load(path: str, encoding: str = "utf-8") -> list[Item]:',
    "def _private():",
  ]) {
    assert.ok(out.includes(line), `missing line: ${line}\n---\n${out.join("\n")}`);
  }
});

test("replaces every body with ... and drops statements that declare nothing", async () => {
  const out = await skeletonOf(source, "service.py");
  assert.not.match(out, /BODY_MARKER/);
  assert.not.match(out, /return|raise|__main__|Details here|Longer description/);
  assert.is(out.match(/^\s+\.\.\.$/gm)?.length, 6); // total, __init__, count, place, load, _private
});

test("a class with nothing but a docstring still gets a body", async () => {
  assert.is(
    await skeletonOf('class Empty:\n    """Nothing."""\n\nx = 1\n', "service.py"),
    'class Empty:\n    """Nothing."""\n    ...\nx = 1\n',
  );
});

test.run();
