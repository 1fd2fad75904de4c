/**
 * Memory check for huge fields: writes a ~200 MB CSV (about 50 MB of ordinary rows and three
 * 50 MB fields: a plain run of "x", a quoted JSON-like field dense in doubled quotes, commas and
 * newlines, and a quoted multi-byte one), ingests it in a child process that samples its own memory, checks that
 * only the three huge rows are rejected (at the right lines) and that the child's peak RSS stays
 * under 2 GB, prints the figures as JSON, and deletes the file. Exits 1 when a check fails.
 *   npx tsx test/reliability/huge-fields-memory.ts [--mb-per-field 50] [--normal-rows 550000]
 * huge-fields.test.ts runs it smaller; this full size is for a manual run.
 */
import {spawn} from "node:child_process";
import {mkdtemp, open, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";

/** What the child reports. */
export interface MemoryReport {
  bytes: number;
  seconds: number;
  counts: {rows: number; accepted: number; rejected: number; duplicates: number};
  rejects: {line: number; reason: string; cutLength: number}[];
  /** bytes */
  peakSampledRss: number;
  /** bytes, from resourceUsage().maxRSS */
  maxRss: number;
}

/** The expected outcome of a generated file. */
export interface HugeFieldsPlan {
  file: string;
  bytes: number;
  normalRows: number;
  /** the lines where the huge rows start, in file order */
  hugeLines: number[];
}

const HEADER = "timestamp,domain_id,user_id,dataset_id,username,action,group_id,page_id,diff,map_id,reuse_title,subdomain_id\n";
const MB = 1024 * 1024;

/** Writes the test CSV: normal rows in three runs with a huge row before, between and after them. */
export async function writeHugeFieldsCsv(file: string, mbPerField: number, normalRows: number): Promise<HugeFieldsPlan> {
  const handle = await open(file, "w");
  let bytes = 0,
    line = 1,
    written = 0;
  const write = async (text: string) => {
    bytes += (await handle.write(text)).bytesWritten;
  };
  const normal = async (count: number) => {
    let chunk = "";
    for (let i = 0; i < count; i++, written++) {
      const time = new Date(Date.UTC(2025, 0, 1) + written * 60_000).toISOString();
      chunk += `${time},demo,user${written % 200},ds${written % 5000},,edit_dataset,,,"{""n"":${written}}",,,\n`;
      if (chunk.length > 4 * MB) (await write(chunk), (chunk = ""));
    }
    await write(chunk);
    line += count;
  };
  // a field of `mb` MB written in 1 MB pieces, never held whole here
  const huge = async (before: string, piece: string, after: string, newlinesPerPiece: number) => {
    await write(before);
    const block = piece.repeat(Math.ceil(MB / Buffer.byteLength(piece)));
    for (let i = 0; i < mbPerField; i++) await write(block);
    await write(after);
    const start = line;
    line += 1 + mbPerField * Math.ceil(MB / Buffer.byteLength(piece)) * newlinesPerPiece;
    return start;
  };
  try {
    await write(HEADER);
    line = 2;
    const third = Math.floor(normalRows / 3);
    const hugeLines: number[] = [];
    hugeLines.push(await huge("2025-06-01T00:00:00Z,demo,u,ds,,edit_dataset,,,", "x", ",,,\n", 0));
    await normal(third);
    // JSON as a diff holds it: a doubled quote every few characters, separators, one newline a piece
    hugeLines.push(await huge('2025-06-01T00:00:01Z,demo,u,ds,,edit_dataset,,,"', '{""field"":""title"",""old"":""a, b;"",""new"":""c\nd""},', '",,,\n', 1));
    await normal(third);
    hugeLines.push(await huge('2025-06-01T00:00:02Z,demo,u,ds,,"', "éàü日本", '",,,,,,\n', 0));
    await normal(normalRows - 2 * third);
    return {file, bytes, normalRows, hugeLines};
  } finally {
    await handle.close();
  }
}

/** In the child: ingest `file`, sampling RSS every 50 ms, and print a MemoryReport. */
async function ingestAndMeasure(file: string): Promise<void> {
  const {ingest} = await import("../../src/ingest/index.js");
  const {statSync} = await import("node:fs");
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const log = await ingest({inputs: [file], timeZone: "UTC"});
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const report: MemoryReport = {
    bytes: statSync(file).size,
    seconds: Math.round(seconds * 100) / 100,
    counts: {rows: log.counts.rows, accepted: log.counts.accepted, rejected: log.counts.rejected, duplicates: log.counts.duplicates},
    rejects: log.rejects.map((r) => ({line: r.line, reason: r.reason, cutLength: Math.max(...Object.values(r.fields).map((v) => v.length))})),
    peakSampledRss: peak,
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(JSON.stringify(report) + "\n");
}

/** Runs the measuring child on `file` (node + tsx, nothing else loaded) and returns its report. */
export function measureInChild(file: string): Promise<MemoryReport> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, "--child", file], {stdio: ["ignore", "pipe", "pipe"]});
    let out = "",
      err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

/** The differences between a report and its plan, in words; empty when all is well. */
export function problems(report: MemoryReport, plan: HugeFieldsPlan, maxRssBytes = 2 * 1024 * MB): string[] {
  const found: string[] = [];
  const rows = plan.normalRows + plan.hugeLines.length;
  if (report.counts.rows !== rows) found.push(`rows: ${report.counts.rows}, expected ${rows}`);
  if (report.counts.accepted !== plan.normalRows) found.push(`accepted: ${report.counts.accepted}, expected ${plan.normalRows}`);
  const lines = report.rejects.map((r) => r.line);
  if (JSON.stringify(lines) !== JSON.stringify(plan.hugeLines)) found.push(`rejected lines ${lines}, expected ${plan.hugeLines}`);
  for (const r of report.rejects) {
    if (!/larger than 1 MiB/.test(r.reason)) found.push(`line ${r.line}: reason "${r.reason}"`);
    if (r.cutLength > 1100) found.push(`line ${r.line}: a reported value of ${r.cutLength} characters (not cut to 1 KiB)`);
  }
  if (report.maxRss > maxRssBytes) found.push(`max RSS ${Math.round(report.maxRss / MB)} MB, limit ${Math.round(maxRssBytes / MB)} MB`);
  return found;
}

async function main(): Promise<void> {
  const {values} = parseArgs({options: {child: {type: "string"}, "mb-per-field": {type: "string"}, "normal-rows": {type: "string"}}});
  if (values.child !== undefined) return ingestAndMeasure(values.child);
  const dir = await mkdtemp(path.join(tmpdir(), "ar-huge-"));
  try {
    const plan = await writeHugeFieldsCsv(path.join(dir, "huge.csv"), Number(values["mb-per-field"] ?? 50), Number(values["normal-rows"] ?? 550_000));
    const started = performance.now();
    const report = await measureInChild(plan.file);
    const found = problems(report, plan);
    const mb = (n: number) => `${Math.round(n / MB)} MB`;
    console.log(JSON.stringify({...report, childSeconds: Math.round((performance.now() - started) / 10) / 100}));
    console.log(
      `${mb(report.bytes)} CSV, ${report.counts.rows} rows in ${report.seconds} s; peak RSS ${mb(report.maxRss)} (sampled ${mb(report.peakSampledRss)})`,
    );
    for (const problem of found) console.error(`FAIL ${problem}`);
    process.exitCode = found.length > 0 ? 1 : 0;
  } finally {
    await rm(dir, {recursive: true, force: true});
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
