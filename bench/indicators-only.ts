/**
 * Times the periods and indicators stages alone on a log, with CPU time as well as wall time (the
 * machine is shared, so wall time swings with its load), and can write every period's
 * indicators.json as one JSON line each, to compare two implementations byte for byte.
 *   tsx bench/indicators-only.ts <log> [--as-of YYYY-MM-DD] [--dump file.ndjson]
 * Prints one JSON line: {rows, periods, keysSeconds, indicatorsSeconds, indicatorsCpuSeconds, peakRssMB}.
 */
import {writeFileSync} from "node:fs";
import {parseArgs} from "node:util";
import {ingest} from "../src/ingest/index.js";
import {addPeriodKeys} from "../src/periods/add-period-keys.js";
import {listPeriods} from "../src/periods/list-periods.js";
import {rowsInPeriod} from "../src/periods/rows-in-period.js";
import {computeIndicators} from "../src/indicators/compute-indicators.js";
import {PERIOD_TYPES} from "../src/periods/types.js";

const {values, positionals} = parseArgs({allowPositionals: true, options: {"as-of": {type: "string"}, dump: {type: "string"}}});
const timeZone = "Europe/Paris";
const asOf = values["as-of"] ?? "2025-12-31";
const seconds = (ms: number) => Math.round(ms) / 1000;

const log = await ingest({inputs: positionals, timeZone});
const wall0 = performance.now();
const cpu0 = process.cpuUsage();
const table = addPeriodKeys(log.table, timeZone);
const periods = listPeriods(table, {timeZone, asOf, types: [...PERIOD_TYPES]});
const wall1 = performance.now();
const lines: string[] = [];
for (const period of periods) {
  const indicators = computeIndicators(rowsInPeriod(table, period), {period, top: 5});
  if (values.dump) lines.push(JSON.stringify(indicators));
}
const wall2 = performance.now();
const cpu = process.cpuUsage(cpu0);
if (values.dump) writeFileSync(values.dump, lines.join("\n") + "\n");
console.log(
  JSON.stringify({
    rows: table.numRows(),
    periods: periods.length,
    keysSeconds: seconds(wall1 - wall0),
    indicatorsSeconds: seconds(wall2 - wall1),
    totalSeconds: seconds(wall2 - wall0),
    cpuSeconds: seconds((cpu.user + cpu.system) / 1000),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
