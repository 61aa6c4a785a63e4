import { suite } from "uvu";
import * as assert from "uvu/assert";
import { declaredSymbols, terms } from "../../lib/context/terms.ts";

const test = suite("terms");

test("splits camelCase and snake_case, lower-cases, drops short and stop words, trims plurals", () => {
  assert.equal(terms("Add refreshToken expiry to the user_sessions API"), [
    "refresh",
    "token",
    "expiry",
    "user",
    "session",
    "api",
  ]);
});

test("finds declared names across languages", () => {
  const src =
    "export function loadUser() {}\nclass Store {}\ndef parse_row(x):\nfunc (s *Server) Serve() {}\ninterface Shape {}\nconst LIMIT = 1;";
  assert.equal(declaredSymbols(src), ["loadUser", "Store", "parse_row", "Serve", "Shape", "LIMIT"]);
});

test.run();
