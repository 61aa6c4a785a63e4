import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readCoverage } from "../../lib/enforcement/coverage.ts";
import { tempDir, writeFiles } from "../_support/index.ts";

const coverage = suite("readCoverage");

coverage("returns null when there is no report", () => {
  assert.is(readCoverage(tempDir()), null);
});

coverage("reads an lcov report: per file and total line coverage", () => {
  const dir = tempDir();
  writeFiles(dir, {
    "coverage/lcov.info": `TN:\nSF:${dir}/src/a.ts\nLF:10\nLH:8\nend_of_record\nSF:src/b.ts\nLF:10\nLH:2\nend_of_record\n`,
  });
  const r = readCoverage(dir)!;
  assert.is(r.format, "lcov");
  assert.is(r.files.get("src/a.ts"), 80);
  assert.is(r.files.get("src/b.ts"), 20);
  assert.is(r.total, 50);
});

coverage("reads an istanbul coverage-summary.json", () => {
  const dir = tempDir();
  writeFiles(dir, {
    "coverage/coverage-summary.json": JSON.stringify({
      total: { lines: { pct: 91.5 } },
      [`${dir}/src/a.ts`]: { lines: { pct: 75 } },
    }),
  });
  const r = readCoverage(dir)!;
  assert.equal([r.format, r.total, r.files.get("src/a.ts")], ["json-summary", 91.5, 75]);
});

coverage("reads a clover.xml report", () => {
  const dir = tempDir();
  writeFiles(dir, {
    "clover.xml":
      `<coverage><project><metrics statements="4" coveredstatements="3"/><file name="User.php" ` +
      `path="${dir}/src/User.php"><metrics statements="4" coveredstatements="3"/></file></project></coverage>`,
  });
  const r = readCoverage(dir)!;
  assert.equal([r.format, r.total, r.files.get("src/User.php")], ["clover", 75, 75]);
});

coverage.run();
