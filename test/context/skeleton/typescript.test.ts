import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { skeletonOf } from "../../../lib/context/skeleton.ts";
import { countTokens } from "../../../lib/context/tokens.ts";
import { ROOT } from "../../_support/index.ts";

const fixture = join(ROOT, "test/context/fixtures/complex.ts");
const source = readFileSync(fixture, "utf8");
const test = suite("typescriptSkeleton");

test("keeps every signature, type and export of a complex TypeScript file", async () => {
  const out = await skeletonOf(source, fixture);
  for (const line of [
    'import { readFileSync } from "node:fs";',
    'import type { Readable } from "node:stream";',
    'export { helper } from "./helper.ts";',
    "export interface UserStore<T extends { id: string } = User> {",
    "  find(id: string): Promise<T | undefined>;",
    "  readonly size: number;",
    "export type User = { id: string; name: string; roles?: Role[] };",
    "export enum Role {",
    '  Admin = "admin",',
    "export const DEFAULT_LIMIT = 50;",
    "const LOOKUP_TABLE: Record<string, number> = Object.fromEntries(…);",
    "export async function loadUsers(path: string, options: { strict?: boolean } = {}): Promise<User[]> { … }",
    "export function overloaded(value: string): string;",
    "export function overloaded(value: number): number;",
    "export function overloaded(value: string | number): string | number { … }",
    "export abstract class MemoryStore<T extends { id: string }> implements UserStore<T> {",
    "  private readonly items = new Map<string, T>();",
    "  static instances = 0;",
    "  protected abstract validate(item: T): boolean;",
    "  constructor(private readonly name: string, public limit = DEFAULT_LIMIT) { … }",
    "  get size(): number { … }",
    "  set label(value: string) { … }",
    "  async find(id: string): Promise<T | undefined> { … }",
    "  @logged",
    "  add<K extends keyof T>(item: T, key?: K): this { … }",
    "  readonly onChange = (listener: (item: T) => void): (() => void) => { … };",
    'export const format = (user: User, prefix = ">"): string => …;',
    "export const parseLine = async function parse(line: string): Promise<string[]> { … };",
    "export namespace Internal {",
    "  export function reset(store: MemoryStore<User>): void { … }",
    'declare module "./helper.ts" {',
    "function logged(target: unknown, key: string, descriptor: PropertyDescriptor): PropertyDescriptor { … }",
    "export default class Service {",
    "  run(stream: Readable): void { … }",
  ]) {
    assert.ok(out.split("\n").includes(line), `missing line: ${line}\n---\n${out}`);
  }
});

test("drops every body statement and top-level call", async () => {
  const out = await skeletonOf(source, fixture);
  assert.not.match(out, /BODY_MARKER/);
  assert.not.match(out, /return /);
  assert.not.match(out, /main\(\)/);
});

test("keeps the first line of doc comments only", async () => {
  const out = await skeletonOf(source, fixture);
  assert.ok(out.includes("/** A store of users. */\nexport interface UserStore"));
  assert.ok(out.includes("  /** How many items are stored. */\n  get size()"));
  assert.not.match(out, /persists on demand/);
});

test("parses TSX and JSX", async () => {
  const tsx =
    `import React from "react";\n` +
    `export function Button({ label }: { label: string }): JSX.Element {\n` +
    `  return <button onClick={() => alert("x")}>{label}</button>;\n` +
    `}\n`;
  assert.is(
    await skeletonOf(tsx, "b.tsx"),
    `import React from "react";\nexport function Button({ label }: { label: string }): JSX.Element { … }\n`,
  );
  const jsx = `export const App = () => {\n  return <div className="app"><b>hi</b></div>;\n};\n`;
  assert.is(await skeletonOf(jsx, "a.jsx"), "export const App = () => { … };\n");
});

test("keeps CommonJS exports, prototype methods and API objects member by member", async () => {
  const src = readFileSync(join(ROOT, "test/context/fixtures/commonjs.js"), "utf8");
  const out = await skeletonOf(src, "commonjs.js");
  for (const line of [
    "function parse(line, sep = ',') { … }",
    "Parser.prototype.run = function run(input) { … };",
    "module.exports = {",
    "  parse,",
    "  format(value, options) { … },",
    "  helpers: { trim: (s) => …, upper(s) { … } },",
    "exports.other = async (a, b) => …;",
    "export default {",
    "  setup(build) { … },",
  ]) {
    assert.ok(out.split("\n").includes(line), `missing line: ${line}\n---\n${out}`);
  }
  assert.not.match(out, /return|side effect|Parser\.count|use strict/);
});

test("a body-heavy source file shrinks to at most 25% of its tokens", async () => {
  const file = join(ROOT, "node_modules/typescript/lib/_tsc.js");
  const text = readFileSync(file, "utf8").slice(0, 400_000);
  const cut = text.lastIndexOf("\nfunction ");
  const sample = text.slice(0, cut);
  const out = await skeletonOf(sample, "tsc.js");
  const ratio = (await countTokens(out)) / (await countTokens(sample));
  assert.ok(ratio <= 0.25, `ratio ${ratio}`);
});

test.run();
