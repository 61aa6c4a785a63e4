// Stands in for `babylon` in the bundles: bash-parser parses the inside of `$(( … ))` with
// babylon (a whole JavaScript parser, half of the hook's parser chunk) only to attach an AST the
// trust hook never reads — it treats an arithmetic expansion as known only at run time.
"use strict";
exports.parse = (source) => ({ program: { body: [{ expression: { type: "ArithmeticSource", source } }] } });
