/**
 * `npm run sample`: writes data/sample-activity.csv, the committed sample log that a new user's
 * first build reads. Options: `--out <file>` (defaults to data/sample-activity.csv), `--seed <n>`.
 * The rows come from scripts/log-generator/sample-log.ts; this file only handles the command line.
 */
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname} from "node:path";
import {parseArgs} from "node:util";
import {fileURLToPath} from "node:url";
import {UsageError} from "../src/errors.js";
import {generateSampleCsv} from "./log-generator/sample-log.js";

/** Where the committed sample lives, relative to the repository root. */
export const SAMPLE_PATH = fileURLToPath(new URL("../data/sample-activity.csv", import.meta.url));

/** Parses the command line, writes the sample, returns the path and row count. */
export function runSampleCommand(argv: string[]): {out: string; rows: number; bytes: number} {
  const {values} = parseArgs({args: argv, options: {out: {type: "string"}, seed: {type: "string"}}});
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) {
    throw new UsageError(`--seed: expected an integer, got "${values.seed}"`);
  }
  const out = values.out ?? SAMPLE_PATH;
  const csv = generateSampleCsv({seed});
  mkdirSync(dirname(out), {recursive: true});
  writeFileSync(out, csv);
  return {out, rows: csv.split("\n").length - 2, bytes: Buffer.byteLength(csv)};
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const {out, rows, bytes} = runSampleCommand(process.argv.slice(2));
    console.log(`wrote ${out}: ${rows} rows, ${(bytes / 1024).toFixed(0)} KiB`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}
