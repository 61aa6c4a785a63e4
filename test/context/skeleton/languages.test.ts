import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { LANGUAGES, languageOf, skeletonOf } from "../../../lib/context/skeleton.ts";
import { ROOT } from "../../_support/index.ts";

const dir = join(ROOT, "test/context/fixtures/langs");
const test = suite("skeleton languages");

/** Each fixture: lines its skeleton must hold (signatures, types, docs); every body holds BODY_MARKER. */
const cases: Record<string, string[]> = {
  "lib.rs": [
    "use std::collections::HashMap;",
    "/// Most items in one order.",
    "pub const MAX_ITEMS: usize = 100;",
    "#[derive(Debug, Clone)]",
    "pub struct Item {",
    "    pub quantity: u32,",
    "    Closed(String),",
    "pub trait Store {",
    "    fn get(&self, id: u64) -> Option<&Item>;",
    "    fn put(&mut self, id: u64, item: Item) { … }",
    "impl<T: Clone> Store for Memory<T> {",
    "    /// Looks an item up.",
    "pub fn total(items: &[Item], discount: f64) -> f64 { … }",
    "pub mod util {",
    "    pub fn helper(name: &str) -> String { … }",
  ],
  "Repo.java": [
    "package com.example.orders;",
    "import java.util.Map;",
    "/** Orders kept in a store. */",
    "public class Repo<T extends Order> extends Base implements Store<T> {",
    "    public static final int MAX_ITEMS = 100;",
    "    private final Map<Long, T> cache = new HashMap<>();",
    "    public Repo(Store<T> store) { … }",
    "    /** Finds an order. */",
    "    public Optional<T> find(long id) throws IOException { … }",
    "    protected abstract boolean validate(T order);",
    "    static class Inner {",
    "        void run() { … }",
    "interface Store<T> {",
    "    T get(long id);",
    "    default void put(T item) { … }",
    "enum Status { OPEN, CLOSED; String label() { … } }",
    "record Point(int x, int y) { }",
  ],
  "service.rb": [
    'require "json"',
    'require_relative "store"',
    "# Orders kept in a store.",
    "module Orders",
    "  MAX_ITEMS = 100",
    "  class Repository < Base",
    "    include Enumerable",
    "    attr_reader :store, :limit",
    "    # Makes a repository.",
    "    def initialize(store, limit: MAX_ITEMS) … end",
    "    def find(id) … end",
    "    def self.instance … end",
    "    private",
    "    def validate(order) = …",
    "  end",
    "def helper(name, *rest, **opts, &block) … end",
  ],
  "Service.cs": [
    "using System.Collections.Generic;",
    "namespace Example.Orders {",
    "    /// <summary>Orders kept in a store.</summary>",
    "    public class Repository<T> : BaseRepository, IStore<T> where T : Order {",
    "        public const int MaxItems = 100;",
    "        public int Count { get; private set; }",
    "        public Repository(IStore<T> store) { … }",
    "        public async Task<T?> FindAsync(long id, CancellationToken ct = default) { … }",
    "        public string Label => …;",
    "        protected abstract bool Validate(T order);",
    "    public interface IStore<T> {",
    "        T Get(long id);",
    "    public enum Status { Open, Closed }",
    "    public record Point(int X, int Y);",
  ],
  "Service.kt": [
    "package com.example.orders",
    "import kotlin.math.max",
    "const val MAX_ITEMS = 100",
    "/** Orders kept in a store. */",
    "class Repository<T : Order>(private val store: Store<T>, val limit: Int = MAX_ITEMS) : Base(), Store<T> {",
    "    private val cache = mutableMapOf<Long, T>()",
    "    /** Finds an order. */",
    "    fun find(id: Long): T? { … }",
    "    suspend fun load(ids: List<Long>): List<T> = …",
    "    companion object {",
    "        fun create(): Repository<Order> { … }",
    "interface Store<T> {",
    "    fun get(id: Long): T?",
    "data class Point(val x: Int, val y: Int)",
    "enum class Status { OPEN, CLOSED }",
    "object Registry {",
    "fun helper(name: String, vararg rest: Int): String { … }",
  ],
  "Service.swift": [
    "import Foundation",
    "let maxItems = 100",
    "/// Orders kept in a store.",
    "public class Repository<T: Order>: Base, Store {",
    "    private var cache: [Int: T] = [:]",
    "    /// Makes a repository.",
    "    public init(store: Store, limit: Int = maxItems) { … }",
    "    public func find(id: Int) async throws -> T? { … }",
    "    var count: Int { … }",
    "public protocol Store {",
    "    func get(id: Int) -> Order?",
    "struct Point {",
    "    func length() -> Double { … }",
    "    case closed",
    "extension Repository {",
    "func helper(_ name: String, rest: Int...) -> String { … }",
  ],
  "store.c": [
    "#include <stdio.h>",
    '#include "store.h"',
    "#define MAX_ITEMS 100",
    "typedef struct item {",
    "    int quantity;",
    "} item_t;",
    "enum status { OPEN, CLOSED };",
    "static int counter = 0;",
    "/** Finds an item by id. */",
    "item_t *store_find(struct store *s, long id) { … }",
    "int store_count(const struct store *s);",
    "static void log_line(const char *fmt, ...) { … }",
  ],
  "store.cpp": [
    "#include <map>",
    "namespace orders {",
    "/// Orders kept in a store.",
    "template <typename T>",
    "class Repository : public Base {",
    "    public:",
    "    static constexpr int kMaxItems = 100;",
    "    explicit Repository(Store<T>& store) : store_(store) { … }",
    "    std::optional<T> find(long id) const { … }",
    "    virtual bool validate(const T& order) = 0;",
    "    std::map<long, T> cache_;",
    "};",
    "struct Point {",
    "std::string helper(const std::string& name, int count = 1) { … }",
  ],
};

for (const [file, lines] of Object.entries(cases)) {
  test(`${languageOf(file)}: ${file} keeps its signatures, types and doc lines and drops every body`, async () => {
    const source = readFileSync(join(dir, file), "utf8");
    const out = await skeletonOf(source, file);
    for (const line of lines)
      assert.ok(out.split("\n").includes(line), `missing line: ${JSON.stringify(line)}\n---\n${out}`);
    assert.ok(source.includes("BODY_MARKER"));
    assert.not.match(out, /BODY_MARKER/);
    assert.ok(out.length < source.length, "the skeleton is shorter than the source");
  });
}

test("every language of the table has a fixture here or in the older per-language tests", () => {
  const covered = new Set([
    ...Object.keys(cases).map(languageOf),
    "typescript",
    "tsx",
    "javascript",
    "python",
    "go",
    "php",
  ]);
  for (const lang of Object.keys(LANGUAGES)) assert.ok(covered.has(lang as never), lang);
  assert.is(Object.keys(LANGUAGES).length, 14);
});

test.run();
