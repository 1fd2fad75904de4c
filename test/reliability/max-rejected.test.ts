/**
 * --max-rejected in process: some-rejected.csv has 10 rows, 3 of them rejected by hand count
 * ("yesterday" on line 4 and "01/03/2026 10:00" on line 7 are not ISO 8601; line 9 has no action),
 * so 30 %. Above the threshold the build fails naming the counts and the most common reasons first,
 * and the last good site stays as it was; at the threshold it passes.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtemp, readFile, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {InputError} from "../../src/errors.js";
import {buildInProcess, FIXTURES, leftovers, snapshot} from "./site-snapshot.js";

const SOME_REJECTED = path.join(FIXTURES, "some-rejected.csv");
let tmp = "";
let site = "";

test.before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "ar-max-rejected-"));
  site = path.join(tmp, "site");
  await buildInProcess(path.join(FIXTURES, "good.csv"), site, {"max-rejected": "0"});
});

test.after(async () => {
  await rm(tmp, {recursive: true, force: true});
});

async function failure(maxRejected: string | undefined): Promise<InputError> {
  try {
    await buildInProcess(SOME_REJECTED, site, maxRejected === undefined ? {} : {"max-rejected": maxRejected});
  } catch (error) {
    assert.instance(error, InputError);
    return error as InputError;
  }
  throw new Error(`the build passed with --max-rejected ${maxRejected}`);
}

test("above the threshold: fails with the counts and the reasons, most common first; the site is kept", async () => {
  const before = await snapshot(site);
  const error = await failure("29.9");
  assert.is(error.exitCode, 1);
  assert.match(error.message, /^3 of 10 rows rejected \(30\.0 %, above --max-rejected 29\.9 %\): /);
  assert.match(error.message, /: 2 × timestamp .* is not an ISO 8601 date-time; 1 × action is empty\. /);
  // the first rejected row by file and line (the 4th line of the file, counting the header), and the
  // threshold that lets the build go on
  assert.ok(error.message.includes(`. First: ${SOME_REJECTED} line 4: timestamp "yesterday" is not an ISO 8601 date-time. `), error.message);
  assert.match(error.message, /\. With --max-rejected 30 the build goes on and rejects\.csv lists every rejected row with its file, line and reason$/);
  assert.not.match(error.message, /\n/);
  assert.equal(await snapshot(site), before);
  assert.equal(await leftovers(site), []);
});

test("the default threshold is 5 %", async () => {
  assert.match((await failure(undefined)).message, /above --max-rejected 5 %/);
});

test("at the threshold: 30 % rejected with --max-rejected 30 builds, and rejects.csv names the lines", async () => {
  const summary = await buildInProcess(SOME_REJECTED, site, {"max-rejected": "30"});
  assert.equal([summary.rows, summary.accepted, summary.rejected], [10, 7, 3]);
  const report = JSON.parse(await readFile(path.join(site, "report.json"), "utf8"));
  assert.equal(report.input, {files: 1, rows: 10, accepted: 7, rejected: 3, duplicates: 0, afterAsOf: 0});
  const rejects = await readFile(path.join(site, "rejects.csv"), "utf8");
  for (const line of [4, 7, 9]) assert.match(rejects, new RegExp(`some-rejected\\.csv"?,"?${line}"?,`));
});

test.run();
