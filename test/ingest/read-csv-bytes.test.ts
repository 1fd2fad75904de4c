import {test} from "uvu";
import * as assert from "uvu/assert";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {LogReading} from "../../src/ingest/index.js";
import type {ResumePoint} from "../../src/ingest/raw-record.js";

const dir = mkdtempSync(join(tmpdir(), "read-csv-bytes-"));
let fileCount = 0;
function csvFile(content: string | Buffer): string {
  const file = join(dir, `f${fileCount++}.csv`);
  writeFileSync(file, content);
  return file;
}

/** Everything an ingest of `files` gives (or the error it throws), read from bytes or as text. */
async function ingestOf(files: string[], byText: boolean, chunkBytes?: number, resume?: ResumePoint): Promise<unknown> {
  const reading = new LogReading(files, "Europe/Paris");
  try {
    for (let i = 0; i < files.length; i++) await reading.read(i, "csv", resume, undefined, {byText, chunkBytes});
  } catch (error) {
    return {error: String(error), type: (error as Error).constructor.name};
  }
  const log = reading.finish();
  return {
    table: log.table.objects(),
    rows: Object.fromEntries(Object.entries(log.rows).map(([name, array]) => [name, Array.from(array as Int32Array)])),
    rejects: log.rejects,
    duplicates: log.duplicates,
    counts: log.counts,
    columns: log.columns,
    columnNames: log.columnNames,
  };
}

/** Asserts that reading from bytes (whole, and `chunkBytes` at a time) gives what read-csv gives; returns that. */
async function sameBothWays(files: string[], chunkBytes = 64, resume?: ResumePoint): Promise<Record<string, unknown>> {
  const expected = await ingestOf(files, true, undefined, resume);
  assert.equal(await ingestOf(files, false, undefined, resume), expected);
  assert.equal(await ingestOf(files, false, chunkBytes, resume), expected);
  return expected as Record<string, unknown>;
}

const HEADER = "timestamp,action,user_id,diff\n";

test("a regular file: values, lines, hashes and codes as read-csv gives them", async () => {
  const text =
    HEADER +
    '2025-01-01T10:00:00.000Z,edit,alice,"{""a"":1}"\n' +
    "2025-01-01T11:00:00.000Z,edit,bob,\n" +
    '2025-01-01T12:00:00.000Z,"create, then edit",élodie,"x\ny"\n' +
    "2025-01-01T14:00:00+01:00,edit,😀,plain\n";
  const result = await sameBothWays([csvFile(text)], 40);
  assert.equal(result.counts, {files: 1, rows: 4, accepted: 4, rejected: 0, duplicates: 0});
  const table = result.table as Record<string, string>[];
  assert.equal(
    table.map((row) => [row.action, row.user_id, row.diff]),
    [
      ["edit", "alice", '{"a":1}'],
      ["edit", "bob", ""],
      ["create, then edit", "élodie", "x\ny"],
      ["edit", "😀", "plain"],
    ],
  );
  assert.equal((result.rows as {line: number[]}).line, [2, 3, 4, 6]);
});

test("CRLF, BOM, blank lines and a last line without newline", async () => {
  const text =
    '\uFEFFtimestamp;action;diff\r\n2025-01-01T10:00:00.000Z;edit;"a\r\nb"\r\n\r\n\n2025-01-01T10:00:01.000Z;edit;c\r\n2025-01-01T10:00:02.000Z;edit;"d"';
  const result = await sameBothWays([csvFile(text)], 24);
  assert.equal((result.rows as {line: number[]}).line, [2, 6, 7]);
  assert.equal(
    (result.table as Record<string, string>[]).map((row) => row.diff),
    ["a\r\nb", "c", "d"],
  );
});

test("rows read-csv alone judges keep their rejects and lines, and the rows after them are read from bytes", async () => {
  const text =
    HEADER +
    "2025-01-01T10:00:00.000Z,edit,alice,x\n" +
    "   \n" + // a line of spaces
    "2025-01-01T10:00:01.000Z,edit,too,many,fields\n" +
    '2025-01-01T10:00:02.000Z,"edit" ,bob,y\n' + // spaces after a closing quote
    '2025-01-01T10:00:03.000Z,"edit"x,bob,y\n' + // text after a closing quote
    "2025-02-30T10:00:00.000Z,edit,alice,x\n" + // not a date
    "2025-01-01T10:00:04.000Z, ,alice,x\n" + // blank action
    "2025-01-01T10:00:00.000Z,edit,alice,x\n" + // a duplicate
    'x,y,z,a"b\r\n' +
    "2025-01-01T10:00:05.000Z,edit,carol,z\n";
  const result = await sameBothWays([csvFile(text)], 48);
  assert.equal(result.counts, {files: 1, rows: 10, accepted: 3, rejected: 6, duplicates: 1});
});

test("an unclosed quote at the end, a NUL byte and invalid UTF-8 fail the file as read-csv does", async () => {
  const unclosed = (await sameBothWays([csvFile(HEADER + '2025-01-01T10:00:00.000Z,edit,a,x\n2025-01-01T10:00:01.000Z,edit,a,"open\n')])) as {error?: string};
  assert.match(unclosed.error ?? "", /:3:\d+: the quoted field opened here is not closed/);
  const nul = (await sameBothWays([
    csvFile(Buffer.concat([Buffer.from(HEADER + "2025-01-01T10:00:00.000Z,edit,a,x\n"), Buffer.from([0]), Buffer.from("\n")])),
  ])) as {error?: string};
  assert.match(nul.error ?? "", /:3: NUL byte/);
  const latin1 = (await sameBothWays([
    csvFile(
      Buffer.concat([Buffer.from(HEADER + "2025-01-01T10:00:00.000Z,edit,a,x\n2025-01-01T10:00:00.000Z,edit,"), Buffer.from([0xe9]), Buffer.from(",x\n")]),
    ),
  ])) as {
    error?: string;
  };
  assert.match(latin1.error ?? "", /:3: bytes that are not valid UTF-8/);
});

test("duplicates across files and with a JSON-like value are found from bytes", async () => {
  const a = csvFile(HEADER + '2025-01-01T10:00:00.000Z,edit,alice,"{""a""""b""}"\n2025-01-01T10:00:01.000Z,edit,élodie,x\n');
  const b = csvFile('action,timestamp,diff,user_id,extra\nedit,2025-01-01T10:00:00.000Z,"{""a""""b""}",alice,\nedit,2025-01-01T10:00:01.000Z,x,élodie,e\n');
  const result = await sameBothWays([a, b], 40);
  assert.equal(result.counts, {files: 2, rows: 4, accepted: 3, rejected: 0, duplicates: 1});
});

test("a resumed read (the incremental path) reads from bytes what read-csv reads", async () => {
  const head = HEADER + "2025-01-01T10:00:00.000Z,edit,alice,x\n";
  const file = csvFile(head + '2025-01-01T10:00:01.000Z,edit,bob,"y\nz"\n2025-01-01T10:00:02.000Z,edit,bob,w\n');
  const result = await sameBothWays([file], 32, {start: Buffer.byteLength(head), line: 3, header: HEADER});
  assert.equal((result.rows as {line: number[]}).line, [3, 5]);
});

/** A small seeded generator (mulberry32), so that a failing case can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = ["alice", "", '""', '"a,b"', '"x""y"', '"m\nl"', '"c\r\nr"', "é", "😀", " ", '"q" ', '"q"x', 'a"b', "a\r", '"', "edit", '""""', "ü,", "a\rb"];
const STAMPS = ["2025-01-01T10:00:00.000Z", "2025-01-02T10:00:00.000Z", "2025-01-01T10:00:00Z", "2025-02-30T10:00:00.000Z", "2025-03-30T02:30:00", "x", ""];

test("random files: read from bytes, whole or in pieces, they give what read-csv gives", async () => {
  const next = random(Number(process.env.FUZZ_SEED ?? 26));
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  for (let round = 0; round < Number(process.env.FUZZ_ROUNDS ?? 300); round++) {
    const separator = next() < 0.2 ? ";" : ",";
    const newline = next() < 0.3 ? "\r\n" : "\n";
    const lines: string[] = [];
    for (let r = 0, rows = Math.floor(next() * 12); r < rows; r++) {
      if (next() < 0.25 && lines.length > 0)
        lines.push(pick(lines)); // a duplicate
      else if (next() < 0.08) lines.push(pick(["", " ", '""', "\r"]));
      else {
        const fields = [pick(STAMPS), pick(["edit", "edit", " ", '"edit"', ...FIELDS]), pick(FIELDS), pick(FIELDS)];
        if (next() < 0.1) fields.push(pick(FIELDS));
        if (next() < 0.1) fields.pop();
        lines.push(fields.join(separator));
      }
    }
    const header = ["timestamp", "action", "user_id", "diff"].join(separator);
    const text = (next() < 0.1 ? "\uFEFF" : "") + [header, ...lines].join(newline) + (next() < 0.8 ? newline : "");
    const file = csvFile(text);
    try {
      await sameBothWays([file], 16 + Math.floor(next() * 64));
    } catch (error) {
      throw new Error(`round ${round}: ${JSON.stringify(text)}: ${(error as Error).message}`);
    }
  }
});

test.run();
