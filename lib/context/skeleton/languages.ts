import type { Node } from "web-tree-sitter";
import { ELIDED, type LanguageSpec, pythonDocstring, type Skeletonizer } from "./engine.ts";

const C_COMMENTS = ["comment"];

/** `module.exports = …`, `exports.x = …`, `Foo.prototype.y = function…`: assignments that define an API. */
function commonJs(node: Node, skel: Skeletonizer, indent: string): string[] | undefined {
  if (node.type !== "expression_statement") return undefined;
  const e = node.namedChildren[0];
  if (!e || e.type !== "assignment_expression") return [];
  const left = e.childForFieldName("left")?.text ?? "";
  const right = e.childForFieldName("right");
  if (!right) return [];
  const exported = /^(module\.exports|exports)(\.[\w$]+)*$/.test(left);
  const method =
    /^[\w$]+(\.prototype)?\.[\w$]+$/.test(left) &&
    /^(arrow_function|function_expression|function|class)$/.test(right.type);
  if (!exported && !method) return [];
  return [skel.render(node, indent)];
}

const ecmascript = (grammar: string): LanguageSpec => ({
  grammar,
  keep: [
    "import_statement",
    "lexical_declaration",
    "variable_declaration",
    "interface_declaration",
    "type_alias_declaration",
    "enum_declaration",
    "function_signature",
    "ambient_declaration",
    "public_field_definition",
    "field_definition",
    "method_signature",
    "abstract_method_signature",
    "index_signature",
  ],
  fn: [
    "function_declaration",
    "generator_function_declaration",
    "method_definition",
    "arrow_function",
    "function_expression",
    "function",
    "generator_function",
  ],
  container: ["class_declaration", "abstract_class_declaration", "class", "internal_module", "module"],
  wrapper: ["export_statement"],
  attach: ["decorator"],
  comment: C_COMMENTS,
  custom: commonJs,
});

function python(node: Node, skel: Skeletonizer, indent: string): string[] | undefined {
  if (node.type !== "expression_statement") return undefined;
  const e = node.namedChildren[0];
  if (e?.type === "string") {
    // the module's docstring (the first statement), first line only
    if (node.parent?.type !== "module" || node.parent.namedChildren.find((c) => c.type !== "comment")?.id !== node.id)
      return [];
    const doc = pythonDocstring(e.text, indent);
    return doc ? [doc] : [];
  }
  if (e?.type === "assignment") return [skel.render(node, indent)];
  return [];
}

function ruby(node: Node, skel: Skeletonizer, indent: string): string[] | undefined {
  if (node.type === "call") {
    const method = node.childForFieldName("method")?.text ?? "";
    return node.childForFieldName("receiver") === null &&
      /^(require|require_relative|include|extend|prepend|attr_reader|attr_writer|attr_accessor|module_function|private_constant)$/.test(
        method,
      )
      ? [skel.render(node, indent)]
      : [];
  }
  if (node.type === "identifier")
    return /^(private|protected|public|module_function)$/.test(node.text) ? [`${indent}${node.text}`] : [];
  if (node.type === "assignment")
    return /^[A-Z]/.test(node.childForFieldName("left")?.text ?? "") ? [skel.render(node, indent)] : [];
  return undefined;
}

function kotlin(node: Node, skel: Skeletonizer, indent: string): string[] | undefined {
  if (node.type === "import_list")
    return node.namedChildren.filter((c) => c.type === "import_header").map((c) => skel.render(c, indent));
  if (node.type === "class_declaration" && node.namedChildren.some((c) => c.type === "enum_class_body"))
    return [skel.render(node, indent)];
  return undefined;
}

function cpp(node: Node, _skel: Skeletonizer, indent: string): string[] | undefined {
  if (node.type === "access_specifier") return [`${indent}${node.text}:`];
  return undefined;
}

const cFamily = (grammar: string, extra: Partial<LanguageSpec> = {}): LanguageSpec => ({
  grammar,
  keep: [
    "preproc_include",
    "preproc_def",
    "preproc_function_def",
    "type_definition",
    "declaration",
    "enum_specifier",
    "field_declaration",
    ...(extra.keep ?? []),
  ],
  fn: ["function_definition"],
  container: ["struct_specifier", "union_specifier", ...(extra.container ?? [])],
  transparent: ["preproc_ifdef", "preproc_if", "linkage_specification"],
  comment: C_COMMENTS,
  ...(extra.wrapper ? { wrapper: extra.wrapper } : {}),
  ...(extra.custom ? { custom: extra.custom } : {}),
});

/** Every language `skeleton` reads, by name: extensions and how its tree becomes a skeleton. */
export const LANGUAGES = {
  typescript: { extensions: [".ts", ".mts", ".cts"], spec: ecmascript("typescript") },
  tsx: { extensions: [".tsx"], spec: ecmascript("tsx") },
  javascript: { extensions: [".js", ".jsx", ".mjs", ".cjs"], spec: ecmascript("javascript") },
  python: {
    extensions: [".py", ".pyi"],
    spec: {
      grammar: "python",
      style: "python",
      keep: ["import_statement", "import_from_statement", "future_import_statement", "type_alias_statement"],
      fn: ["function_definition"],
      container: ["class_definition"],
      wrapper: ["decorated_definition"],
      comment: ["comment"],
      custom: python,
    },
  },
  go: {
    extensions: [".go"],
    spec: {
      grammar: "go",
      plainDocs: true,
      keep: ["package_clause", "import_declaration", "type_declaration", "const_declaration", "var_declaration"],
      fn: ["function_declaration", "method_declaration", "func_literal"],
      comment: ["comment"],
    },
  },
  php: {
    extensions: [".php"],
    spec: {
      grammar: "php",
      keep: [
        "php_tag",
        "declare_statement",
        "namespace_definition",
        "namespace_use_declaration",
        "const_declaration",
        "use_declaration",
        "property_declaration",
        "enum_case",
      ],
      fn: ["function_definition", "method_declaration"],
      container: ["class_declaration", "interface_declaration", "trait_declaration", "enum_declaration"],
      comment: ["comment"],
    },
  },
  rust: {
    extensions: [".rs"],
    spec: {
      grammar: "rust",
      keep: [
        "use_declaration",
        "extern_crate_declaration",
        "const_item",
        "static_item",
        "type_item",
        "struct_item",
        "enum_item",
        "union_item",
        "function_signature_item",
        "associated_type",
        "macro_definition",
      ],
      fn: ["function_item"],
      container: ["trait_item", "impl_item", "mod_item"],
      attach: ["attribute_item"],
      comment: ["line_comment", "block_comment"],
    },
  },
  java: {
    extensions: [".java"],
    spec: {
      grammar: "java",
      keep: [
        "package_declaration",
        "import_declaration",
        "field_declaration",
        "constant_declaration",
        "enum_declaration",
        "record_declaration",
        "annotation_type_declaration",
      ],
      fn: ["method_declaration", "constructor_declaration", "compact_constructor_declaration"],
      container: ["class_declaration", "interface_declaration"],
      comment: ["line_comment", "block_comment"],
    },
  },
  ruby: {
    extensions: [".rb", ".rake", ".gemspec"],
    spec: {
      grammar: "ruby",
      style: "ruby",
      plainDocs: true,
      fn: ["method", "singleton_method"],
      container: ["class", "module", "singleton_class"],
      comment: ["comment"],
      custom: ruby,
    },
  },
  csharp: {
    extensions: [".cs"],
    spec: {
      grammar: "c_sharp",
      keep: [
        "using_directive",
        "field_declaration",
        "property_declaration",
        "event_field_declaration",
        "event_declaration",
        "enum_declaration",
        "record_declaration",
        "delegate_declaration",
        "file_scoped_namespace_declaration",
        "indexer_declaration",
      ],
      fn: [
        "method_declaration",
        "constructor_declaration",
        "destructor_declaration",
        "operator_declaration",
        "conversion_operator_declaration",
        "accessor_declaration",
        "local_function_statement",
      ],
      container: ["class_declaration", "interface_declaration", "struct_declaration", "namespace_declaration"],
      elide: ["arrow_expression_clause"],
      comment: ["comment"],
    },
  },
  kotlin: {
    extensions: [".kt", ".kts"],
    spec: {
      grammar: "kotlin",
      keep: ["package_header", "import_list", "import_header", "property_declaration", "type_alias", "enum_entry"],
      fn: ["function_declaration", "secondary_constructor", "getter", "setter", "anonymous_initializer"],
      container: ["class_declaration", "object_declaration", "companion_object"],
      bodies: ["class_body", "enum_class_body", "function_body", "block"],
      comment: ["line_comment", "multiline_comment"],
      custom: kotlin,
    },
  },
  swift: {
    extensions: [".swift"],
    spec: {
      grammar: "swift",
      keep: [
        "import_declaration",
        "property_declaration",
        "typealias_declaration",
        "protocol_function_declaration",
        "protocol_property_declaration",
        "enum_entry",
        "associatedtype_declaration",
      ],
      fn: ["function_declaration", "init_declaration", "deinit_declaration", "subscript_declaration"],
      container: ["class_declaration", "protocol_declaration"],
      bodies: ["function_body", "class_body", "enum_class_body", "protocol_body"],
      elide: ["computed_property"],
      comment: ["comment", "multiline_comment"],
    },
  },
  c: { extensions: [".c", ".h"], spec: cFamily("c") },
  cpp: {
    extensions: [".cpp", ".cc", ".cxx", ".hpp", ".hh", ".hxx"],
    spec: cFamily("cpp", {
      keep: ["alias_declaration", "using_declaration", "namespace_alias_definition", "concept_definition"],
      container: ["class_specifier", "namespace_definition"],
      wrapper: ["template_declaration"],
      custom: cpp,
    }),
  },
} satisfies Record<string, { extensions: string[]; spec: LanguageSpec }>;

export type Language = keyof typeof LANGUAGES;

/** The elision mark, re-exported for callers that check for it. */
export { ELIDED };
