import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { skeletonOf } from "../../../lib/context/skeleton.ts";
import { ROOT } from "../../_support/index.ts";

const source = readFileSync(join(ROOT, "test/context/fixtures/server.go"), "utf8");
const test = suite("goSkeleton");

test("keeps package, imports, types, consts and every func and method signature", async () => {
  const out = (await skeletonOf(source, "server.go")).split("\n");
  for (const line of [
    "// Package server serves orders over HTTP.",
    "package server",
    '\t"net/http"',
    "const MaxItems = 100",
    '\tStatusClosed = "closed"',
    "var defaultTemplate = …",
    'var ErrNotFound = fmt.Errorf("not found")',
    "type Store interface {",
    "\tGet(ctx context.Context, id int) (*Order, error)",
    "type Order struct {",
    '\tMeta  map[string]string `json:"meta,omitempty"`',
    "type Handler func(w http.ResponseWriter, r *http.Request) error",
    "\tlog   func(format string, args ...any)",
    "// New makes a server.",
    "func New(store Store, opts ...Option) *Server { … }",
    "func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { … }",
    "func (s *Server) lookup(ctx context.Context, ids []int, seen map[int]struct{}) (map[int]*Order, error) { … }",
    "func Empty(v interface{}) bool { … }",
    "func generic[T comparable](items []T, want T) (int, bool) { … }",
  ]) {
    assert.ok(out.includes(line), `missing line: ${line}\n---\n${out.join("\n")}`);
  }
});

test("drops every body statement, even with braces inside strings and raw strings", async () => {
  const out = await skeletonOf(source, "server.go");
  assert.not.match(out, /BODY_MARKER|return|More words/);
});

test.run();
