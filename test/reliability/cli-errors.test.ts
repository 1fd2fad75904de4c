/**
 * Fatal input errors through the real CLI (`node bin/activity-report.js build ...`): exit 1 and one
 * line on stderr naming the file (and line:column where there is one), no stack trace, nothing
 * written at --out, and no cache folder left beside it; exit 2 for an unknown flag; --max-rejected names the counts and the most common
 * reasons. Progress lines (timestamped, non-TTY) may precede the error; with --quiet stderr is the
 * error line alone. Line and column numbers were counted by hand in test/fixtures/reliability/.
 * The CLI runs are started together in `before` (two at a time), each test checks one.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {execFile} from "node:child_process";
import {existsSync} from "node:fs";
import {mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";

const F = "test/fixtures/reliability";
const PROGRESS = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S/; // e.g. "2026-04-01 06:00:00 read: 100 %"

interface Run {
  code: number;
  stderr: string;
  out: string;
}

interface Case {
  flags: string[];
  quiet?: boolean;
}

const CASES = {
  missing: {flags: ["--input", `${F}/no-such-log.csv`]},
  empty: {flags: ["--input", `${F}/empty.csv`]},
  noAction: {flags: ["--input", `${F}/no-action-header.csv`]},
  noTimestamp: {flags: ["--input", `${F}/no-timestamp-header.csv`]},
  png: {flags: ["--input", `${F}/image.csv`]},
  utf8: {flags: ["--input", `${F}/invalid-utf8.csv`]},
  utf8Quiet: {flags: ["--input", `${F}/invalid-utf8.csv`], quiet: true},
  json: {flags: ["--input", `${F}/invalid.json`]},
  ndjson: {flags: ["--input", `${F}/invalid-line.ndjson`]},
  openQuote: {flags: ["--input", `${F}/open-quote.csv`]},
  openQuoteQuiet: {flags: ["--input", `${F}/open-quote.csv`], quiet: true},
  zone: {flags: ["--input", `${F}/good.csv`, "--tz", "Mars/Base"]},
  asOf: {flags: ["--input", `${F}/good.csv`, "--as-of", "2026-02-30"]},
  unknownFlag: {flags: ["--input", `${F}/good.csv`, "--colour"]},
  maxRejected: {flags: ["--input", `${F}/some-rejected.csv`, "--as-of", "2026-03-31", "--max-rejected", "20"]},
  maxRejectedQuiet: {flags: ["--input", `${F}/some-rejected.csv`, "--as-of", "2026-03-31", "--max-rejected", "20"], quiet: true},
} satisfies Record<string, Case>;

let tmp = "";
const runs = {} as Record<keyof typeof CASES, Run>;

function cli(flags: string[], out: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["bin/activity-report.js", "build", ...flags, "--out", out], {timeout: 120_000}, (error, _stdout, stderr) => {
      resolve({code: error ? Number((error as {code?: number}).code) : 0, stderr, out});
    });
  });
}

test.before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "ar-cli-errors-"));
  const queue = Object.entries(CASES) as [keyof typeof CASES, Case][];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, {flags, quiet}] = next;
      runs[name] = await cli(quiet ? [...flags, "--quiet"] : flags, path.join(tmp, name));
    }
  };
  await Promise.all([worker(), worker()]);
});

test.after(async () => {
  await rm(tmp, {recursive: true, force: true});
});

/** The one error line: exit code, no stack trace, only progress lines besides it, no site written. */
function errorLine(name: keyof typeof CASES, exitCode = 1): string {
  const {code, stderr, out} = runs[name];
  assert.is(code, exitCode, `${name}: exit code (stderr: ${stderr})`);
  assert.not.match(stderr, /\n\s+at /, `${name}: a stack trace`);
  assert.ok(stderr.endsWith("\n"), `${name}: stderr ends with a newline`);
  const lines = stderr.slice(0, -1).split("\n");
  const errors = lines.filter((line) => !PROGRESS.test(line));
  assert.is(errors.length, 1, `${name}: one error line, got ${JSON.stringify(lines)}`);
  assert.is(lines.at(-1), errors[0], `${name}: the error comes last`);
  if ((CASES[name] as Case).quiet) assert.is(lines.length, 1, `${name}: --quiet leaves the error line alone`);
  assert.ok(!existsSync(out), `${name}: something was written at --out`);
  assert.ok(!existsSync(`${out}.cache`), `${name}: a cache folder was left beside --out`);
  assert.ok(errors[0].startsWith("activity-report: "), errors[0]);
  return errors[0];
}

test("a missing input file", () => {
  assert.is(errorLine("missing"), `activity-report: ${F}/no-such-log.csv: no such file or directory`);
});

test("an empty file", () => {
  assert.match(errorLine("empty"), new RegExp(`^activity-report: ${F}/empty\\.csv: .*empty`));
});

test("a header without `action`", () => {
  assert.match(errorLine("noAction"), new RegExp(`^activity-report: ${F}/no-action-header\\.csv:1: .*"action"`));
});

test("a header without `timestamp` (it has `Time`)", () => {
  assert.match(errorLine("noTimestamp"), new RegExp(`^activity-report: ${F}/no-timestamp-header\\.csv:1: .*"timestamp"`));
});

test("a binary file (PNG bytes) named .csv: its first NUL is on line 3", () => {
  assert.match(errorLine("png"), new RegExp(`^activity-report: ${F}/image\\.csv:3: .*(not a text file|UTF-8)`));
});

test("invalid UTF-8 on line 3 of a CSV, with and without --quiet", () => {
  assert.match(errorLine("utf8"), new RegExp(`^activity-report: ${F}/invalid-utf8\\.csv:3: .*UTF-8`));
  assert.is(errorLine("utf8Quiet"), errorLine("utf8"));
});

test("invalid JSON: a missing comma at line 3, column 39", () => {
  assert.match(errorLine("json"), new RegExp(`^activity-report: ${F}/invalid\\.json:3:39: invalid JSON`));
});

test("invalid NDJSON: an unquoted key at line 2, column 20", () => {
  assert.match(errorLine("ndjson"), new RegExp(`^activity-report: ${F}/invalid-line\\.ndjson:2:20: invalid JSON`));
});

test("a CSV ending inside a quote opened at line 3, column 27", () => {
  assert.match(errorLine("openQuote"), new RegExp(`^activity-report: ${F}/open-quote\\.csv:3:27: .*not closed`));
  assert.is(errorLine("openQuoteQuiet"), errorLine("openQuote"));
});

test("an unknown time zone", () => {
  assert.match(errorLine("zone"), /"Mars\/Base"/);
});

test("an --as-of that is not a date", () => {
  assert.match(errorLine("asOf"), /--as-of.*"2026-02-30"/);
});

test("an unknown flag exits 2", () => {
  assert.match(errorLine("unknownFlag", 2), /--colour/);
});

test("--max-rejected: 3 of 10 rows rejected is above 20 %: counts and the main reasons", () => {
  const line = errorLine("maxRejected");
  assert.match(line, /3 of 10 rows rejected/);
  assert.match(line, /30(\.0)? %/);
  assert.match(line, /--max-rejected 20 %/);
  // two unreadable timestamps ("yesterday", "01/03/2026 10:00") before one empty action
  assert.match(line, /2 × timestamp .*; 1 × action is empty/);
  assert.is(errorLine("maxRejectedQuiet"), line);
});

test.run();
