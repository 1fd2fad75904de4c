/**
 * The charts of a small made-up week, which a chart worker renders once while the main thread
 * reads the log: the first charts a fresh worker renders cost four times the next ones (vega's code
 * is not yet optimised by the JIT: 0.66 s for a first page of 7 charts, 0.15 s for the next ones, at
 * 1M rows on the project's machine). An incremental build renders five pages or so, so that first
 * page would be a third of its chart time. Nothing rendered here is written anywhere.
 */
import type {PeriodIndicators} from "../indicators/types.js";
import {actionPalette} from "./palette.js";
import {chartSpecs} from "./registry.js";
import type {ChartSpec} from "./types.js";

const ACTIONS = ["edit_dataset", "edit_page", "publish_dataset", "add_user_to_group"];
const USERS = ["a.user", "b.user", "c.user", "d.user", "e.user", "f.user"];
const DAYS = ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07", "2025-03-08", "2025-03-09"];

/** Chart specs shaped like a real week's, from fixed made-up figures. */
export function warmUpSpecs(): ChartSpec[] {
  const series = DAYS.flatMap((bucket, d) => ACTIONS.map((action, a) => ({bucket, action, count: 1 + ((d * 7 + a * 3) % 11)})));
  const byAction = (n: number) => Object.fromEntries(ACTIONS.slice(0, 1 + (n % ACTIONS.length)).map((action, a) => [action, n + a]));
  const ranked = <K extends string>(key: K, names: string[]) =>
    names.map((name, i) => ({[key]: name, count: 40 - i * 5, byAction: byAction(i)}) as {[P in K]: string} & {count: number; byAction: Record<string, number>});
  const total = series.reduce((sum, {count}) => sum + count, 0);
  const indicators: PeriodIndicators = {
    period: {type: "week", key: "2025-W10", start: "2025-03-03T00:00:00+01:00", end: "2025-03-10T00:00:00+01:00", timeZone: "Europe/Paris"},
    totals: {actions: total, users: USERS.length, datasets: 5, pages: 5, actionsPerUser: total / USERS.length},
    actions: {bucket: "day", buckets: DAYS, series},
    usersOverTime: DAYS.map((bucket, d) => ({bucket, users: 1 + (d % USERS.length)})),
    actionsByUser: USERS.map((user_id, i) => ({user_id, count: 40 - i * 5})),
    topUsers: ranked("user_id", USERS.slice(0, 5)),
    topDatasets: ranked("dataset_id", ["budget", "trafic", "air", "creches", "velos"]),
    topPages: ranked("page_id", ["accueil", "reutilisations", "budget", "elections", "aide"]),
    distribution: ACTIONS.map((action, a) => ({action, count: 30 - a * 5, share: (30 - a * 5) / 90})),
    // DAYS run Monday to Sunday
    byWeekday: DAYS.map((bucket, d) => ({
      weekday: d + 1,
      actions: series.filter((cell) => cell.bucket === bucket).reduce((sum, {count}) => sum + count, 0),
      users: 1 + (d % USERS.length),
    })),
  };
  return chartSpecs(indicators, actionPalette(ACTIONS));
}
