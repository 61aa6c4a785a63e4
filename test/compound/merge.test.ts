import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parse, stringify } from "yaml";
import { mergeClaudeMd, mergeLearnings } from "../../lib/compound/merge.ts";
import { learningsText, type Learning } from "../../lib/compound/learnings.ts";
import { renderRules, replaceSection } from "../../lib/compound/claude-md.ts";

const t = suite("merging the learnings of two branches (git's merge drivers)");

function learning(id: string, rule: string, o: Partial<Learning> = {}): Learning {
  return {
    id,
    type: "bug",
    description: `about ${rule}`,
    solution: "fixed",
    rule,
    date: "2026-12-08T00:00:00.000Z",
    author: "A",
    files: [],
    commit: null,
    count: 1,
    last_seen: "2026-12-08T00:00:00.000Z",
    ...o,
  };
}
const file = (...ls: Learning[]) => learningsText(ls, stringify);
const entries = async (text: Promise<string | undefined>): Promise<Learning[]> => parse((await text)!).learnings;

t("both sides captured a new rule under the same id: both kept, the other side's renumbered", async () => {
  const base = file(learning("L-001", "Validate input"));
  const ours = file(learning("L-001", "Validate input"), learning("L-002", "Retry with backoff", { type: "pattern" }));
  const theirs = file(learning("L-001", "Validate input"), learning("L-002", "Store money as cents"));
  const merged = await entries(mergeLearnings(base, ours, theirs));
  assert.equal(
    merged.map((l) => [l.id, l.rule]),
    [
      ["L-001", "Validate input"],
      ["L-002", "Retry with backoff"],
      ["L-003", "Store money as cents"],
    ],
  );
});

t("no file at the base (each branch created it): both sides' rules", async () => {
  const merged = await entries(
    mergeLearnings("", file(learning("L-001", "A rule")), file(learning("L-001", "B rule"))),
  );
  assert.equal(
    merged.map((l) => [l.id, l.rule]),
    [
      ["L-001", "A rule"],
      ["L-002", "B rule"],
    ],
  );
});

t(
  "the same rule seen on both sides: one entry, the sightings added, files joined, the last sighting kept",
  async () => {
    const at = (n: number) => `2026-12-08T0${n}:00:00.000Z`;
    const base = file(learning("L-001", "Validate input", { count: 2, files: ["a.ts"] }));
    const ours = file(learning("L-001", "Validate input", { count: 3, files: ["a.ts", "b.ts"], last_seen: at(2) }));
    const theirs = file(learning("L-001", "validate input.", { count: 4, files: ["a.ts", "c.ts"], last_seen: at(3) }));
    const [one, ...rest] = await entries(mergeLearnings(base, ours, theirs));
    assert.equal(rest, []);
    assert.is(one!.count, 5, "2 at the base, +1 here, +2 there");
    assert.equal(one!.files, ["a.ts", "b.ts", "c.ts"]);
    assert.is(one!.last_seen, at(3));
    // a rule new on both sides (no base): both sightings
    const both = await entries(mergeLearnings(file(), file(learning("L-001", "X")), file(learning("L-001", "X"))));
    assert.equal(
      both.map((l) => [l.id, l.count]),
      [["L-001", 2]],
    );
  },
);

t(
  "a learning one side archived (compound stale --prune) stays archived; one removed by hand stays removed",
  async () => {
    const base = file(learning("L-001", "Old"), learning("L-002", "Gone"));
    const archived = { date: "2026-12-08T01:00:00.000Z", reasons: ["src/x.ts is gone"] };
    const ours = file(learning("L-001", "Old", { archived }), learning("L-002", "Gone"));
    const theirs = file(learning("L-001", "Old"));
    const merged = await entries(mergeLearnings(base, ours, theirs));
    assert.equal(
      merged.map((l) => [l.id, !!l.archived]),
      [["L-001", true]],
    );
  },
);

t("a side that does not read as a learnings file: no merge (git's conflict markers then)", async () => {
  const good = file(learning("L-001", "A"));
  assert.is(await mergeLearnings(good, good, "learnings: [oops"), undefined);
  assert.is(await mergeLearnings(good, "<<<<<<< ours\n", good), undefined);
  assert.is(await mergeLearnings(good, good, "version: 1\nlearnings:\n  - id: 3\n"), undefined);
  // a "billion laughs" on one branch: refused by the shared YAML reader, not expanded
  const levels = [`a0: &a0 "lol"`];
  for (let i = 1; i <= 9; i++)
    levels.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(", ")}]`,
    );
  assert.is(await mergeLearnings(good, good, `${levels.join("\n")}\nversion: 1\nlearnings: *a9\n`), undefined);
});

const c = suite("merging CLAUDE.md's managed section");
const md = (ls: Learning[], intro = "# CLAUDE.md\n\nRead the README first.\n") =>
  replaceSection(intro, renderRules(ls, 50));

c("each side's new rules are kept, under their headings, and a rule seen on both sides counts both sightings", () => {
  const a = learning("L-001", "Validate input", { count: 2 });
  const base = md([a]);
  const ours = md([{ ...a, count: 3 }, learning("L-002", "Retry with backoff", { type: "pattern" })]);
  const theirs = md([{ ...a, count: 2 }, learning("L-002", "Store money as cents")]);
  // headings in the order the section is rendered in, whichever side brought them
  const patternFirst = mergeClaudeMd(
    md([]),
    md([learning("L-001", "P", { type: "pattern" })]),
    md([learning("L-001", "B")]),
  )!;
  assert.match(patternFirst, "### Bugs not to repeat\n- B\n\n### Patterns to follow\n- P\n");
  const merged = mergeClaudeMd(base, ours, theirs)!;
  assert.ok(merged, "merged");
  assert.match(merged, "Read the README first.");
  assert.match(
    merged,
    "### Bugs not to repeat\n- Validate input (seen 3×)\n- Store money as cents\n\n### Patterns to follow\n- Retry with backoff\n",
  );
  assert.is(merged.split("<!-- wf-task:learnings:start -->").length, 2, "one managed section");
});

c("the first rules on both sides replace the empty section's placeholder", () => {
  const base = md([]);
  const merged = mergeClaudeMd(base, md([learning("L-001", "A")]), md([learning("L-001", "B")]))!;
  assert.not.match(merged, "No rules yet");
  assert.match(merged, "- A\n- B\n");
  const fromNothing = mergeClaudeMd("", md([learning("L-001", "A")]), md([learning("L-001", "B")]))!;
  assert.match(fromNothing, "- A\n- B\n");
  // a CLAUDE.md of the team's that had no section yet: each side appended one
  const own = "# CLAUDE.md\n\nRead the README first.\n";
  const appended = mergeClaudeMd(own, md([learning("L-001", "A")]), md([learning("L-001", "B")]))!;
  assert.ok(appended.startsWith(own), appended);
  assert.match(appended, "- A\n- B\n");
});

c("text outside the markers: one side's change is taken; both changing it differently is a conflict", () => {
  const base = md([learning("L-001", "A")]);
  const edited = md([learning("L-001", "A")], "# CLAUDE.md\n\nRead the README first. Then the docs.\n");
  assert.match(mergeClaudeMd(base, base, edited)!, "Then the docs.");
  assert.match(mergeClaudeMd(base, edited, base)!, "Then the docs.");
  const other = md([learning("L-001", "A")], "# CLAUDE.md\n\nSomething else.\n");
  assert.is(mergeClaudeMd(base, edited, other), undefined);
  assert.is(mergeClaudeMd(base, "no markers here\n", base), undefined, "a side with no section: git's merge");
});

t.run();
c.run();
