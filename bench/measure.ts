/**
 * One benchmark measurement in a fresh process, so that peak RSS belongs to that phase alone.
 *   tsx bench/measure.ts <ingest|indicators|build> <log> [out-dir] [extra build flags...]
 * Prints one JSON line: {phase, seconds, peakRssMB, ...details}.
 */
import {tmpdir} from "node:os";
import path from "node:path";
import {ingest} from "../src/ingest/index.js";
import {addPeriodKeys} from "../src/periods/add-period-keys.js";
import {listPeriods} from "../src/periods/list-periods.js";
import {rowsInPeriod} from "../src/periods/rows-in-period.js";
import {computeIndicators} from "../src/indicators/compute-indicators.js";
import {build} from "../src/build.js";
import {buildConfig} from "../src/config.js";
import {PERIOD_TYPES} from "../src/periods/types.js";

const [phase, log, outArg, ...flags] = process.argv.slice(2);
const options = {timeZone: "Europe/Paris", asOf: "2025-12-31"};
const started = performance.now();
const details: Record<string, unknown> = {};

if (phase === "ingest" || phase === "indicators") {
  const activity = await ingest({inputs: [log], timeZone: options.timeZone});
  details.rows = activity.counts.rows;
  details.ingestSeconds = (performance.now() - started) / 1000;
  if (phase === "indicators") {
    const t0 = performance.now();
    const table = addPeriodKeys(activity.table, options.timeZone);
    const periods = listPeriods(table, {...options, types: [...PERIOD_TYPES]});
    let actions = 0;
    for (const period of periods) actions += computeIndicators(rowsInPeriod(table, period), {period, top: 5}).totals.actions;
    details.periods = periods.length;
    details.indicatorsSeconds = (performance.now() - t0) / 1000;
    details.actionsCounted = actions;
  }
} else if (phase === "build") {
  const out = outArg ?? path.join(tmpdir(), "activity-report-bench", "site");
  const raw: Record<string, unknown> = {input: [log], out, tz: options.timeZone, "as-of": options.asOf, quiet: true, force: true};
  for (let i = 0; i < flags.length; i += 2) raw[flags[i].replace(/^--/, "")] = flags[i + 1];
  const summary = await build(buildConfig(raw), {now: () => new Date(), log: () => {}, progress: () => {}});
  Object.assign(details, {rows: summary.rows, periods: summary.periods, stages: summary.stages, reused: (summary as {reused?: number}).reused});
} else {
  throw new Error(`unknown phase ${phase}`);
}

const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage();
details.cpuSeconds = Math.round((cpu.user + cpu.system) / 1e4) / 100;
const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({phase, seconds: Math.round(seconds * 100) / 100, peakRssMB, ...details}));
