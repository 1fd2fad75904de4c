/**
 * The huge-field memory check (huge-fields-memory.ts) at a size a test run affords: three 4 MB
 * fields (plain, JSON-like with doubled quotes and newlines, multi-byte) among 3,000 rows, ingested
 * in a child process. The three rows are rejected at the lines the writer counted, the others kept,
 * and the child's peak RSS is reported. The full ~200 MB run is the script itself (see its header).
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {measureInChild, problems, writeHugeFieldsCsv} from "./huge-fields-memory.js";

test("three 4 MB fields: their rows are rejected at the right lines, the rest is read", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ar-huge-test-"));
  try {
    const plan = await writeHugeFieldsCsv(path.join(dir, "huge.csv"), 4, 3000);
    // 4 MB of 56-byte JSON pieces, one newline each, push the third huge row about 75,000 lines down
    assert.ok(plan.hugeLines[2] > 75_000, `lines ${plan.hugeLines}`);
    const report = await measureInChild(plan.file);
    assert.equal(problems(report, plan, 1024 * 1024 * 1024), []);
    assert.is(report.counts.rejected, 3);
    console.log(`    ${Math.round(report.bytes / 2 ** 20)} MB in ${report.seconds} s, peak RSS ${Math.round(report.maxRss / 2 ** 20)} MB`);
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
});

test.run();
