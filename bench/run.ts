/**
 * `npm run bench`: generates benchmark logs (cached in bench/logs/) and measures, each in its own
 * process, wall time and peak RSS of ingest, ingest + indicators of every period, and the whole build.
 *   npm run bench -- --sizes 100000,1000000 --phases ingest,indicators,build
 * Prints a Markdown table (paste it into the README) and writes bench/results.json.
 */
import {execFileSync} from "node:child_process";
import {existsSync} from "node:fs";
import {writeFile} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {parseArgs} from "node:util";
import {generateBenchLog} from "./generate-log.js";

const {values} = parseArgs({options: {sizes: {type: "string"}, phases: {type: "string"}}});
const sizes = (values.sizes ?? "1000000").split(",").map(Number);
const phases = (values.phases ?? "ingest,indicators,build").split(",");
const label = (rows: number) => (rows >= 1e6 ? `${rows / 1e6}m` : `${rows / 1e3}k`);

const results: Record<string, unknown>[] = [];
for (const rows of sizes) {
  const log = path.resolve(`bench/logs/log-${label(rows)}.csv`);
  if (!existsSync(log)) {
    process.stderr.write(`generating ${log}...\n`);
    await generateBenchLog({rows, out: log});
  }
  for (const phase of phases) {
    const out = path.join(os.tmpdir(), "activity-report-bench", `site-${label(rows)}`);
    const line = execFileSync(process.execPath, ["--import", "tsx", "bench/measure.ts", phase, log, out], {encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"]});
    const result = {rows, ...JSON.parse(line.trim().split("\n").at(-1)!)};
    results.push(result);
    process.stderr.write(JSON.stringify(result) + "\n");
  }
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`\nMachine: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
console.log("| rows | phase | wall time (s) | peak RSS (MB) |\n| ---: | --- | ---: | ---: |");
for (const r of results) console.log(`| ${(r.rows as number).toLocaleString("en")} | ${r.phase} | ${r.seconds} | ${r.peakRssMB} |`);
await writeFile("bench/results.json", JSON.stringify({machine: {cores: os.cpus().length, cpu, node: process.version}, results}, null, 2) + "\n");
