import { suite } from "uvu";
import * as assert from "uvu/assert";
import { testSignals } from "../../lib/enforcement/test-signals.ts";

const signals = suite("testSignals");

signals("counts it( and test( cases, .skip/.only markers and expect( assertions in JS/TS", () => {
  const text =
    `describe("cart", () => {\n` +
    `  it("adds", () => { expect(add(1)).toBe(1); });\n` +
    `  it.skip("removes", () => { expect(rm()).toBe(0); });\n` +
    `  test.only("totals", () => { assert.equal(total(), 3); });\n` +
    `  xit("later", () => {});\n` +
    `});\n`;
  assert.equal(testSignals(text, "src/cart.test.ts"), { cases: 3, skips: 3, assertions: 3 });
});

signals("does not count commented-out tests", () => {
  const text = `it("a", () => { expect(1).toBe(1); });\n// it("b", () => { expect(2).toBe(2); });\n`;
  assert.equal(testSignals(text, "a.test.ts"), { cases: 1, skips: 0, assertions: 1 });
});

signals("counts def test_ cases, skip decorators and asserts in Python", () => {
  const text = `import pytest\n\ndef test_a():\n    assert 1 == 1\n\n@pytest.mark.skip\ndef test_b():\n    assert f()\n`;
  assert.equal(testSignals(text, "tests/test_x.py"), { cases: 2, skips: 1, assertions: 2 });
});

signals("counts func Test cases, t.Skip and t.Fatal in Go", () => {
  const text = `func TestA(t *testing.T) {\n\tif f() != 1 { t.Fatalf("bad") }\n}\n\nfunc TestB(t *testing.T) {\n\tt.Skip("later")\n}\n`;
  assert.equal(testSignals(text, "x_test.go"), { cases: 2, skips: 1, assertions: 1 });
});

signals("counts public function test cases, markTestSkipped and $this->assert in PHP", () => {
  const text =
    `<?php\n` +
    `class UserTest extends TestCase {\n` +
    `  public function testName(): void { $this->assertSame('a', (new User('a'))->name()); }\n` +
    `  public function testEmail(): void { $this->markTestSkipped('todo'); }\n` +
    `}\n`;
  assert.equal(testSignals(text, "tests/Unit/UserTest.php"), { cases: 2, skips: 1, assertions: 1 });
});

signals("counts @Test cases and @Disabled in Java", () => {
  const text = `class UserTest {\n  @Test void a() { assertEquals(1, 1); }\n  @Disabled @Test void b() { assertTrue(true); }\n}\n`;
  assert.equal(testSignals(text, "src/test/java/UserTest.java"), { cases: 2, skips: 1, assertions: 2 });
});

signals("counts it cases, xit and expect in Ruby", () => {
  const text = `describe User do\n  it "has a name" do\n    expect(user.name).to eq("a")\n  end\n  xit "has an email" do\n  end\nend\n`;
  assert.equal(testSignals(text, "spec/user_spec.rb"), { cases: 1, skips: 1, assertions: 1 });
});

signals.run();
