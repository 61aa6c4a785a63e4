// The shell parser as one file of its own for the hook entries (dist/hooks/bash-parser.cjs): the
// PreToolUse hook compiles it only when a Bash command needs parsing, not for every Edit or Write.
"use strict";
module.exports = require("@ericcornelissen/bash-parser");
