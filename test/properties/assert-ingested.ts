/**
 * The one assertion of the ingest properties: what ingest returned equals what log-files.ts
 * predicted, row by row, reject by reject, naming the first difference. Rows of one instant come in
 * the order of their values' hashes (ingest/log-rows.ts RowKeys), which the model does not compute:
 * there, the instant's rows are compared as a set and the hashes checked to ascend. Reads no files.
 */
import * as assert from "uvu/assert";
import type {ActivityLog} from "../../src/ingest/index.js";
import type {ExpectedIngest} from "./log-files.js";

/** Compares what ingest returned with what log-files.ts predicts, naming the first difference. */
export function assertIngested(actual: ActivityLog, expected: ExpectedIngest): void {
  assert.equal(actual.columns, expected.columns, `columns: ${JSON.stringify(actual.columns)} instead of ${JSON.stringify(expected.columns)}`);
  const rows = actual.table.objects() as Record<string, unknown>[];
  assert.is(rows.length, expected.accepted.length, "accepted row count");
  const {hash, hash2} = actual.rows;
  for (let i = 1; i < rows.length; i++) {
    if (rows[i].time === rows[i - 1].time)
      assert.ok(hash[i - 1] < hash[i] || (hash[i - 1] === hash[i] && hash2[i - 1] <= hash2[i]), `rows ${i - 1} and ${i} of one instant by hash`);
  }
  // each run of one instant: the same rows, compared in one order
  const text = (row: object) => JSON.stringify(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)));
  for (let lo = 0, hi = 0; lo < rows.length; lo = hi) {
    while (hi < rows.length && expected.accepted[hi].time === expected.accepted[lo].time) hi++;
    const want = expected.accepted.slice(lo, hi);
    const got = rows.slice(lo, hi).sort((a, b) => (text(a) < text(b) ? -1 : 1));
    want
      .map((row) => ({row, object: {time: row.time, ...row.values}}))
      .sort((a, b) => (text(a.object) < text(b.object) ? -1 : 1))
      .forEach(({row, object}, i) => assert.equal(got[i], object, `accepted row from ${row.file}:${row.line}`));
  }
  assert.equal(
    actual.rejects.map((r) => `${r.file}:${r.line}`),
    expected.rejects.map((r) => `${r.file}:${r.line}`),
    "rejected lines",
  );
  expected.rejects.forEach(({record, log, format, reason}, i) => {
    const reject = actual.rejects[i];
    if (record === undefined || log === undefined) {
      assert.match(reject.reason, reason ?? /./, `reason at ${reject.file}:${reject.line}`);
      return;
    }
    const badTime = record.timestamp.time === undefined;
    assert.ok(badTime ? reject.reason.includes("timestamp") : reject.reason === "action is empty", `reason at line ${reject.line}: ${reject.reason}`);
    for (const name of log.columns) {
      const writtenName = log.written[name];
      const present = format === "csv" || Object.hasOwn(record.values, name);
      if (!present) continue;
      const value = record.values[name] ?? "";
      const reported = reject.fields[writtenName];
      // values over 1 KiB are cut and marked in reports
      if (value.length <= 1024) assert.is(reported, value, `reject field ${JSON.stringify(writtenName)}`);
      else assert.ok(reported.startsWith(value.slice(0, 1000)) && reported.endsWith(`[cut: ${value.length} characters]`), `cut field ${writtenName}`);
    }
  });
  assert.equal(actual.duplicates, expected.duplicates, "duplicates");
  const {rows: total, accepted, rejected, duplicates} = actual.counts;
  assert.equal([accepted, rejected, duplicates], [expected.accepted.length, expected.rejects.length, expected.duplicates.length], "counts");
  assert.is(total, accepted + rejected + duplicates);
}
