/**
 * The input limits through the real CLI (`node bin/activity-report.js build ...`): rows dated
 * outside the years a report covers, NDJSON lines nested 5,000 deep and CSV lines of spaces, a tab
 * or `""` are rejected rows, not a crash or nothing; an --as-of outside those years, a JSON file
 * naming "results" twice and a CSV file with CR-only line ends are one line and exit 1. Each run is checked for its exit code, stderr without a stack trace, and what it
 * wrote. The runs are started together in `before` (two at a time), each test checks one.
 */
import {test} from "uvu";
import * as assert from "uvu/assert";
import {execFile, execFileSync} from "node:child_process";
import {existsSync, readFileSync} from "node:fs";
import {copyFile, mkdir, mkdtemp, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";

const F = "test/fixtures/reliability";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  out: string;
}

const CASES = {
  farDates: ["--input", `${F}/far-dates.csv`, "--as-of", "2026-03-31", "--max-rejected", "100"],
  asOfFar: ["--input", `${F}/good.csv`, "--as-of", "9999-12-31"],
  asOfZero: ["--input", `${F}/good.csv`, "--as-of", "0000-01-01"],
  deepNdjson: ["--input", "{tmp}/deep.ndjson", "--as-of", "2026-03-31", "--max-rejected", "100"],
  repeatedResults: ["--input", `${F}/repeated-results.json`, "--as-of", "2026-03-31"],
  crOnly: ["--input", `${F}/cr-only.csv`, "--as-of", "2026-03-31"],
  blankLines: ["--input", `${F}/blank-and-mixed-lines.csv`, "--as-of", "2026-03-31", "--max-rejected", "100"],
  fifoInput: ["--input", "{tmp}/pipe.csv", "--as-of", "2026-03-31"],
  fifoInFolder: ["--input", "{tmp}/logs", "--as-of", "2026-03-31", "--json"],
  fifoInFolderText: ["--input", "{tmp}/logs", "--as-of", "2026-03-31"],
} satisfies Record<string, string[]>;

/** Runs whose summary on stdout is checked: without --quiet. */
const SUMMARIES = new Set<string>(["fifoInFolder", "fifoInFolderText"]);

let tmp = "";
const runs = {} as Record<keyof typeof CASES, Run>;

function cli(flags: string[], out: string, quiet: string[]): Promise<Run> {
  return new Promise((resolve) => {
    // a FIFO given as --input blocked for ever: 60 s is plenty for these small builds
    execFile(
      process.execPath,
      ["bin/activity-report.js", "build", ...flags, "--out", out, ...quiet, "--no-cache"],
      {timeout: 60_000},
      (error, stdout, stderr) => {
        resolve({code: error ? Number((error as {code?: number}).code) : 0, stdout, stderr, out});
      },
    );
  });
}

test.before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "ar-input-limits-"));
  const row = (action: string, diff: string) => `{"timestamp": "2026-03-02T08:15:00Z", "user_id": "alice", "action": "${action}", "diff": ${diff}}\n`;
  await writeFile(path.join(tmp, "deep.ndjson"), row("a", "{}") + row("b", "[".repeat(5000) + "]".repeat(5000)) + row("c", "[]"));
  execFileSync("mkfifo", [path.join(tmp, "pipe.csv")]);
  await mkdir(path.join(tmp, "logs"));
  await copyFile(`${F}/good.csv`, path.join(tmp, "logs", "a.csv"));
  execFileSync("mkfifo", [path.join(tmp, "logs", "b.csv")]);
  const queue = Object.entries(CASES) as [keyof typeof CASES, string[]][];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, flags] = next;
      runs[name] = await cli(
        flags.map((flag) => flag.replace("{tmp}", tmp)),
        path.join(tmp, name),
        SUMMARIES.has(name) ? [] : ["--quiet"],
      );
    }
  };
  await Promise.all([worker(), worker()]);
});

test.after(async () => {
  await rm(tmp, {recursive: true, force: true});
});

/** The run's one error line (exit 1, no stack trace, nothing at --out). */
function errorLine(name: keyof typeof CASES): string {
  const {code, stderr, out} = runs[name];
  assert.is(code, 1, `${name}: exit code (stderr: ${stderr})`);
  assert.not.match(stderr, /\n\s+at /, `${name}: a stack trace`);
  assert.is(stderr.split("\n").length, 2, `${name}: one line: ${stderr}`);
  assert.ok(!existsSync(out), `${name}: something was written at --out`);
  return stderr.trimEnd();
}

/** The run succeeded: its rejects.csv rows (file, line, reason). */
function rejects(name: keyof typeof CASES): string[][] {
  const {code, stderr, out} = runs[name];
  assert.is(code, 0, `${name}: exit code (stderr: ${stderr})`);
  assert.is(stderr, "", `${name}: stderr`);
  const lines = readFileSync(path.join(out, "rejects.csv"), "utf8").trim().split("\n").slice(1);
  // each line starts with three quoted cells: file, line, reason
  return lines.map((line) =>
    /^"((?:[^"]|"")*)","(\d+)","((?:[^"]|"")*)"/
      .exec(line)!
      .slice(1)
      .map((cell) => cell.replaceAll('""', '"')),
  );
}

test("rows dated 9999, 0001 and a second before 1970 are rejected with their reason, every period type built", () => {
  const outside = (stamp: string) => `timestamp "${stamp}" is outside the years 1970 to 2199 (UTC) that a report covers`;
  assert.equal(rejects("farDates"), [
    [`${F}/far-dates.csv`, "3", outside("9999-03-02T08:15:00Z")],
    [`${F}/far-dates.csv`, "5", outside("0001-01-01T00:00:00Z")],
    [`${F}/far-dates.csv`, "7", outside("1969-12-31T23:59:59Z")],
  ]);
  const report = JSON.parse(readFileSync(path.join(runs.farDates.out, "report.json"), "utf8"));
  assert.equal(report.input, {files: 1, rows: 7, accepted: 4, rejected: 3, duplicates: 0, afterAsOf: 0});
  assert.equal(
    report.periods.filter((p: {type: string}) => p.type === "year").map((p: {key: string}) => p.key),
    ["2026"],
  );
  const all = report.periods.find((p: {type: string}) => p.type === "all");
  assert.is(all.start.slice(0, 7), "2026-03");
});

test("--as-of 9999-12-31 and 0000-01-01: one line, exit 1", () => {
  assert.is(errorLine("asOfFar"), 'activity-report: option --as-of: "9999-12-31" is outside the years 1970 to 2199 that a report covers');
  assert.is(errorLine("asOfZero"), 'activity-report: option --as-of: "0000-01-01" is outside the years 1970 to 2199 that a report covers');
});

test("an NDJSON line nested 5,000 arrays deep is a rejected row naming its line", () => {
  assert.equal(rejects("deepNdjson"), [[`${tmp}/deep.ndjson`, "2", "record nests arrays or objects more than 1000 levels deep"]]);
  const report = JSON.parse(readFileSync(path.join(runs.deepNdjson.out, "report.json"), "utf8"));
  assert.equal(report.input, {files: 1, rows: 3, accepted: 2, rejected: 1, duplicates: 0, afterAsOf: 0});
});

test('a JSON file naming "results" twice: one line with file:line:column, exit 1', () => {
  assert.is(
    errorLine("repeatedResults"),
    `activity-report: ${F}/repeated-results.json:4:1: key "results" appears a second time in the top-level object (JSON keeps only the last: rows would be lost)`,
  );
});

test("a CSV whose lines end with CR alone: one line saying so, exit 1", () => {
  assert.is(
    errorLine("crOnly"),
    `activity-report: ${F}/cr-only.csv:1: the header line holds a carriage return (CR) that does not end it: are the lines ended by CR alone (classic Mac OS)? Save the file with LF or CRLF line ends`,
  );
});

test('a CRLF CSV with LF-only lines and lines of spaces, a tab or "": one row per line, each accounted for', () => {
  const blank = 'blank line (only spaces, tabs or "")';
  const file = `${F}/blank-and-mixed-lines.csv`;
  assert.equal(rejects("blankLines"), [
    [file, "4", blank],
    [file, "5", blank],
    [file, "6", blank],
  ]);
  const report = JSON.parse(readFileSync(path.join(runs.blankLines.out, "report.json"), "utf8"));
  assert.equal(report.input, {files: 1, rows: 7, accepted: 4, rejected: 3, duplicates: 0, afterAsOf: 0});
  const actions = JSON.parse(readFileSync(path.join(runs.blankLines.out, "activity.json"), "utf8")).map((row: {action: string}) => row.action);
  assert.equal(actions, ["edit_dataset", "publish_dataset", "edit_page", "edit_dataset"]);
});

test("a FIFO given as --input: one line, exit 1, at once (it blocked for ever)", () => {
  assert.is(errorLine("fifoInput"), `activity-report: ${tmp}/pipe.csv: a FIFO, not a regular file: give a log file or a folder of them`);
});

test("a FIFO in an input folder is skipped and named in the --json summary", () => {
  const {code, stdout, stderr} = runs.fifoInFolder;
  assert.is(code, 0, stderr);
  const summary = JSON.parse(stdout);
  assert.equal(summary.skipped, [`${tmp}/logs/b.csv (a FIFO, not a regular file)`]);
  assert.is(summary.rows, 4);
  assert.is(runs.fifoInFolderText.code, 0, runs.fifoInFolderText.stderr);
  assert.match(runs.fifoInFolderText.stdout, new RegExp(`^4 rows: .* -> .*fifoInFolderText; skipped ${tmp}/logs/b\\.csv \\(a FIFO, not a regular file\\)\n$`));
});

test.run();
