import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseShell, stripHeredocs } from "../../../lib/trust/shell/parse.ts";

test("plain words are split without the parser", async () => {
  const r = await parseShell("FOO=1 rm -rf src/auth");
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.is(r.parser, "words");
  const [cmd] = r.nodes;
  assert.equal(cmd!.kind === "command" && [cmd!.assigns.map((w) => w.text), cmd!.words.map((w) => w.text)], [
    ["FOO=1"],
    ["rm", "-rf", "src/auth"],
  ]);
});

test("here-document bodies are taken out, quoted and <<- delimiters included", () => {
  assert.equal(stripHeredocs("cat <<EOF > a\nrm -rf /\nEOF\necho done"), { body: "cat <<EOF > a\necho done" });
  assert.equal(stripHeredocs("cat <<-'END' > a\n\tit's\n\tEND\nls"), { body: "cat <<-'END' > a\nls" });
  assert.equal(stripHeredocs("cat <<A <<B\n1\nA\n2\nB\nls"), { body: "cat <<A <<B\nls" });
  assert.match(stripHeredocs("cat <<EOF\nno end").error!, /here-document `EOF` is not closed/);
  assert.equal(stripHeredocs("cat <<< word"), { body: "cat <<< word" });
});

test("words keep their expansions; quotes are removed", async () => {
  const r = await parseShell('echo "$HOME/a b" \'$x\' $(date) > "$PWD"/out');
  assert.ok(r.ok);
  if (!r.ok || r.nodes[0]!.kind !== "command") return;
  const c = r.nodes[0]!;
  assert.equal(
    c.words.map((w) => [w.text, w.params, w.substituted]),
    [
      ["echo", [], false],
      ["$HOME/a b", ["HOME"], false],
      ["$x", [], false],
      ["$(date)", [], true],
    ],
  );
  assert.equal(
    [c.redirects[0]!.op, c.redirects[0]!.file.text, c.redirects[0]!.file.params],
    [">", "$PWD/out", ["PWD"]],
  );
  assert.is(c.substitutions.length, 1);
});

test("what the parser cannot read is an error, not a throw", async () => {
  const r = await parseShell("a=(1 2); echo ${a[@]}");
  assert.is(r.ok, false);
});

test.run();
